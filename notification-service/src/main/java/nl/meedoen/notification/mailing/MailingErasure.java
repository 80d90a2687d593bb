package nl.meedoen.notification.mailing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.privacy.TenantErased;

/**
 * Erasure reaches the mailings: she leaves every explicit audience, and a mailing whose materialisation stopped at her
 * ({@code cursor_ref}) goes on from the recipient before her instead, so the cursor no longer names her and nobody is
 * skipped or taken twice.
 */
@ApplicationScoped
public class MailingErasure {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes TenantErased erased) {
        em.flush(); // her register row is gone before the cursor looks for the tenant before her
        erased.deleteFrom(em, "mailing_recipient");
        // A chunk reads the recipients after the cursor: of the explicit list, or of the register for a segment.
        em.createNativeQuery("UPDATE mailing m SET cursor_ref = CASE WHEN m.explicit_list"
                        + " THEN (SELECT max(r.tenant_ref) FROM mailing_recipient r"
                        + " WHERE r.mailing_id = m.id AND r.tenant_ref < ?1)"
                        + " ELSE (SELECT max(t.tenant_ref) FROM tenant t WHERE t.tenant_ref < ?1) END"
                        + " WHERE m.cursor_ref = ?1")
                .setParameter(1, erased.tenantRef())
                .executeUpdate();
    }
}
