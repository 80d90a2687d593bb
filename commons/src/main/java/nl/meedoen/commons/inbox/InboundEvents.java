package nl.meedoen.commons.inbox;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.CloudEventHeaders;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.tracing.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer: runs a handler for a consumed record in a transaction that also records
 * the event id as processed, so a redelivered event changes nothing. Transient failures are retried
 * a bounded number of times; then (or at once, for a malformed event) the exception propagates and
 * the channel's {@code dead-letter-queue} failure strategy parks the record on {@code <topic>.dlq}
 * with the reason in its headers, and the consumer carries on. While the database itself is unavailable
 * (restarted, failed over, restored) the consumer waits and tries again for as long as that lasts, without
 * counting attempts: an outage must not park every event consumed meanwhile.
 *
 * <p>The handler runs in a consumer span of the trace the record's {@code traceparent} header names
 * (the request that wrote the event), so what it changes and the events it publishes in turn stay in
 * that trace.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    /** The longest pause between two tries while the database is unavailable. */
    static final long OUTAGE_PAUSE_MAX_MS = 5_000;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "meedoen.inbox.max-attempts", defaultValue = "3")
    int maxAttempts;

    /** Quarkus' OpenTelemetry when the service has the extension (a no-op one when tracing is switched off). */
    @Inject
    Instance<OpenTelemetry> openTelemetry;

    private volatile Tracer tracer;

    /**
     * @param consumer a stable name for this handler (its processed ids are kept apart from others')
     * @param handler  the business change; throw {@link MalformedEventException} for content that can never work
     */
    public void process(String consumer, ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        CloudEvent event = CloudEventHeaders.read(record);
        String previousCorrelation = CorrelationId.current();
        CorrelationId.set(event.correlationId());
        Span span = consumerSpan(record.topic(), consumer)
                .setParent(parentOf(record))
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("meedoen.event.type", event.type())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            int attempt = 1;
            for (int waited = 0; ; ) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        if (markProcessed(consumer, event.id())) {
                            handler.accept(event);
                        }
                    });
                    return;
                } catch (MalformedEventException e) {
                    failed(span, e);
                    throw e;
                } catch (RuntimeException e) {
                    if (connectionFailure(e) && !databaseWritable()) {
                        // An outage is not this event's fault: parking it would leave every event consumed while
                        // the database is down (or restored) on the dead-letter topic. Wait for the database instead.
                        LOG.warnf(
                                "event %s (%s) waits for the database (%d s so far): %s",
                                event.id(), event.type(), waited / 1000, e.toString());
                        long pause = Math.min(OUTAGE_PAUSE_MAX_MS, 250L << Math.min(waited / 1000, 5));
                        sleep(pause);
                        waited += (int) pause;
                        continue;
                    }
                    if (attempt >= maxAttempts) {
                        failed(span, e);
                        throw e;
                    }
                    LOG.warnf(
                            "event %s (%s) failed on attempt %d, retrying: %s",
                            event.id(), event.type(), attempt, e.toString());
                    sleep(100L << attempt);
                    attempt++;
                }
            }
        } finally {
            span.end();
            CorrelationId.set(previousCorrelation);
        }
    }

    /**
     * A batch of records (a channel with {@code batch=true}) in one transaction: one commit instead of one per
     * record, which is what an import's burst of profile events needs. When the batch fails, each record is
     * processed on its own ({@link #process}) and a record that still fails is nacked alone, so the channel's
     * dead-letter strategy parks just that one. The batch is acknowledged once each record is processed or parked.
     */
    public CompletionStage<Void> processBatch(
            String consumer, KafkaRecordBatch<String, String> batch, Consumer<CloudEvent> handler) {
        List<KafkaRecord<String, String>> messages = batch.getRecords();
        if (messages.isEmpty()) {
            return batch.ack();
        }
        List<ConsumerRecord<String, String>> records =
                messages.stream().map(InboundEvents::consumerRecord).toList();
        Span span = consumerSpan(records.get(0).topic(), consumer)
                .setAttribute("messaging.batch.message_count", (long) records.size())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() -> applyAll(consumer, records, handler));
        } catch (RuntimeException e) {
            LOG.infof("a batch of %d for %s failed, one record at a time now: %s", records.size(), consumer, e);
            for (int i = 0; i < records.size(); i++) {
                try {
                    process(consumer, records.get(i), handler);
                } catch (RuntimeException failure) {
                    messages.get(i).nack(failure).toCompletableFuture().join();
                }
            }
        } finally {
            span.end();
        }
        return batch.ack();
    }

    private void applyAll(String consumer, List<ConsumerRecord<String, String>> records, Consumer<CloudEvent> handler) {
        List<CloudEvent> events = records.stream().map(CloudEventHeaders::read).toList();
        Set<String> fresh =
                markProcessed(consumer, events.stream().map(CloudEvent::id).toList());
        String previousCorrelation = CorrelationId.current();
        try {
            for (CloudEvent event : events) {
                if (fresh.remove(event.id())) { // remove: an id twice in one batch is handled once
                    CorrelationId.set(event.correlationId());
                    handler.accept(event);
                }
            }
        } finally {
            CorrelationId.set(previousCorrelation);
        }
    }

    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a record from Kafka"));
        return metadata.getRecord();
    }

    /**
     * The span SmallRye Reactive Messaging's Kafka tracing made current for this record, when it did
     * (it is itself a child of the header's context); otherwise the context the headers carry; with
     * neither, whatever is current (a new trace).
     */
    private static Context parentOf(ConsumerRecord<String, String> record) {
        Context fromHeaders = TraceContext.extract(record.headers());
        if (!TraceContext.hasSpan(fromHeaders)) {
            return Context.current();
        }
        String traceId = Span.fromContext(fromHeaders).getSpanContext().getTraceId();
        return Span.current().getSpanContext().getTraceId().equals(traceId) ? Context.current() : fromHeaders;
    }

    private SpanBuilder consumerSpan(String topic, String consumer) {
        return tracer().spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("meedoen.consumer", consumer);
    }

    private Tracer tracer() {
        if (tracer == null) {
            tracer = (openTelemetry.isResolvable() ? openTelemetry.get() : OpenTelemetry.noop())
                    .getTracer("nl.meedoen.commons.inbox");
        }
        return tracer;
    }

    private static void failed(Span span, RuntimeException e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }

    /** True when this is the first time; the insert is part of the handler's transaction. */
    private boolean markProcessed(String consumer, String eventId) {
        int inserted = entityManager
                .createNativeQuery("""
                        INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    /** The ids among {@code eventIds} seen for the first time, in one statement; part of the batch's transaction. */
    private Set<String> markProcessed(String consumer, List<String> eventIds) {
        Set<String> fresh = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id) SELECT ?, unnest(?::text[])
                    ON CONFLICT DO NOTHING RETURNING event_id""")) {
                ps.setString(1, consumer);
                ps.setArray(2, connection.createArrayOf("text", eventIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1));
                    }
                }
            }
        });
        return fresh;
    }

    /**
     * Whether the failure looks like the database being away rather than the event: a connection error (SQLState class
     * 08), a server shutting down or starting up (57P01-57P03), or one still in recovery, read-only (25006).
     */
    static boolean connectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("25006")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Asks the database itself, on a connection of its own: an event that breaks the connection every time (say, more
     * bind parameters than the protocol carries) must still be parked, not waited on while the database is fine.
     */
    private boolean databaseWritable() {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NOT pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }
}
