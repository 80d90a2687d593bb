package nl.meedoen.commons.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Erasure reaches the tables every service has from commons: published outbox rows that name the tenant (her profile
 * with its household key, deliveries, participation) and stored responses of retried requests that name her. Rows not
 * published yet stay: among them is what tells the other services (the tombstone itself).
 */
@ApplicationScoped
public class SharedTableErasure {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes TenantErased erased) {
        String ref = erased.tenantRef();
        // Anywhere in the payload (a request id may end in it); a row of someone else matched by accident was only
        // kept for inspection.
        em.createNativeQuery("DELETE FROM outbox_event WHERE published_at IS NOT NULL"
                        + " AND (event_key = ?1 OR strpos(payload, ?1) > 0)")
                .setParameter(1, ref)
                .executeUpdate();
        // Only her tenantRef as a JSON string: a record deleted by mistake would let a retry run twice.
        em.createNativeQuery("DELETE FROM idempotency_record WHERE strpos(response_body, ?1) > 0")
                .setParameter(1, "\"" + ref + "\"")
                .executeUpdate();
    }
}
