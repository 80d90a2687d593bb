package nl.meedoen.panel.tracing;

import io.opentelemetry.api.trace.Span;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.panel.events.PanelEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Two consumers in a row, as a real flow has them (a submission → the panel's participation update →
 * the mail it triggers): the first handles panel events through the commons inbox and publishes a
 * follow-up through the outbox; the second handles that. Each notes the span its handler ran in.
 * Only in {@link OneTraceTest}'s profile (the channels are configured there alone).
 */
@ApplicationScoped
@IfBuildProperty(name = "meedoen.test.traced-consumers", stringValue = "true")
public class TracedConsumers {

    static final String FOLLOW_UP_TOPIC = "panel.test.traced-follow-up.v1";
    static final String FOLLOW_UP_TYPE = "nl.meedoen.test.traced-follow-up.v1";

    @Inject
    InboundEvents inbound;

    @Inject
    Outbox outbox;

    /** Panels whose events the test waits for (the topic also holds other tests' events). */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    /** handler ("panel-event" or "follow-up") + key → the span id current while the handler ran */
    private final Map<String, String> handlerSpans = new ConcurrentHashMap<>();

    void watch(String panelId) {
        watched.add(panelId);
    }

    /** Through a method: the test holds a client proxy, whose own fields are not the bean's. */
    String handlerSpan(String handler, String key) {
        return handlerSpans.get(handler + " " + key);
    }

    @Incoming("traced-panel-events")
    @Blocking
    public void onPanelEvent(ConsumerRecord<String, String> record) {
        if (!watched.contains(record.key())) {
            return;
        }
        inbound.process("traced-panel-events", record, (CloudEvent event) -> {
            if (PanelEvents.MEMBER_JOINED.equals(event.type())) {
                handlerSpans.put(
                        "panel-event " + event.key(),
                        Span.current().getSpanContext().getSpanId());
                outbox.publish(FOLLOW_UP_TOPIC, FOLLOW_UP_TYPE, event.key(), Map.of("cause", event.id()));
            }
        });
    }

    @Incoming("traced-follow-ups")
    @Blocking
    public void onFollowUp(ConsumerRecord<String, String> record) {
        if (!watched.contains(record.key())) {
            return;
        }
        inbound.process(
                "traced-follow-ups",
                record,
                (CloudEvent event) -> handlerSpans.put(
                        "follow-up " + event.key(),
                        Span.current().getSpanContext().getSpanId()));
    }
}
