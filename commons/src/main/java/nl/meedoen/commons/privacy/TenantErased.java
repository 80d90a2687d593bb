package nl.meedoen.commons.privacy;

import jakarta.persistence.EntityManager;

/**
 * A tenant was erased (the right to be forgotten). Fired synchronously in the erasure's transaction: in
 * notification-service by the tenant register, in every other service by the population read model's consumer when
 * the tombstone on {@code tenants.profile.v1} arrives. Whatever holds the tenant erases her in an observer next to its
 * own tables (what each does is in docs/retention.md); an observer that fails rolls the whole erasure back, and the
 * inbox retries it.
 */
public record TenantErased(String tenantRef) {

    /** A pseudonym for her rows that stay: random, drawn once per erasure, so nothing maps it back to her. */
    public static String pseudonym() {
        return "erased-" + java.util.UUID.randomUUID();
    }

    /** Deletes her rows (by {@code tenant_ref}) from each table; the names come from the code, never from input. */
    public void deleteFrom(EntityManager em, String... tables) {
        for (String table : tables) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE tenant_ref = ?1")
                    .setParameter(1, tenantRef)
                    .executeUpdate();
        }
    }
}
