package nl.meedoen.commons.inbox;

import java.time.OffsetDateTime;

/** Response bodies of the dead-letter API. */
public final class DeadLetterViews {

    private DeadLetterViews() {}

    public record Entry(
            String topic,
            int partition,
            long offset,
            OffsetDateTime parkedAt,
            String originalTopic,
            String key,
            String type,
            String eventId,
            String reason,
            String cause,
            OffsetDateTime replayedAt,
            String replayedBy,
            String payload) {}
}
