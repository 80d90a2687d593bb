package nl.meedoen.commons.privacy;

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
}
