package nl.meedoen.notification.template;

import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One stored version of a template. */
@Schema(name = "Template")
public record TemplateView(
        @Schema(example = "consultation.invitation") String templateKey,
        @Schema(example = "nl") String language,
        @Schema(example = "2") int version,
        String subject,
        String html,
        String text,
        Map<String, Object> sampleData,
        OffsetDateTime createdAt) {}
