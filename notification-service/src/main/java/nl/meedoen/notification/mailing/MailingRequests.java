package nl.meedoen.notification.mailing;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the mailing API. */
public final class MailingRequests {

    private MailingRequests() {}

    @Schema(name = "MailingStart")
    public record Start(
            @Schema(
                    description = "Start later (ISO-8601 with offset); default now",
                    example = "2027-03-01T09:00:00+01:00")
            OffsetDateTime startAt) {}
}
