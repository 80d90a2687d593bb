package nl.meedoen.notification.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.privacy.TenantErased;

/** Erasure reaches the import reports: the rejected rows that named her go. */
@ApplicationScoped
public class ImportErasure {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void onErased(@Observes TenantErased erased) {
        em.createNativeQuery("DELETE FROM tenant_import_error WHERE tenant_ref = ?1")
                .setParameter(1, erased.tenantRef())
                .executeUpdate();
    }
}
