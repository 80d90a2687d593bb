package nl.meedoen.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.correlation.CorrelationId;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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

    @Inject
    EntityManager em;

    /**
     * @param type    {@code nl.meedoen.<service>.<event>.v1}
     * @param key     the aggregate id: Kafka's partition key, so order holds per aggregate
     * @param payload serialized as JSON
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String type, String key, Object payload) {
        return write(topic, type, key, json(payload, type));
    }

    private String json(Object payload, String type) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable: " + type, e);
        }
    }

    /** One event of a {@link #publishAll(String, String, List)} batch, with the correlation id of the request it came from. */
    public record Pending(String key, Object payload, String correlationId) {
    }

    /**
     * Many events of one type at once, as a single JDBC batch in the caller's transaction (for
     * workers that change thousands of rows per round); the same rows {@link #publish} writes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void publishAll(String topic, String type, List<T> payloads, Function<T, String> keyOf) {
        String correlationId = CorrelationId.current();
        publishAll(topic, type, payloads.stream().map(p -> new Pending(keyOf.apply(p), p, correlationId)).toList());
    }

    /** The same for events of different requests written together (a group commit), each keeping its request's correlation id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, String type, List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush(); // rows persisted through Hibernate before these keep their order
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, event_key, type, source, subject, occurred_at, correlation_id, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Pending event : events) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, topic);
                    ps.setString(3, event.key());
                    ps.setString(4, type);
                    ps.setString(5, config.source());
                    ps.setString(6, event.key());
                    ps.setObject(7, now);
                    ps.setString(8, event.correlationId());
                    ps.setString(9, json(event.payload(), type));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        written.fire(new Written());
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
