package nl.meedoen.consultation.advice;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.advice.AdviceViews.Recommendation;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;

/**
 * Principle 5 for advice: once the corporation has answered, its answer is mailed ({@code consultation.advice-feedback},
 * purpose {@code feedback} like the consultations' own feedback, see {@code InvitationService#FEEDBACK_PURPOSE}) to
 * everyone who took part in a linked consultation: for a PSEUDONYMOUS one every invitee who completed, for an
 * ANONYMOUS one every invitee — the invitation's status is the only thing read, never a response, so anonymous
 * responses stay unlinkable. Each tenant once per trajectory (advice_feedback), a chunk per transaction; the
 * participants of linked campaigns hear it from recruitment-service.
 */
@ApplicationScoped
public class AdviceFeedback {

    public static final String TEMPLATE = nl.meedoen.commons.contracts.MessageKind.CONSULTATION_ADVICE_FEEDBACK.key();

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ConsultationConfig config;

    @Inject
    ConsultationService consultations;

    @Inject
    AdviceService advice;

    /** Called by the scheduler: works off every answered trajectory whose feedback has not gone out yet. */
    public void work(int chunksPerTrajectory) {
        List<UUID> due = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "SELECT t.id FROM AdviceTrajectory t WHERE t.answeredAt IS NOT NULL AND t.feedbackDone = false ORDER BY t.id",
                                UUID.class)
                        .getResultList());
        for (UUID id : due) {
            for (int i = 0;
                    i < chunksPerTrajectory && QuarkusTransaction.requiringNew().call(() -> chunk(id));
                    i++) {
                // each chunk commits on its own
            }
        }
    }

    /** Mails the next chunk; false when there was nothing (left) to do. */
    boolean chunk(UUID id) {
        @SuppressWarnings("unchecked")
        List<AdviceTrajectory> rows = em.createNativeQuery(
                        "SELECT * FROM advice_trajectory WHERE id = ?1 AND NOT feedback_done FOR UPDATE SKIP LOCKED",
                        AdviceTrajectory.class)
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        AdviceTrajectory t = rows.get(0);
        List<UUID> linked = advice.consultations(t);
        List<Object[]> due = linked.isEmpty() ? List.of() : recipients(t.id, linked);
        if (due.isEmpty()) {
            t.feedbackDone = true;
            return false;
        }
        List<Recommendation> recommendations = advice.recommendations(t);
        Map<UUID, Consultation> byId = new LinkedHashMap<>();
        List<MessageRequestV1> messages = new ArrayList<>(due.size());
        List<String> refs = new ArrayList<>(due.size());
        for (Object[] row : due) {
            String tenantRef = (String) row[0];
            String language = (String) row[1];
            Consultation c = byId.computeIfAbsent((UUID) row[2], cid -> em.find(Consultation.class, cid));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(
                    "consultationTitle",
                    Texts.pick(
                            consultations.texts(c.title),
                            language,
                            consultations.languages(c).get(0)));
            data.put("subject", t.subject);
            data.put("outcome", outcome(recommendations, language));
            // its own source: the answer to an advice, not one of the consultations it drew on
            messages.add(new MessageRequestV1(
                            "advice-feedback:" + t.id + ":" + tenantRef,
                            tenantRef,
                            config.feedbackPurpose(),
                            TEMPLATE,
                            data,
                            null)
                    .from("advice:" + t.id));
            refs.add(tenantRef);
        }
        em.createNativeQuery(
                        "INSERT INTO advice_feedback (trajectory_id, tenant_ref) SELECT ?1, unnest(cast(?2 AS text[]))")
                .setParameter(1, t.id)
                .setParameter(2, refs.toArray(String[]::new))
                .executeUpdate();
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
        return true;
    }

    /**
     * The next tenants to mail: tenantRef, language and the (first) linked consultation they took part in. DISTINCT ON
     * the tenant, so a tenant invited to several linked consultations is one row.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> recipients(UUID trajectoryId, List<UUID> linked) {
        return em.createNativeQuery("""
                        SELECT DISTINCT ON (i.tenant_ref) i.tenant_ref, i.language, i.consultation_id
                        FROM invitation i JOIN consultation c ON c.id = i.consultation_id
                        WHERE i.consultation_id IN (?1)
                          AND (c.anonymity = 'ANONYMOUS' OR i.status = 'COMPLETED')
                          AND NOT EXISTS (SELECT 1 FROM advice_feedback f WHERE f.trajectory_id = ?2 AND f.tenant_ref = i.tenant_ref)
                        ORDER BY i.tenant_ref, i.consultation_id
                        LIMIT ?3""")
                .setParameter(1, linked)
                .setParameter(2, trajectoryId)
                .setParameter(3, config.chunkSize())
                .getResultList();
    }

    /** The corporation's answer as plain text in the tenant's language (Dutch unless English), one recommendation a paragraph. */
    static String outcome(List<Recommendation> recommendations, String language) {
        boolean english = "en".equals(language);
        StringBuilder s = new StringBuilder();
        for (Recommendation r : recommendations) {
            if (!s.isEmpty()) {
                s.append("\n\n");
            }
            String answer = switch (AdviceTrajectory.Answer.valueOf(r.answer())) {
                case ADOPTED -> english ? "Adopted" : "Overgenomen";
                case ADOPTED_IN_PART -> english ? "Adopted in part" : "Deels overgenomen";
                case NOT_ADOPTED -> english ? "Not adopted" : "Niet overgenomen";
            };
            s.append(r.number())
                    .append(". ")
                    .append(r.text())
                    .append("\n")
                    .append(answer)
                    .append(": ")
                    .append(r.reason());
        }
        return s.toString();
    }
}
