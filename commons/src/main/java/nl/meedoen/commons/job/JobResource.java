package nl.meedoen.commons.job;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The jobs of one service. Each service that runs jobs exposes them at {@code /api/v1/jobs/<service>} by
 * extending this class with a {@code @Path} equal to {@code meedoen.jobs.path} (the gateway routes
 * {@code jobs/<service>} to it). As with AuditResource, everything is declared on the methods.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class JobResource {

    @Inject
    Jobs jobs;

    @Inject
    JobRunner runner;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @SecurityRequirement(
            name = "bearer",
            scopes = {Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Tag(
            name = "Jobs",
            description = "Long-running work (draws, imports, exports, mailings): status, progress, result, cancel")
    @Operation(
            summary = "A job: status, progress, ETA, and the result link or the problem when it has finished",
            description = "Poll until status is SUCCEEDED (read resultLocation), FAILED or CANCELLED (read problem). "
                    + "Only the caller who started the job and ops can read it.")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds to wait before asking again, while the job has not finished"),
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "403", description = "Role may not read jobs")
    @APIResponse(responseCode = "404", description = "No such job, or started by somebody else")
    public Response get(@PathParam("id") UUID id) {
        JobView job = jobs.get(id);
        Response.ResponseBuilder response = Response.ok(job);
        return (job.finished() ? response : response.header("Retry-After", "2")).build();
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @SecurityRequirement(
            name = "bearer",
            scopes = {Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Tag(name = "Jobs")
    @Operation(
            summary = "Cancel a job",
            description =
                    "A queued job is cancelled at once; a running one stops at its next check and keeps what it finished "
                            + "(the job then reads CANCELLED). Follow the job to see it stop.")
    @APIResponse(
            responseCode = "202",
            description = "Cancellation asked for (or done, for a queued job)",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "403", description = "Role may not cancel jobs")
    @APIResponse(responseCode = "404", description = "No such job, or started by somebody else")
    @APIResponse(responseCode = "409", description = "The job has finished, or its kind cannot be cancelled")
    public Response cancel(@PathParam("id") UUID id) {
        JobHandler handler = runner.handler(jobs.get(id).kind());
        return Jobs.accepted(jobs.cancel(id, handler == null || handler.cancellable()));
    }
}
