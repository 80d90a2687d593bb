package nl.meedoen.consultation.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.consultation.Json;

import java.util.List;
import java.util.Map;

/** Writes consultation facts to the outbox, in the caller's transaction. */
@ApplicationScoped
public class ConsultationEvents {

    @Inject
    Outbox outbox;

    @Inject
    Json json;

    public void publish(Consultation c, String type, String tenantRef, Long invited, Long completed) {
        outbox.publish(ConsultationEventV1.TOPIC, type, c.id.toString(),
                event(c.id, c.kind, c.anonymity, c.initiatorParty, c.audience, tenantRef, invited, completed));
    }

    /** Participations of many submissions written together, each event with its own request's correlation id. */
    public void publishParticipations(List<Participation> participations) {
        outbox.publishAll(ConsultationEventV1.TOPIC, ConsultationEventV1.PARTICIPATION_RECORDED, participations.stream()
                .map(p -> new Outbox.Pending(p.id().toString(), event(p.id(), p.kind(), p.anonymity(), p.initiatorParty(), p.audienceJson(),
                        p.tenantRef(), null, null), p.correlationId()))
                .toList());
    }

    /** A tenant's participation in a consultation, as the submit path knows it. */
    public record Participation(java.util.UUID id, String kind, String anonymity, String initiatorParty, String audienceJson,
                                String tenantRef, String correlationId) {
    }

    private ConsultationEventV1 event(java.util.UUID id, String kind, String anonymity, String initiatorParty, String audienceJson,
                                      String tenantRef, Long invited, Long completed) {
        Map<String, Object> audience = json.read(audienceJson, new TypeReference<Map<String, Object>>() { });
        boolean wave = "PANEL_WAVE".equals(audience.get("type"));
        return new ConsultationEventV1(id.toString(), kind, anonymity, initiatorParty,
                wave ? (String) audience.get("panelId") : null, wave ? (String) audience.get("waveId") : null,
                tenantRef, invited, completed);
    }
}
