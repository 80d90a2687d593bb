package nl.meedoen.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    /** Fields a producer adds later must not break a consumer (additive evolution). */
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public boolean isTombstone() {
        return payload == null;
    }

    /**
     * The payload as a consumer's record type, ignoring fields it does not know; null for a tombstone. A payload
     * that is no such JSON is a {@link MalformedEventException} ("payload is not {@code what}: …"), which parks the
     * record on the dead-letter topic.
     */
    public <T> T payloadAs(Class<T> type, String what) {
        if (payload == null) {
            return null;
        }
        try {
            return LENIENT.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not " + what + ": " + e.getMessage(), e);
        }
    }
}
