package nl.meedoen.notification.tenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants")
@Tag(
        name = "Tenant register",
        description = "Tenants pushed by the corporation; the only personal contact data in Meedoen")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input")
@APIResponse(responseCode = "403", description = "Role may not use the register")
public class TenantResource {

    static final String TENANT_REF = "[A-Za-z0-9._-]{1,64}";

    @Inject
    TenantRegister register;

    @Inject
    Jobs jobs;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @PUT
    @Path("{tenantRef}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Create or update a tenant",
            description =
                    "Idempotent upsert by the corporation's tenantRef. Sending the same data again changes nothing. "
                            + "If-Match (an ETag from a read) is honoured when sent.")
    @APIResponse(
            responseCode = "200",
            description = "Updated (or unchanged)",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response upsert(
            @PathParam("tenantRef")
                    @Pattern(regexp = TENANT_REF, message = "1-64 letters, digits, dot, underscore or dash")
                    String tenantRef,
            @Parameter(description = "ETag of the version you last read") @HeaderParam("If-Match") String ifMatch,
            @NotNull(message = "a JSON body is required") @Valid TenantRequest request) {
        TenantRegister.Upserted result = register.upsert(tenantRef, request, ifMatch);
        // A relative Location: behind the gateway this service's own host name means nothing to the caller.
        Response.ResponseBuilder response = result.created()
                ? Response.status(Response.Status.CREATED).header("Location", "/api/v1/tenants/" + tenantRef)
                : Response.ok();
        return response.entity(result.tenant())
                .tag(Preconditions.etag(result.tenant().version()))
                .build();
    }

    @GET
    @Path("{tenantRef}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "Read one tenant, with an ETag for conditional updates")
    @APIResponse(
            responseCode = "200",
            description = "The tenant",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "404", description = "Unknown tenant")
    public Response get(@PathParam("tenantRef") @Pattern(regexp = TENANT_REF) String tenantRef) {
        TenantView tenant = register.get(tenantRef);
        audit.record("tenant.personal-data.read", "tenant", tenantRef);
        return Response.ok(tenant).tag(Preconditions.etag(tenant.version())).build();
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "List tenants by tenantRef, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of tenants; follow `next` (or the Link header) for more")
    public Response list(@BeanParam PageQuery paging) {
        var page = register.list(paging.request());
        audit.record(
                "tenants.personal-data.listed",
                "tenant",
                null,
                java.util.Map.of("count", page.items().size()));
        return paging.respond(page);
    }

    @POST
    @Path("profiles/republish")
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Publish every tenant's profile again (ops): re-sync tenants.profile.v1",
            description =
                    "For a new consuming service or a lost topic: a job publishes each tenant's current non-personal profile "
                            + "again, a thousand per transaction. Idempotent (the topic is compacted, every read model upserts). 202 Accepted "
                            + "with Location of the job (/api/v1/jobs/notification/{jobId}); its result counts the profiles published.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the job publishes the profiles",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "A re-sync is already queued or running")
    public Response republishProfiles() {
        audit.record("tenants.profiles.republished", "tenant", null, java.util.Map.of());
        return Jobs.accepted(jobs.submit(ProfileRepublishJob.KIND, "all", java.util.Map.of()));
    }

    @DELETE
    @Path("{tenantRef}")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Erase a tenant (right to be forgotten)",
            description = "Deletes the personal data and publishes a tombstone so every service drops the profile.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "Unknown tenant")
    public Response erase(@PathParam("tenantRef") @Pattern(regexp = TENANT_REF) String tenantRef) {
        register.erase(tenantRef);
        return Response.noContent().build();
    }
}
