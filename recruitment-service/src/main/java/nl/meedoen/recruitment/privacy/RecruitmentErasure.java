package nl.meedoen.recruitment.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.privacy.TenantErased;

/**
 * Erasure in recruitment-service (docs/retention.md). A sign-up nothing was decided on yet goes; one that is part of a
 * committed draw or has an outcome stays under a pseudonym without her words, so the draw record still verifies and
 * seats and waitlist stay as they were. Her links, reminders and feedback marks go, attendance is pseudonymised.
 * Compensation payments stay under her tenantRef: the financial administration must keep them (fiscal retention).
 */
@ApplicationScoped
public class RecruitmentErasure {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes TenantErased erased) {
        String ref = erased.tenantRef();
        String pseudonym = TenantErased.pseudonym();
        em.createNativeQuery("DELETE FROM signup s WHERE s.tenant_ref = ?1 AND s.outcome IS NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM draw d WHERE d.campaign_id = s.campaign_id)")
                .setParameter(1, ref)
                .executeUpdate();
        em.createNativeQuery("UPDATE signup SET tenant_ref = ?2, motivation = NULL, expertise = NULL,"
                        + " availability = NULL, selection_reason = NULL WHERE tenant_ref = ?1")
                .setParameter(1, ref)
                .setParameter(2, pseudonym)
                .executeUpdate();
        em.createNativeQuery("UPDATE attendance SET tenant_ref = ?2 WHERE tenant_ref = ?1")
                .setParameter(1, ref)
                .setParameter(2, pseudonym)
                .executeUpdate();
        erased.deleteFrom(em, "outreach_invitation", "session_reminder", "feedback_sent");
    }
}
