package nl.meedoen.notification.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new version of a template: three Qute parts and the sample data that declares its placeholders. */
@Schema(name = "TemplateRequest")
public record TemplateRequest(
        @NotBlank @Size(max = 500) @Schema(example = "Uw mening over {consultationTitle}")
        String subject,

        @NotBlank
        @Size(max = 100_000)
        @Schema(example = "<p>Beste {tenantName},</p><p><a href=\"{invitationUrl}\">Doe mee</a></p>")
        String html,

        @NotBlank @Size(max = 100_000) @Schema(example = "Beste {tenantName},\n\nDoe mee: {invitationUrl}")
        String text,

        @NotNull
        @Schema(
                description = "Every data placeholder the template uses, with a sample value (used by the preview). "
                        + "tenantName and unsubscribeUrl are standard and filled in per recipient.",
                example = "{\"consultationTitle\":\"Nieuwe speeltuin\",\"invitationUrl\":\"https://example.nl/i/abc\"}")
        Map<String, Object> sampleData) {}
