package nl.meedoen.panel.tracing;

import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.tenant;
import static nl.meedoen.panel.PanelTests.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.meedoen.panel.tracing.OtlpReceiver.CollectedSpan;
import org.junit.jupiter.api.Test;

/**
 * One trace end to end: an HTTP request that writes an event through the outbox, the relay, a
 * consumer that publishes a follow-up through the outbox in turn, and the consumer of that, all in the
 * trace the request's caller started, each span linked to its parent (through SmallRye Reactive Messaging's
 * Kafka consumer span on the first channel; straight from the record's headers on the second, where
 * that tracing is switched off). The spans are collected by an
 * OTLP/HTTP receiver this test starts; the application exports to it with the OpenTelemetry SDK
 * switched on in this profile only.
 */
@QuarkusTest
@TestProfile(OneTraceTest.Tracing.class)
class OneTraceTest {

    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.otel.exporter.otlp.traces.endpoint", OtlpReceiver.endpoint(),
                    "quarkus.otel.bsp.schedule.delay", "100ms",
                    "meedoen.test.traced-consumers", "true"));
            channel(config, "traced-panel-events", "panel.events.v1");
            channel(config, "traced-follow-ups", TracedConsumers.FOLLOW_UP_TOPIC);
            // SmallRye's own Kafka tracing off on the second channel: the inbox then continues the trace from the
            // headers itself
            config.put("mp.messaging.incoming.traced-follow-ups.tracing-enabled", "false");
            return config;
        }

        private static void channel(Map<String, String> config, String channel, String topic) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            config.put(prefix + "connector", "smallrye-kafka");
            config.put(prefix + "topic", topic);
            config.put(prefix + "group.id", "panel-service.test." + channel + "-" + UUID.randomUUID());
            config.put(prefix + "auto.offset.reset", "earliest");
            config.put(prefix + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            config.put(prefix + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            config.put(prefix + "cloud-events", "false");
        }
    }

    @Inject
    TracedConsumers consumers;

    @Test
    void theRequestTheRelayAndEveryConsumerAreOneTrace() {
        String panel = panel("");
        consumers.watch(panel);
        String ref = tenant(unique("TR"), "18-34", "SINGLE");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpanId = traceId.substring(0, 16); // the caller's (gateway's) span, not collected here

        as("corporation")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(ContentType.JSON)
                .body("{\"tenantRef\":\"%s\",\"consentVersion\":1,\"channel\":\"PAPER\"}".formatted(ref))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(60)).until(() -> consumers.handlerSpan("follow-up", panel) != null);
        Map<String, CollectedSpan> trace = new HashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            trace.clear();
            OtlpReceiver.spans().stream()
                    .filter(s -> s.traceId().equals(traceId))
                    .forEach(s -> trace.put(s.spanId(), s));
            return consumerSpan(trace, "traced-follow-ups").isPresent();
        });

        CollectedSpan server = trace.values().stream()
                .filter(s ->
                        s.kind().equals("SPAN_KIND_SERVER") && s.parentSpanId().equals(callerSpanId))
                .findFirst()
                .orElseGet(() -> fail("no server span child of the caller's in " + describe(trace)));
        CollectedSpan panelEvent = consumerSpan(trace, "traced-panel-events")
                .orElseGet(() -> fail("no panel-event consumer span in " + describe(trace)));
        CollectedSpan followUp = consumerSpan(trace, "traced-follow-ups").orElseThrow();

        List<CollectedSpan> first = ancestors(trace, panelEvent, server);
        List<CollectedSpan> second = ancestors(trace, followUp, server);
        assertTrue(
                second.contains(panelEvent),
                "the follow-up's consumer descends from the first consumer: " + names(second));
        // without SmallRye's span in between, the inbox's span is the child of the span the follow-up was written in
        assertEquals(panelEvent.spanId(), followUp.parentSpanId(), names(second));
        assertTrue(first.size() >= 2, "the server span is an ancestor of the first consumer's: " + names(first));
        assertEquals("panel.events.v1 process", panelEvent.name());
        assertEquals("CONSUMER", panelEvent.kind().replace("SPAN_KIND_", ""));
        // the handlers ran in those spans, so what they changed and published is in the trace too
        assertEquals(panelEvent.spanId(), consumers.handlerSpan("panel-event", panel));
        assertEquals(followUp.spanId(), consumers.handlerSpan("follow-up", panel));
        System.out.println("one trace: " + names(second));
    }

    private static Optional<CollectedSpan> consumerSpan(Map<String, CollectedSpan> trace, String consumer) {
        return trace.values().stream()
                .filter(s -> consumer.equals(s.attributes().get("meedoen.consumer")))
                .findFirst();
    }

    /** The parent chain from a span up to (and including) the request's server span; fails on a broken link. */
    private static List<CollectedSpan> ancestors(
            Map<String, CollectedSpan> trace, CollectedSpan from, CollectedSpan server) {
        List<CollectedSpan> chain = new ArrayList<>(List.of(from));
        CollectedSpan span = from;
        while (!span.spanId().equals(server.spanId())) {
            CollectedSpan parent = trace.get(span.parentSpanId());
            if (parent == null) {
                fail("the chain " + names(chain) + " breaks at " + span.name() + " (parent " + span.parentSpanId()
                        + ") in " + describe(trace));
            }
            chain.add(parent);
            span = parent;
        }
        return chain;
    }

    private static String names(List<CollectedSpan> chain) {
        return chain.stream()
                .map(s -> s.name() + " [" + s.kind().replace("SPAN_KIND_", "") + "]")
                .collect(Collectors.joining(" → "));
    }

    private static String describe(Map<String, CollectedSpan> trace) {
        return trace.values().stream()
                .map(s -> s.spanId() + "<-" + s.parentSpanId() + " " + s.name() + " " + s.kind())
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
