package nl.meedoen.organisations;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import nl.meedoen.commons.security.OrganisationDirectory;

/**
 * The read model as the service's organisation directory: who a tenant-organisation client acts for. Unremovable:
 * {@code Caller} looks it up by type at run time, so nothing injects it for the build to see.
 */
@ApplicationScoped
@Unremovable
public class KnownOrganisations implements OrganisationDirectory {

    @Override
    public String actingFor(String client) {
        return KnownOrganisation.actingFor(client);
    }
}
