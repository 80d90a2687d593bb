package nl.meedoen.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.outbox.Outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Publishes delivery status changes on notification.events.v1 through the outbox (in the caller's transaction). */
@ApplicationScoped
public class DeliveryEvents {

    @Inject
    Outbox outbox;


    public void publish(Delivery d) {
        publish(d.id, d.requestId, d.mailingId, d.tenantRef, d.purpose, d.templateKey, d.channel, d.status, d.reason);
    }

    public void publish(UUID id, String requestId, UUID mailingId, String tenantRef, String purpose, String templateKey,
                        String channel, String status, String reason) {
        outbox.publish(NotificationEventV1.TOPIC, NotificationEventV1.DELIVERY_UPDATED, tenantRef,
                new NotificationEventV1(id.toString(), requestId, mailingId == null ? null : mailingId.toString(), tenantRef,
                        purpose, templateKey, channel, status, reason, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** Many events at once, for the email worker's rounds: one JDBC batch in the caller's transaction. */
    public void publishAll(List<NotificationEventV1> events) {
        outbox.publishAll(NotificationEventV1.TOPIC, NotificationEventV1.DELIVERY_UPDATED, events, NotificationEventV1::tenantRef);
    }

    public static NotificationEventV1 event(UUID id, String requestId, UUID mailingId, String tenantRef, String purpose, String templateKey,
                                            String channel, String status, String reason) {
        return new NotificationEventV1(id.toString(), requestId, mailingId == null ? null : mailingId.toString(), tenantRef,
                purpose, templateKey, channel, status, reason, OffsetDateTime.now(ZoneOffset.UTC));
    }
}
