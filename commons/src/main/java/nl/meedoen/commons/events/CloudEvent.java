package nl.meedoen.commons.events;

import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event as it travels over Kafka in binary mode: the attributes in {@code ce_*}
 * headers, the JSON payload as the record value (null for a tombstone), the aggregate id as key.
 */
public record CloudEvent(
        String id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String correlationId,
        String key,
        String payload) {

    public boolean isTombstone() {
        return payload == null;
    }
}
