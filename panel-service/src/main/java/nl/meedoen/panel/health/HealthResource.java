package nl.meedoen.panel.health;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/panels/{panelId}/health")
@Tag(
        name = "Panel health",
        description = "Composition vs target vs population, response rates, churn and recruitment advice")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Bad window")
@APIResponse(responseCode = "403", description = "Role may not read panel health")
@APIResponse(responseCode = "404", description = "No such panel, or not the caller's")
public class HealthResource {

    @Inject
    PanelHealth health;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "Panel health and recruitment advice",
            description =
                    "Per stratum: active members vs target vs population. Response rate per wave and per profile group; churn (left, paused, lapsed consent) "
                            + "in the window; which groups need how many more members to reach the target composition, with a segment filter for a recruitment mailing "
                            + "and an invitation body for POST /invitations.")
    @APIResponse(responseCode = "200", description = "Panel health")
    public HealthViews.Health get(
            @PathParam("panelId") String panelId,
            @Parameter(description = "Window for churn and group response rates, in days (1-3650, default 365)")
                    @QueryParam("days")
                    String days) {
        int window;
        try {
            window = days == null ? 365 : Integer.parseInt(days);
        } catch (NumberFormatException e) {
            window = -1;
        }
        if (window < 1 || window > 3650) {
            throw ProblemException.invalidField("days", "between 1 and 3650");
        }
        return health.health(panelId, window);
    }
}
