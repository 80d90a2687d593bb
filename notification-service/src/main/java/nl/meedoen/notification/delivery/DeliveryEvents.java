package nl.meedoen.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.outbox.Outbox;

/**
 * Publishes delivery status changes on notification.events.v1 through the outbox (in the caller's
 * transaction) and counts them, once committed, in {@code meedoen_deliveries_total{status,channel}}
 * for dashboards (mailing progress = the rate of SENT; problems = BOUNCED_*, FAILED, SUPPRESSED).
 */
@ApplicationScoped
public class DeliveryEvents {

    @Inject
    Outbox outbox;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    jakarta.enterprise.event.Event<Changed> changed;

    /** Status changes of one transaction; counted only once it committed. */
    record Changed(List<NotificationEventV1> events) {}

    void count(
            @jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                    Changed committed) {
        for (NotificationEventV1 e : committed.events()) {
            registry.counter(
                            "meedoen.deliveries",
                            "status",
                            String.valueOf(e.status()),
                            "channel",
                            String.valueOf(e.channel()))
                    .increment();
        }
    }

    public void publish(Delivery d) {
        NotificationEventV1 event = event(DeliveryRef.of(d), d.channel, d.status, d.reason);
        outbox.publish(NotificationEventV1.TOPIC, NotificationEventV1.DELIVERY_UPDATED, d.tenantRef, event);
        changed.fire(new Changed(List.of(event)));
    }

    /** Many events at once, for the email worker's rounds: one JDBC batch in the caller's transaction. */
    public void publishAll(List<NotificationEventV1> events) {
        outbox.publishAll(
                NotificationEventV1.TOPIC,
                NotificationEventV1.DELIVERY_UPDATED,
                events,
                NotificationEventV1::tenantRef);
        changed.fire(new Changed(List.copyOf(events)));
    }

    public static NotificationEventV1 event(DeliveryRef ref, String channel, String status, String reason) {
        return new NotificationEventV1(
                ref.id().toString(),
                ref.requestId(),
                ref.mailingId() == null ? null : ref.mailingId().toString(),
                ref.tenantRef(),
                ref.purpose(),
                ref.templateKey(),
                channel,
                status,
                reason,
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
