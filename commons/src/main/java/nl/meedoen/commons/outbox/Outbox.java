package nl.meedoen.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.correlation.CorrelationId;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes events in the caller's business transaction (MANDATORY: there is no way to publish
 * outside one, so there are no dual writes). {@link OutboxRelay} publishes them after commit.
 */
@ApplicationScoped
public class Outbox {

    /** Fired after each write so the relay in this process wakes up once the transaction commits. */
    public record Written() {
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxConfig config;

    @Inject
    Event<Written> written;

    /**
     * @param type    {@code nl.meedoen.<service>.<event>.v1}
     * @param key     the aggregate id: Kafka's partition key, so order holds per aggregate
     * @param payload serialized as JSON
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String type, String key, Object payload) {
        try {
            return write(topic, type, key, mapper.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable: " + type, e);
        }
    }

    /** A tombstone (null value) for a compacted topic: the aggregate is gone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID tombstone(String topic, String type, String key) {
        return write(topic, type, key, null);
    }

    private UUID write(String topic, String type, String key, String json) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = topic;
        event.type = type;
        event.eventKey = key;
        event.subject = key;
        event.source = config.source();
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        event.correlationId = CorrelationId.current();
        event.payload = json;
        event.persist();
        written.fire(new Written());
        return event.eventId;
    }
}
