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
        erased.deleteFrom(em, "tenant_import_error");
    }
}
