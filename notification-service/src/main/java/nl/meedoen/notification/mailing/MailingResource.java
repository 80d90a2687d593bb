package nl.meedoen.notification.mailing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.mailing.MailingRequests.Start;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/mailings")
@Tag(
        name = "Mailings",
        description = "One template to an audience: create → start (or schedule) → progress → pause / resume / cancel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "403", description = "Role may not run mailings (ops reads only)")
public class MailingResource {

    @Inject
    MailingService mailings;

    @Inject
    IdempotencyKeys idempotency;

    @Context
    SecurityContext security;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @POST
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Create a mailing (a draft)",
            description =
                    "A tenant organisation mails its constituency without seeing an address: purpose tenant-organisation (its own opt-out "
                            + "scope; an opt-out of everything holds; the contact budget applies), a tenant-organisation.* template and a segment "
                            + "as audience. It sees and runs only its own mailings (counts and progress, never names or addresses); the corporation "
                            + "never sees them (ops reads them), nor does the tenant organisation see the corporation's.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = MailingView.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown template, missing data, bad audience or source; a purpose, template or tenant list "
                    + "that is not the caller's to use",
            content = @Content(examples = @ExampleObject(name = "bad segment", value = """
            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
             "detail":"audience.segment.ageBand: '90+' is not one of [under-18, 18-34, 35-49, 50-64, 65-79, 80+]",
             "errors":[{"field":"audience.segment.ageBand","message":"'90+' is not one of [under-18, 18-34, 35-49, 50-64, 65-79, 80+]"}]}""")))
    public Response create(
            @Parameter(description = "Retry key") @HeaderParam(IdempotencyKeys.HEADER) String key,
            MailingRequest request) {
        if (request == null) {
            throw ProblemException.invalid("a mailing body is required", null);
        }
        return idempotency.execute(
                "POST /api/v1/mailings by " + security.getUserPrincipal().getName(), key, request, () -> {
                    MailingView created = mailings.create(request, caller());
                    return Response.status(Response.Status.CREATED)
                            .header("Location", "/api/v1/mailings/" + created.id())
                            .entity(created)
                            .build();
                });
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "List mailings, a page at a time",
            description = "The caller's own: a tenant organisation its own, the corporation its own; ops all")
    @APIResponse(responseCode = "200", description = "A page of mailings")
    public Response list(@BeanParam PageQuery paging) {
        return paging.respond(mailings.list(paging.request(), caller()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "A mailing and its progress: counts per status, rate, ETA",
            description =
                    "job links its latest job: creating the messages (done/total recipients); the counts follow the sending.")
    @APIResponse(responseCode = "200", description = "The mailing")
    @APIResponse(responseCode = "404", description = "Unknown mailing, or another party's")
    public MailingView get(@PathParam("id") String id) {
        return mailings.get(parse(id), caller());
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Start a draft now, or schedule it (startAt)",
            description =
                    "A running mailing's messages are created by a mailing job (the link in job: /api/v1/jobs/notification/{jobId}, "
                            + "progress in recipients, ETA; it is not cancellable itself: pause or cancel the mailing). A scheduled one gets its job when due.")
    @APIResponse(responseCode = "200", description = "RUNNING or SCHEDULED")
    @APIResponse(responseCode = "404", description = "Unknown mailing, or another party's")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public MailingView start(@PathParam("id") String id, Start start) {
        return mailings.start(parse(id), start == null ? null : start.startAt(), caller());
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Pause: nothing more is handed to SMTP until resumed",
            description =
                    "Its job stops after its current chunk and reads CANCELLED; what was created and sent stays recorded.")
    @APIResponse(responseCode = "200", description = "PAUSED")
    @APIResponse(responseCode = "404", description = "Unknown mailing, or another party's")
    @APIResponse(responseCode = "409", description = "Not running or scheduled")
    public MailingView pause(@PathParam("id") String id) {
        return mailings.pause(parse(id), caller());
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Resume a paused mailing where it stopped (nobody gets it twice)",
            description = "A new mailing job (the link in job) goes on from where the last one stopped.")
    @APIResponse(responseCode = "200", description = "RUNNING (or SCHEDULED)")
    @APIResponse(responseCode = "404", description = "Unknown mailing, or another party's")
    @APIResponse(responseCode = "409", description = "Not paused")
    public MailingView resume(@PathParam("id") String id) {
        return mailings.resume(parse(id), caller());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Cancel: messages not yet sent are cancelled")
    @APIResponse(responseCode = "200", description = "CANCELLED")
    @APIResponse(responseCode = "404", description = "Unknown mailing, or another party's")
    @APIResponse(responseCode = "409", description = "Already completed or cancelled")
    public MailingView cancel(@PathParam("id") String id) {
        return mailings.cancel(parse(id), caller());
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("mailing " + id);
        }
    }
}
