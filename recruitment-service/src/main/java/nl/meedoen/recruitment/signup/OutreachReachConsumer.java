package nl.meedoen.recruitment.signup;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.inbox.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code notification.events.v1} (idempotently; malformed events go to {@code notification.events.v1.dlq}): an
 * outreach invitation counts as reaching its tenant once notification-service reports it delivered — an email
 * {@code SENT}, a letter {@code PRINTED} or {@code POSTED} — on the channel actually used. A request, a queued letter, a
 * suppression or a bounce reaches nobody. Other messages and event types are skipped.
 */
@ApplicationScoped
public class OutreachReachConsumer {
    static final Set<String> REACHED = Set.of("SENT", "PRINTED", "POSTED");
    /** The request id of an outreach message: recruitment:{campaignId}:outreach:{source}:{tenantRef}. */
    private static final Pattern OUTREACH = Pattern.compile("^recruitment:([0-9a-f-]{36}):outreach:([A-Z]+):(.+)$");

    @Inject
    InboundEvents inbound;

    @Inject
    EntityManager em;

    @Incoming("notification-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        inbound.process("notification-events", record, this::apply);
    }

    void apply(CloudEvent event) {
        if (!NotificationEventV1.DELIVERY_UPDATED.equals(event.type()) || event.isTombstone()) {
            return;
        }
        NotificationEventV1 e = event.payloadAs(NotificationEventV1.class, "a delivery update");
        if (e.requestId() == null || !REACHED.contains(e.status())) {
            return;
        }
        Matcher m = OUTREACH.matcher(e.requestId());
        if (!m.matches()) {
            return; // not an outreach message
        }
        OffsetDateTime at = e.occurredAt() != null
                ? e.occurredAt()
                : event.time() != null ? event.time() : OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("""
                        UPDATE outreach_invitation SET reached_at = ?4, reached_channel = ?5
                        WHERE campaign_id = ?1 AND source = ?2 AND tenant_ref = ?3 AND reached_at IS NULL""")
                .setParameter(1, UUID.fromString(m.group(1)))
                .setParameter(2, m.group(2))
                .setParameter(3, m.group(3))
                .setParameter(4, at)
                .setParameter(5, e.channel())
                .executeUpdate();
    }
}
