package nl.meedoen.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.tracing.TraceContext;
import org.hibernate.Session;

/**
 * Writes events in the caller's business transaction (MANDATORY: there is no way to publish
 * outside one, so there are no dual writes). {@link OutboxRelay} publishes them after commit.
 * Each row keeps the correlation id and the W3C trace context of the request that wrote it.
 */
@ApplicationScoped
public class Outbox {

    /** Fired after each write so the relay in this process wakes up once the transaction commits. */
    public record Written() {}

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

    /**
     * One event of a {@link #publishAll(String, String, List)} batch, with the correlation id and the trace
     * context ({@link TraceContext#current()} on the request's thread; null for none) of the request it came from.
     */
    public record Pending(String key, Object payload, String correlationId, TraceContext traceContext) {

        /** Without a trace context: the writer's own span would be the wrong request's. */
        public Pending(String key, Object payload, String correlationId) {
            this(key, payload, correlationId, null);
        }
    }

    /**
     * Many events of one type at once, as a single statement in the caller's transaction (for
     * workers that change thousands of rows per round); the same rows {@link #publish} writes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void publishAll(String topic, String type, List<T> payloads, Function<T, String> keyOf) {
        String correlationId = CorrelationId.current();
        TraceContext trace = TraceContext.current();
        publishAll(
                topic,
                type,
                payloads.stream()
                        .map(p -> new Pending(keyOf.apply(p), p, correlationId, trace))
                        .toList());
    }

    /** The same for events of different requests written together (a group commit), each keeping its request's correlation id and trace. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, String type, List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush(); // rows persisted through Hibernate before these keep their order
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] correlationIds = new String[n];
        String[] payloads = new String[n];
        String[] traceparents = new String[n];
        String[] tracestates = new String[n];
        for (int i = 0; i < n; i++) {
            Pending event = events.get(i);
            ids[i] = UUID.randomUUID();
            keys[i] = event.key();
            correlationIds[i] = event.correlationId();
            payloads[i] = json(event.payload(), type);
            if (event.traceContext() != null) {
                traceparents[i] = event.traceContext().traceparent();
                tracestates[i] = event.traceContext().tracestate();
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            // in the list's order, so the relay publishes them in that order
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, event_key, type, source, subject, occurred_at, correlation_id, payload,
                                              traceparent, tracestate)
                    SELECT e, ?, k, ?, ?, k, ?::timestamptz, c, p, tp, ts
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS x(e, k, c, p, tp, ts, n)
                    ORDER BY n""")) {
                ps.setString(1, topic);
                ps.setString(2, type);
                ps.setString(3, config.source());
                ps.setObject(4, now);
                ps.setArray(5, connection.createArrayOf("uuid", ids));
                ps.setArray(6, connection.createArrayOf("text", keys));
                ps.setArray(7, connection.createArrayOf("text", correlationIds));
                ps.setArray(8, connection.createArrayOf("text", payloads));
                ps.setArray(9, connection.createArrayOf("text", traceparents));
                ps.setArray(10, connection.createArrayOf("text", tracestates));
                ps.executeUpdate();
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
        TraceContext trace = TraceContext.current();
        if (trace != null) {
            event.traceparent = trace.traceparent();
            event.tracestate = trace.tracestate();
        }
        event.persist();
        written.fire(new Written());
        return event.eventId;
    }
}
