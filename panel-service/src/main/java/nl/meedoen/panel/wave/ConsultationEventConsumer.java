package nl.meedoen.panel.wave;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code consultation.events.v1} (idempotently; malformed events go to
 * {@code consultation.events.v1.dlq}): remembers each consultation's lifecycle (a wave for a
 * closed one is refused), records per member that they responded (participation only), and closes
 * a wave with the consultation's final counts. Event types it does not know are skipped.
 */
@ApplicationScoped
public class ConsultationEventConsumer {

    private static final Map<String, String> STATUS = Map.of(
            ConsultationEventV1.OPENED, "OPEN",
            ConsultationEventV1.CLOSED, "CLOSED",
            ConsultationEventV1.RESULTS_PUBLISHED, "RESULTS_PUBLISHED",
            ConsultationEventV1.FEEDBACK_PUBLISHED, "FEEDBACK_PUBLISHED");

    @Inject
    InboundEvents inbound;

    @Inject
    EntityManager em;

    @Incoming("consultation-events")
    @Blocking // ordered: one record at a time, so per-consultation order holds
    public void onEvent(ConsumerRecord<String, String> record) {
        inbound.process("consultation-events", record, this::apply);
    }

    void apply(CloudEvent event) {
        boolean participation = ConsultationEventV1.PARTICIPATION_RECORDED.equals(event.type());
        if (!participation && !STATUS.containsKey(event.type())) {
            return; // a type this service has no use for
        }
        if (event.isTombstone()) {
            throw new MalformedEventException("a consultation event needs a payload");
        }
        ConsultationEventV1 e = event.payloadAs(ConsultationEventV1.class, "a consultation event");
        UUID consultationId;
        try {
            consultationId = UUID.fromString(e.consultationId());
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new MalformedEventException("payload is not a consultation event: " + ex.getMessage(), ex);
        }
        OffsetDateTime at = event.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.time();
        if (participation) {
            if (e.tenantRef() == null) {
                throw new MalformedEventException("participation without a tenantRef");
            }
            // participation only: that the member responded, never what
            em.createNativeQuery("""
                            UPDATE wave_member m SET responded_at = ?3 FROM wave w
                            WHERE w.id = m.wave_id AND w.consultation_id = ?1 AND m.tenant_ref = ?2 AND m.responded_at IS NULL""")
                    .setParameter(1, consultationId)
                    .setParameter(2, e.tenantRef())
                    .setParameter(3, at)
                    .executeUpdate();
            return;
        }
        KnownConsultation known = KnownConsultation.findById(consultationId);
        if (known == null) {
            known = new KnownConsultation();
            known.consultationId = consultationId;
        }
        known.status = STATUS.get(event.type());
        known.anonymity = e.anonymity() == null ? known.anonymity : e.anonymity();
        known.updatedAt = at;
        known.persist();
        if (ConsultationEventV1.CLOSED.equals(event.type())) {
            Wave w = Wave.find("consultationId", consultationId).firstResult();
            if (w != null) {
                w.status = Wave.Status.CLOSED.name();
                w.closedAt = at;
                w.invitedCount = e.invited();
                w.completedCount = e.completed();
            }
        }
    }
}
