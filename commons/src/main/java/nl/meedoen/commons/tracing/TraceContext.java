package nl.meedoen.commons.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) an event carries from the request
 * that wrote it, through its outbox row, into the Kafka record's headers, to every consumer: so a
 * request and everything it causes in other services are one trace.
 *
 * <p>The header names are W3C's own, not CloudEvents' {@code ce_traceparent}: they are what the
 * OpenTelemetry propagators (and SmallRye Reactive Messaging's Kafka tracing) read.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** The current span's context, or null when there is none (tracing switched off, or no request). */
    public static TraceContext current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return of(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** From stored columns; null when there is no {@code traceparent}. */
    public static TraceContext of(String traceparent, String tracestate) {
        return traceparent == null
                ? null
                : new TraceContext(traceparent, tracestate == null || tracestate.isEmpty() ? null : tracestate);
    }

    /**
     * As an OpenTelemetry context, to continue this trace in work done later (a parent for a span, or
     * {@code makeCurrent()}); {@link Context#root()} when the traceparent is malformed.
     */
    public Context context() {
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), carrier, MAP);
    }

    /** Sets (replaces) the W3C headers on an outgoing record. */
    public void writeTo(Headers headers) {
        headers.remove(TRACEPARENT);
        headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        headers.remove(TRACESTATE);
        if (tracestate != null) {
            headers.add(TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The remote span context a consumed record's headers carry, or {@link Context#root()} when they carry none (or a malformed one). */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /** Whether a context holds a valid span (one that can be a parent). */
    public static boolean hasSpan(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid();
    }

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return StreamSupport.stream(carrier.spliterator(), false)
                    .map(Header::key)
                    .toList();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
}
