package nl.meedoen.commons.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The W3C trace context from the current span, through Kafka headers, back to a context to continue. */
class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void noSpanNoContext() {
        assertNull(TraceContext.current());
        assertNull(TraceContext.of(null, "a=b"));
    }

    @Test
    void theCurrentSpanRoundTripsThroughRecordHeaders() {
        TraceContext captured;
        SpanContext span = SpanContext.create(
                TRACE_ID,
                SPAN_ID,
                TraceFlags.getDefault(),
                TraceState.builder().put("k", "v").build());
        try (Scope ignored = Span.wrap(span).makeCurrent()) {
            captured = TraceContext.current();
        }
        assertEquals(
                new TraceContext("00-" + TRACE_ID + "-" + SPAN_ID + "-00", "k=v"),
                captured,
                "an unsampled decision travels too");

        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "stale".getBytes(StandardCharsets.UTF_8));
        captured.writeTo(headers);
        assertEquals(2, headers.toArray().length, "the stale traceparent is replaced, tracestate added");
        SpanContext extracted = Span.fromContext(TraceContext.extract(headers)).getSpanContext();
        assertEquals(TRACE_ID, extracted.getTraceId());
        assertEquals(SPAN_ID, extracted.getSpanId());
        assertTrue(extracted.isRemote());
        assertEquals("v", extracted.getTraceState().get("k"));

        SpanContext continued = Span.fromContext(captured.context()).getSpanContext();
        assertEquals(SPAN_ID, continued.getSpanId());
    }

    @Test
    void aMalformedTraceparentIsNoParent() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-not-a-trace-01".getBytes(StandardCharsets.UTF_8));
        assertFalse(TraceContext.hasSpan(TraceContext.extract(headers)));
        assertFalse(TraceContext.hasSpan(TraceContext.of("garbage", null).context()));
        assertFalse(TraceContext.hasSpan(TraceContext.extract(new RecordHeaders())));
    }
}
