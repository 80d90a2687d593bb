package nl.meedoen.notification.optout;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.tenant.Tenant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants/{tenantRef}/opt-outs")
@Tag(
        name = "Opt-outs",
        description = "Purpose-scoped opt-outs: consultation, panel, recruitment, tenant-organisation or all")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid tenantRef")
@APIResponse(responseCode = "403", description = "Role may not manage opt-outs")
@APIResponse(responseCode = "404", description = "Unknown tenant")
public class OptOutResource {

    static final String TENANT_REF = "[A-Za-z0-9._-]{1,64}";

    @Inject
    OptOutService optOuts;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "The tenant's opt-outs")
    @APIResponse(responseCode = "200", description = "Opt-outs")
    @Transactional
    public List<OptOutService.OptOutView> list(@PathParam("tenantRef") @Pattern(regexp = TENANT_REF) String tenantRef) {
        requireTenant(tenantRef);
        return optOuts.list(tenantRef);
    }

    @PUT
    @Path("{purpose}")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Record an opt-out (e.g. the tenant told the corporation by phone)",
            description =
                    "Publishes nl.meedoen.notification.opted-out.v1. Transactional (service) messages are not affected.")
    @APIResponse(responseCode = "201", description = "Opted out")
    @APIResponse(responseCode = "200", description = "Was already opted out")
    @APIResponse(responseCode = "422", description = "Unknown purpose")
    @Transactional
    public Response optOut(
            @PathParam("tenantRef") @Pattern(regexp = TENANT_REF) String tenantRef,
            @Parameter(description = "consultation, panel, recruitment, tenant-organisation or all", example = "panel")
                    @PathParam("purpose")
                    String purpose) {
        OptOutService.checkScope(purpose);
        requireTenant(tenantRef);
        boolean created = optOuts.optOut(tenantRef, purpose, "API");
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .build();
    }

    @DELETE
    @Path("{purpose}")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "Withdraw an opt-out (the tenant wants these messages again)")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "422", description = "Unknown purpose")
    @Transactional
    public Response optIn(
            @PathParam("tenantRef") @Pattern(regexp = TENANT_REF) String tenantRef,
            @PathParam("purpose") String purpose) {
        OptOutService.checkScope(purpose);
        requireTenant(tenantRef);
        if (!optOuts.optIn(tenantRef, purpose)) {
            throw ProblemException.notFound("opt-out " + purpose + " of tenant " + tenantRef);
        }
        return Response.noContent().build();
    }

    private static void requireTenant(String tenantRef) {
        if (Tenant.findById(tenantRef) == null) {
            throw ProblemException.notFound("tenant " + tenantRef);
        }
    }
}
