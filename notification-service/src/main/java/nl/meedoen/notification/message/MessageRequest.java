package nl.meedoen.notification.message;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/messages}: one message to one tenant (the same fields as the Kafka request). */
@Schema(name = "MessageRequest")
public record MessageRequest(
        @Schema(
                description =
                        "Your stable id of this message; a retry with the same id never sends twice. Generated when absent.",
                example = "crm-2027-0001")
        String requestId,

        @Schema(required = true, example = "T-1001") String tenantRef,

        @Schema(
                required = true,
                enumeration = {"consultation", "panel", "recruitment", "feedback", "service"},
                description =
                        "service = transactional (no opt-out, no contact budget); feedback = about the tenant's own participation"
                                + " (no contact budget; only an opt-out of all holds)",
                example = "consultation")
        String purpose,

        @Schema(required = true, example = "consultation.invitation")
        String templateKey,

        @Schema(
                description = "The template's placeholders",
                example =
                        "{\"consultationTitle\":\"Nieuwe speeltuin\",\"goal\":\"samen kiezen\",\"closesOn\":\"15 maart\",\"invitationUrl\":\"https://example.nl/i/abc\"}")
        Map<String, Object> data,

        @Schema(
                enumeration = {"EMAIL", "LETTER"},
                description = "Default: the tenant's preferred channel. The register decides in the end: "
                        + "EMAIL to a tenant without a usable email address or who prefers letters is a letter")
        String channel,

        @Schema(
                description =
                        "What the message comes from, <kind>:<id>: deliveries and letters can be followed and printed per source",
                example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c")
        String source) {}
