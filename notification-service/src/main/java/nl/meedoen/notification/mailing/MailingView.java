package nl.meedoen.notification.mailing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mailing with its progress. */
@Schema(name = "Mailing")
public record MailingView(
        UUID id,
        String name,
        String templateKey,
        String purpose,
        String channel,

        @Schema(
                description = "What it is for: the source its deliveries carry",
                example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c")
        String source,

        @Schema(example = "RUNNING") Mailing.Status status,
        OffsetDateTime scheduledAt,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        long version,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description =
                        "Its latest job (creating the messages): status, done/total recipients, ETA; CANCELLED after a pause, "
                                + "a new one after resume",
                example = "/api/v1/jobs/notification/0c4e...")
        String job,

        Progress progress) {

    @Schema(name = "MailingProgress")
    public record Progress(
            @Schema(description = "Tenants in the audience (counted at start)")
            Integer audienceSize,

            @Schema(description = "Deliveries created so far")
            long materialised,

            @Schema(example = "{\"SENT\":812,\"QUEUED\":150,\"SUPPRESSED\":38}")
            Map<String, Long> counts,

            @Schema(
                    description =
                            "Tenants reached per channel (every delivery not held back or cancelled): honest reach, letters included",
                    example = "{\"EMAIL\":812,\"LETTER\":150}")
            Map<String, Long> channels,

            @Schema(description = "Messages handed to SMTP per second, over the last minute")
            double ratePerSecond,

            @Schema(description = "Seconds until every email is handed over at the current rate; null when unknown")
            Long etaSeconds) {}
}
