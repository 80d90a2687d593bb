package nl.meedoen.commons.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The service's audit log for ops. Each service exposes it at {@code /api/v1/audit/<service>} by
 * extending this class with a {@code @Path} (the gateway routes that path to the service).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class AuditResource {

    // As with PopulationResource: OpenAPI does not carry this abstract class's class-level
    // annotations over to the subclasses, so everything is declared on the method.

    @Inject
    AuditLog audit;

    @GET
    @RolesAllowed(Roles.OPS)
    @SecurityRequirement(
            name = "bearer",
            scopes = Roles.OPS) // inherited: Quarkus does not derive it from @RolesAllowed
    @Tag(name = "Audit", description = "Privileged actions of this service: who, what, when (ops only)")
    @Operation(
            summary = "Audit log of privileged actions, newest first (ops only)",
            description =
                    "Who (JWT subject and roles), what (action, subject), when and the correlation id of exports, "
                            + "reads of personal data, draws, erasures. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "{items, next}")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "403", description = "Only ops reads the audit log")
    public Response list(
            @BeanParam PageQuery paging,
            @Parameter(description = "only this subject type, e.g. consultation") @QueryParam("subjectType")
                    String subjectType,
            @Parameter(description = "only this subject id") @QueryParam("subjectId") String subjectId,
            @Parameter(description = "only this action") @QueryParam("action") String action) {
        return paging.respond(audit.list(paging.request(), subjectType, subjectId, action));
    }
}
