package nl.meedoen.consultation.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.privacy.TenantErased;

/**
 * Erasure in consultation-service (docs/retention.md): her invitations and audience rows go, and with them her link;
 * a PSEUDONYMOUS response, linked to her until now, goes with its open answers (the result counters keep it only in
 * totals). ANONYMOUS responses were never linked to anyone and stay.
 */
@ApplicationScoped
public class ConsultationErasure {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes TenantErased erased) {
        String ref = erased.tenantRef();
        // Link and response in one statement: the link's foreign key is checked once both are gone.
        em.createNativeQuery("WITH link AS (DELETE FROM response_link l USING invitation i"
                        + " WHERE i.id = l.invitation_id AND i.tenant_ref = ?1 RETURNING l.response_id)"
                        + " DELETE FROM response WHERE id IN (SELECT response_id FROM link)")
                .setParameter(1, ref)
                .executeUpdate();
        erased.deleteFrom(em, "invitation", "audience_member", "advice_feedback");
        // Inviting an audience resumes after her: from the start again, skipping whoever has an invitation.
        em.createNativeQuery("UPDATE consultation SET invitations_cursor = NULL WHERE invitations_cursor = ?1")
                .setParameter(1, ref)
                .executeUpdate();
    }
}
