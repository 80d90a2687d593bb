package nl.meedoen.notification.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A delivery as the API shows it (no address, no message data). */
@Schema(name = "Delivery")
public record DeliveryView(
        UUID id,
        @Schema(example = "consultation-42-invite-T-1001") String requestId,
        UUID mailingId,

        @Schema(
                example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c",
                description = "What it came from: <kind>:<id>; a mailing's own source, else mailing:<id>")
        String source,

        @Schema(example = "T-1001") String tenantRef,
        @Schema(example = "consultation") String purpose,
        @Schema(example = "consultation.invitation") String templateKey,
        @Schema(example = "EMAIL") String channel,
        @Schema(example = "SUPPRESSED") DeliveryStatus status,

        @Schema(example = "BUDGET_EXHAUSTED", description = "Why it was held back or failed")
        String reason,

        @Schema(example = "nl") String language,
        Integer templateVersion,
        int attempts,
        UUID printBatchId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime sentAt) {

    public static DeliveryView of(Delivery d) {
        return new DeliveryView(
                d.id,
                d.requestId,
                d.mailingId,
                d.source,
                d.tenantRef,
                d.purpose,
                d.templateKey,
                d.channel,
                DeliveryStatus.valueOf(d.status),
                d.reason,
                d.language,
                d.templateVersion,
                d.attempts,
                d.printBatchId,
                d.createdAt,
                d.updatedAt,
                d.sentAt);
    }
}
