package nl.meedoen.notification.mailing;

import io.quarkus.security.identity.SecurityIdentity;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.organisation.OrganisationRegister;

/**
 * Who is calling: the role they act in and who they act for. A tenant organisation acts for the organisation of the
 * register whose clients include its JWT subject (every client of it sees the same mailings), or for its subject when
 * none does; it sees and runs only its organisation's mailings. The corporation sees only its own (no owner); ops all.
 */
public record Caller(String role, String client) {

    public static Caller of(SecurityIdentity identity, OrganisationRegister organisations) {
        String subject = identity.getPrincipal() == null
                ? "anonymous"
                : identity.getPrincipal().getName();
        for (String role : new String[] {Roles.OPS, Roles.CORPORATION, Roles.TENANT_ORGANISATION}) {
            if (identity.hasRole(role)) {
                return new Caller(
                        role, Roles.TENANT_ORGANISATION.equals(role) ? organisations.actingFor(subject) : subject);
            }
        }
        return new Caller("none", subject);
    }

    public boolean isTenantOrganisation() {
        return Roles.TENANT_ORGANISATION.equals(role);
    }

    /** The owner a mailing created by this caller gets: the tenant organisation it acts for, null for the corporation. */
    String owner() {
        return isTenantOrganisation() ? client : null;
    }

    /** Whether this caller may see (and, with a role that may act, run) the mailing with {@code owner}. */
    boolean sees(String owner) {
        return Roles.OPS.equals(role) || (isTenantOrganisation() ? client.equals(owner) : owner == null);
    }
}
