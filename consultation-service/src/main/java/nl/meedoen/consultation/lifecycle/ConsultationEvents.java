package nl.meedoen.consultation.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.outbox.Outbox;

/** Writes consultation facts to the outbox, in the caller's transaction. */
@ApplicationScoped
public class ConsultationEvents {

    @Inject
    Outbox outbox;

    public void publish(Consultation c, String type, String tenantRef, Long invited, Long completed) {
        outbox.publish(
                ConsultationEventV1.TOPIC,
                type,
                c.id.toString(),
                event(
                        c.id,
                        c.kind,
                        c.anonymity,
                        c.initiatorParty,
                        audience(c.audience),
                        tenantRef,
                        invited,
                        completed));
    }

    /** Participations of many submissions written together, each event with its own request's correlation id and trace. */
    public void publishParticipations(List<Participation> participations) {
        Map<String, Map<String, Object>> audiences = new HashMap<>(); // a batch's participations share a few audiences
        outbox.publishAll(
                ConsultationEventV1.TOPIC,
                ConsultationEventV1.PARTICIPATION_RECORDED,
                participations.stream()
                        .map(p -> new Outbox.Pending(
                                p.id().toString(),
                                event(
                                        p.id(),
                                        p.kind(),
                                        p.anonymity(),
                                        p.initiatorParty(),
                                        audiences.computeIfAbsent(p.audienceJson(), this::audience),
                                        p.tenantRef(),
                                        null,
                                        null),
                                p.correlationId(),
                                p.trace()))
                        .toList());
    }

    /** A tenant's participation in a consultation, as the submit path knows it. */
    public record Participation(
            java.util.UUID id,
            String kind,
            String anonymity,
            String initiatorParty,
            String audienceJson,
            String tenantRef,
            String correlationId,
            nl.meedoen.commons.tracing.TraceContext trace) {}

    private Map<String, Object> audience(String audienceJson) {
        return StoredJson.read(audienceJson, new TypeReference<Map<String, Object>>() {});
    }

    private ConsultationEventV1 event(
            java.util.UUID id,
            String kind,
            String anonymity,
            String initiatorParty,
            Map<String, Object> audience,
            String tenantRef,
            Long invited,
            Long completed) {
        boolean wave = "PANEL_WAVE".equals(audience.get("type"));
        return new ConsultationEventV1(
                id.toString(),
                kind,
                anonymity,
                initiatorParty,
                wave ? (String) audience.get("panelId") : null,
                wave ? (String) audience.get("waveId") : null,
                tenantRef,
                invited,
                completed);
    }
}
