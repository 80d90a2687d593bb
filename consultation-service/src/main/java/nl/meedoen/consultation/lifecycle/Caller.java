package nl.meedoen.consultation.lifecycle;

import io.quarkus.security.identity.SecurityIdentity;
import nl.meedoen.commons.security.Roles;

/**
 * Who is calling: the party their role acts for, and the client (JWT subject). A tenant
 * organisation is identified by its client: it sees and changes only the consultations it
 * initiated or co-owns.
 */
public record Caller(String role, String client) {

    public static Caller of(SecurityIdentity identity) {
        String client = identity.getPrincipal() == null ? "anonymous" : identity.getPrincipal().getName();
        for (String role : new String[] {Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND}) {
            if (identity.hasRole(role)) {
                return new Caller(role, client);
            }
        }
        return new Caller("none", client);
    }

    public boolean is(String r) {
        return role.equals(r);
    }
}
