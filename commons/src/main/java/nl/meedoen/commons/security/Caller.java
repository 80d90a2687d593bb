package nl.meedoen.commons.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Who is calling: the role they act in (the first they hold of corporation, tenant organisation, ops and survey
 * frontend; {@code none} without any), the client (the JWT subject) and who they act for. A tenant organisation acts
 * for the registered organisation whose clients include its subject, so every client of one organisation sees and
 * changes the same things (the subject itself while no registration names it); anyone else acts for their own client.
 * The one place a token becomes a party; the service's {@link OrganisationDirectory} says which organisation a client
 * acts for.
 */
public record Caller(String role, String client, String actsFor) {

    private static final List<String> ROLES =
            List.of(Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND);

    /** With the service's {@link OrganisationDirectory}, if it has one (else everyone acts for their own client). */
    public static Caller of(SecurityIdentity identity) {
        InstanceHandle<OrganisationDirectory> directory = Arc.container().instance(OrganisationDirectory.class);
        return of(identity, directory.isAvailable() ? directory.get()::actingFor : UnaryOperator.identity());
    }

    /** @param organisationOf the organisation a tenant-organisation client acts for (the client when none) */
    public static Caller of(SecurityIdentity identity, UnaryOperator<String> organisationOf) {
        String client = identity.isAnonymous() || identity.getPrincipal() == null
                ? "anonymous"
                : identity.getPrincipal().getName();
        for (String role : ROLES) {
            if (identity.hasRole(role)) {
                return new Caller(
                        role, client, Roles.TENANT_ORGANISATION.equals(role) ? organisationOf.apply(client) : client);
            }
        }
        return new Caller("none", client, client);
    }

    public boolean is(String r) {
        return role.equals(r);
    }

    public boolean isTenantOrganisation() {
        return is(Roles.TENANT_ORGANISATION);
    }
}
