package nl.meedoen.consultation.lifecycle;

import io.quarkus.security.identity.SecurityIdentity;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.organisations.KnownOrganisation;

/**
 * Who is calling: the party their role acts for, the client (JWT subject), and {@code actsFor}: for a tenant
 * organisation the registered organisation whose clients contain the subject (the subject itself while none does), for
 * anyone else the client. A tenant organisation is told apart by {@code actsFor}: it sees and changes only the
 * consultations it (any of its clients) initiated or co-owns. This is the one place that maps a token to an organisation.
 */
public record Caller(String role, String client, String actsFor) {

    public static Caller of(SecurityIdentity identity) {
        String client = identity.getPrincipal() == null
                ? "anonymous"
                : identity.getPrincipal().getName();
        for (String role :
                new String[] {Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND}) {
            if (identity.hasRole(role)) {
                return new Caller(
                        role,
                        client,
                        Roles.TENANT_ORGANISATION.equals(role) ? KnownOrganisation.actingFor(client) : client);
            }
        }
        return new Caller("none", client, client);
    }

    public boolean is(String r) {
        return role.equals(r);
    }
}
