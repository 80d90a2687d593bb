package nl.meedoen.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.sql.CopyRows;
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
     * Many events of one type at once, as one COPY in the caller's transaction (for
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
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        em.flush(); // rows persisted through Hibernate before these keep their order
        CopyRows rows = new CopyRows(events.size());
        for (Pending event : events) {
            TraceContext trace = event.traceContext();
            rows.value(UUID.randomUUID())
                    .value(topic)
                    .value(event.key())
                    .value(type)
                    .value(config.source())
                    .value(event.key())
                    .value(now)
                    .value(event.correlationId())
                    .value(json(event.payload(), type))
                    .value(trace == null ? null : trace.traceparent())
                    .value(trace == null ? null : trace.tracestate())
                    .endRow();
        }
        // in the list's order (the ids are drawn row by row), so the relay publishes them in that order
        em.unwrap(Session.class)
                .doWork(connection -> rows.into(
                        connection,
                        "outbox_event (event_id, topic, event_key, type, source, subject, occurred_at, correlation_id,"
                                + " payload, traceparent, tracestate)"));
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
