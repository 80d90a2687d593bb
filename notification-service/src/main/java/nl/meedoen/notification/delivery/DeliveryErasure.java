package nl.meedoen.notification.delivery;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import nl.meedoen.commons.privacy.TenantErased;

/**
 * Erasure of a tenant reaches its deliveries: pending ones are held back, personal data goes from all, and the rows
 * stay under a pseudonym (mailing progress, print-batch manifests and counts stay right). First of the
 * {@link TenantErased} observers (then the opt-outs), as when the register called it directly.
 */
@ApplicationScoped
public class DeliveryErasure {

    @Inject
    EntityManager em;

    @Inject
    DeliveryEvents events;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes @Priority(Interceptor.Priority.APPLICATION) TenantErased erased) {
        erase(erased.tenantRef());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String tenantRef) {
        List<Delivery> pending = Delivery.list("tenantRef = ?1 and status in ('QUEUED', 'BATCHED')", tenantRef);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Delivery d : pending) {
            d.status = DeliveryStatus.SUPPRESSED.name();
            d.reason = DeliveryStatus.Reason.ERASED.name();
            d.updatedAt = now;
            events.publish(d);
        }
        em.flush();
        // A stored letters PDF holding the tenant's name and address goes; asked for again, it is rendered without
        // them.
        em.createNativeQuery("UPDATE print_batch SET pdf = NULL WHERE pdf IS NOT NULL AND id IN"
                        + " (SELECT print_batch_id FROM delivery WHERE tenant_ref = ?1 AND print_batch_id IS NOT NULL)")
                .setParameter(1, tenantRef)
                .executeUpdate();
        // Some senders make the request id from the tenantRef: it is pseudonymised with the rest.
        em.createNativeQuery("UPDATE delivery SET tenant_ref = ?2, request_id = replace(request_id, ?1, ?2),"
                        + " data = NULL, recipient = NULL, last_error = NULL WHERE tenant_ref = ?1")
                .setParameter(1, tenantRef)
                .setParameter(2, TenantErased.pseudonym())
                .executeUpdate();
    }
}
