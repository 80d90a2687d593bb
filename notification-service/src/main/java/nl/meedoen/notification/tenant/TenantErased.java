package nl.meedoen.notification.tenant;

/**
 * Fired (synchronously, in the erasure's transaction) when a tenant is erased from the register: whatever else holds
 * the tenant's personal data erases it too (their deliveries, their opt-outs), so the register need not know them.
 * An observer that fails rolls the whole erasure back.
 */
public record TenantErased(String tenantRef) {}
