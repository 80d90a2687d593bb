package nl.meedoen.commons;

import static nl.meedoen.commons.OutboxRelayTest.consumer;
import static nl.meedoen.commons.OutboxRelayTest.header;
import static nl.meedoen.commons.OutboxRelayTest.recordsWithKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.tracing.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox row keeps the W3C trace context of the span current when the event was written (none
 * when there is no span), and the relay sends it as the record's {@code traceparent}/{@code tracestate}.
 * A span context made current by hand stands in for the request's server span (commons has no SDK).
 */
@QuarkusTest
class OutboxTraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    static Scope requestSpan() {
        return Span.wrap(SpanContext.createFromRemoteParent(
                        TRACE_ID,
                        SPAN_ID,
                        TraceFlags.getSampled(),
                        TraceState.builder().put("meedoen", "test").build()))
                .makeCurrent();
    }

    @Test
    void aRowWrittenUnderASpanCarriesItsContextToTheKafkaRecord() throws Exception {
        String key = UUID.randomUUID().toString();
        try (var consumer = consumer()) {
            try (Scope ignored = requestSpan()) {
                QuarkusTransaction.requiringNew()
                        .run(() -> outbox.publish(
                                NoteResource.TOPIC,
                                "nl.meedoen.test.note-created.v1",
                                key,
                                new NoteResource.Note(1, "traced")));
            }
            assertEquals(List.of(TRACEPARENT, "meedoen=test"), row(key));
            List<ConsumerRecord<String, String>> records = recordsWithKey(consumer, key, dataSource);
            assertEquals(1, records.size());
            assertEquals(TRACEPARENT, header(records.get(0), "traceparent"));
            assertEquals("meedoen=test", header(records.get(0), "tracestate"));
        }
    }

    @Test
    void aRowWrittenWithoutASpanCarriesNone() throws Exception {
        String key = UUID.randomUUID().toString();
        try (var consumer = consumer()) {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publish(
                            NoteResource.TOPIC,
                            "nl.meedoen.test.note-created.v1",
                            key,
                            new NoteResource.Note(2, "untraced")));
            assertEquals(java.util.Arrays.asList(null, null), row(key));
            List<ConsumerRecord<String, String>> records = recordsWithKey(consumer, key, dataSource);
            assertEquals(1, records.size());
            assertNull(header(records.get(0), "traceparent"));
        }
    }

    /** Batches: the current span for one request's batch; per event for a group commit, none unless given. */
    @Test
    void batchesCarryTheContextOfTheRequestTheyCameFrom() throws Exception {
        String batch = UUID.randomUUID().toString();
        String given = UUID.randomUUID().toString();
        String notGiven = UUID.randomUUID().toString();
        try (Scope ignored = requestSpan()) {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publishAll(
                            NoteResource.TOPIC,
                            "nl.meedoen.test.note-created.v1",
                            List.of(new NoteResource.Note(3, "batch")),
                            n -> batch));
        }
        TraceContext other = TraceContext.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null);
        try (Scope ignored = requestSpan()) { // the group-commit writer's own span must not be taken for the requests'
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publishAll(
                            NoteResource.TOPIC,
                            "nl.meedoen.test.note-created.v1",
                            List.of(
                                    new Outbox.Pending(given, new NoteResource.Note(4, "given"), "corr-4", other),
                                    new Outbox.Pending(notGiven, new NoteResource.Note(5, "not given"), "corr-5"))));
        }
        assertEquals(List.of(TRACEPARENT, "meedoen=test"), row(batch));
        assertEquals(java.util.Arrays.asList(other.traceparent(), null), row(given));
        assertEquals(java.util.Arrays.asList(null, null), row(notGiven));
    }

    private List<String> row(String key) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT traceparent, tracestate FROM outbox_event WHERE event_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return java.util.Arrays.asList(rs.getString(1), rs.getString(2));
            }
        }
    }
}
