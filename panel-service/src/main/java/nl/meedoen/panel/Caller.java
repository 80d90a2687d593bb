package nl.meedoen.panel;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import nl.meedoen.commons.security.Roles;

/**
 * Who is calling: the party (the role: {@code corporation} or {@code tenant-organisation}, else
 * {@code ops}) and the client id (the JWT subject), which identifies a tenant organisation.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    public String party() {
        if (identity.hasRole(Roles.CORPORATION)) {
            return Roles.CORPORATION;
        }
        if (identity.hasRole(Roles.TENANT_ORGANISATION)) {
            return Roles.TENANT_ORGANISATION;
        }
        return Roles.OPS;
    }

    public String client() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
