package nl.meedoen.panel.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.privacy.TenantErased;

/**
 * The right to be forgotten: the erasure (a tombstone on {@code tenants.profile.v1}, handled in the population
 * consumer's transaction) removes the tenant's panel memberships, links, consents and interests. Their rows in wave
 * and churn history keep only a random pseudonym, so response rates and churn stay right without naming anyone.
 */
@ApplicationScoped
public class MemberErasure {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes TenantErased erased) {
        String tenantRef = erased.tenantRef();
        erased.deleteFrom(em, "member_token", "member_interest", "consent_record", "panel_member");
        for (String table : new String[] {"member_change", "wave_member"}) {
            em.createNativeQuery("UPDATE " + table
                            + " SET tenant_ref = 'erased-' || gen_random_uuid() WHERE tenant_ref = ?1")
                    .setParameter(1, tenantRef)
                    .executeUpdate();
        }
    }
}
