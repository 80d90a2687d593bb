package nl.meedoen.notification.mailing;

import io.quarkus.security.identity.SecurityIdentity;
import nl.meedoen.commons.security.Roles;

/**
 * Who is calling: the role they act in and their client (JWT subject). A tenant organisation is told apart by its
 * client: it sees and runs only the mailings it created; the corporation only its own (no owner); ops reads all.
 */
public record Caller(String role, String client) {

    public static Caller of(SecurityIdentity identity) {
        String client = identity.getPrincipal() == null ? "anonymous" : identity.getPrincipal().getName();
        for (String role : new String[] {Roles.OPS, Roles.CORPORATION, Roles.TENANT_ORGANISATION}) {
            if (identity.hasRole(role)) {
                return new Caller(role, client);
            }
        }
        return new Caller("none", client);
    }

    public boolean isTenantOrganisation() {
        return Roles.TENANT_ORGANISATION.equals(role);
    }

    /** The owner a mailing created by this caller gets: the tenant organisation's client, null for the corporation. */
    String owner() {
        return isTenantOrganisation() ? client : null;
    }

    /** Whether this caller may see (and, with a role that may act, run) the mailing with {@code owner}. */
    boolean sees(String owner) {
        return Roles.OPS.equals(role) || (isTenantOrganisation() ? client.equals(owner) : owner == null);
    }
}
