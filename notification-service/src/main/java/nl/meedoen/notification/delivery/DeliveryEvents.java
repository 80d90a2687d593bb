package nl.meedoen.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.outbox.OutboxConfig;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Publishes delivery status changes on notification.events.v1 through the outbox (in the caller's transaction). */
@ApplicationScoped
public class DeliveryEvents {

    @Inject
    Outbox outbox;

    @Inject
    OutboxConfig outboxConfig;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<Outbox.Written> written;

    public void publish(Delivery d) {
        publish(d.id, d.requestId, d.mailingId, d.tenantRef, d.purpose, d.templateKey, d.channel, d.status, d.reason);
    }

    public void publish(UUID id, String requestId, UUID mailingId, String tenantRef, String purpose, String templateKey,
                        String channel, String status, String reason) {
        outbox.publish(NotificationEventV1.TOPIC, NotificationEventV1.DELIVERY_UPDATED, tenantRef,
                new NotificationEventV1(id.toString(), requestId, mailingId == null ? null : mailingId.toString(), tenantRef,
                        purpose, templateKey, channel, status, reason, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /**
     * Many events at once, for the email worker's rounds: the same outbox rows {@link Outbox#publish}
     * writes, inserted as one JDBC batch in the caller's transaction (the relay is woken the same way).
     * A candidate for commons' Outbox.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<NotificationEventV1> events) {
        if (events.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(java.time.Instant.now());
        String correlationId = CorrelationId.current();
        em.flush(); // rows persisted through Hibernate before these keep their order
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, event_key, type, source, subject, occurred_at, correlation_id, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (NotificationEventV1 event : events) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, NotificationEventV1.TOPIC);
                    ps.setString(3, event.tenantRef());
                    ps.setString(4, NotificationEventV1.DELIVERY_UPDATED);
                    ps.setString(5, outboxConfig.source());
                    ps.setString(6, event.tenantRef());
                    ps.setTimestamp(7, now);
                    ps.setString(8, correlationId);
                    try {
                        ps.setString(9, mapper.writeValueAsString(event));
                    } catch (JsonProcessingException e) {
                        throw new IllegalArgumentException(e);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        written.fire(new Outbox.Written());
    }

    public static NotificationEventV1 event(UUID id, String requestId, UUID mailingId, String tenantRef, String purpose, String templateKey,
                                            String channel, String status, String reason) {
        return new NotificationEventV1(id.toString(), requestId, mailingId == null ? null : mailingId.toString(), tenantRef,
                purpose, templateKey, channel, status, reason, OffsetDateTime.now(ZoneOffset.UTC));
    }
}
