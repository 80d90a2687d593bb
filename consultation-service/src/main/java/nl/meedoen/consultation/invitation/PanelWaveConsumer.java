package nl.meedoen.consultation.invitation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import nl.meedoen.commons.contracts.PanelWaveLaunchedV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationRequests;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns a panel wave's sample into this consultation's audience: the members are stored and, once
 * the consultation is open, invited like any audience (a repeated member is invited once).
 */
@ApplicationScoped
public class PanelWaveConsumer {

    @Inject
    InboundEvents inbound;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Incoming("panel-events")
    @Blocking
    public void onPanelEvent(ConsumerRecord<String, String> record) {
        inbound.process("panel-waves", record, this::apply);
    }

    void apply(CloudEvent event) {
        if (!PanelWaveLaunchedV1.TYPE.equals(event.type())) {
            return; // member joined/left and other panel facts are not this service's concern
        }
        PanelWaveLaunchedV1 wave;
        try {
            wave = mapper.readValue(event.payload() == null ? "null" : event.payload(), PanelWaveLaunchedV1.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not a wave launch: " + e.getOriginalMessage(), e);
        }
        if (wave == null || wave.consultationId() == null || wave.tenantRefs() == null) {
            throw new MalformedEventException("a wave launch needs consultationId and tenantRefs");
        }
        UUID id;
        try {
            id = UUID.fromString(wave.consultationId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("consultationId is not a UUID: " + wave.consultationId());
        }
        Consultation c = em.find(Consultation.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw new MalformedEventException("no consultation " + id);
        }
        ConsultationRequests.Audience audience = StoredJson.read(c.audience, ConsultationRequests.Audience.class);
        if (!"PANEL_WAVE".equals(audience.type())
                || !audience.panelId().equals(wave.panelId())
                || audience.waveId() != null && !audience.waveId().equals(wave.waveId())) {
            throw new MalformedEventException(
                    "consultation " + id + " does not ask panel " + wave.panelId() + " wave " + wave.waveId());
        }
        if (!c.is(Consultation.Status.DRAFT) && !c.is(Consultation.Status.OPEN)) {
            throw new MalformedEventException("consultation " + id + " is " + c.status + ": too late to invite a wave");
        }
        for (String ref : wave.tenantRefs()) {
            if (ref == null || !ConsultationService.TENANT_REF.matcher(ref).matches()) {
                throw new MalformedEventException("not a tenantRef: " + ref);
            }
        }
        if (audience.waveId() == null) { // the first wave launched for it is its wave from now on
            c.audience = StoredJson.write(new ConsultationRequests.Audience(
                    audience.type(), audience.filter(), null, audience.panelId(), wave.waveId()));
        }
        em.createNativeQuery(
                        "INSERT INTO audience_member (consultation_id, tenant_ref) SELECT ?1, unnest(cast(?2 AS text[])) ON CONFLICT DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, wave.tenantRefs().toArray(new String[0]))
                .executeUpdate();
        // Members may sort before the cursor: start over; members already invited are skipped.
        em.createNativeQuery(
                        "UPDATE consultation SET invitations_done = false, invitations_cursor = NULL WHERE id = ?1")
                .setParameter(1, id)
                .executeUpdate();
    }
}
