package nl.meedoen.consultation.invitation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/consultations/{id}")
@Tag(
        name = "Invitations",
        description =
                "One invitation per tenant of the audience, mailed through notification-service; reminders to non-responders")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "The role (or party) may not do this")
@APIResponse(responseCode = "404", description = "No such consultation")
public class InvitationResource {

    @Inject
    InvitationService invitations;

    @Inject
    ConsultationService consultations;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("invitations/counts")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "How many were invited, opened their invitation, saved a partial response, completed",
            description =
                    "Counts are cumulative: completed ones count as opened too. allInvited is false while invitations are still being created.")
    @APIResponse(responseCode = "200", description = "The counts")
    public InvitationViews.Counts counts(@PathParam("id") UUID id) {
        return invitations.counts(consultations.find(id, Caller.of(identity)));
    }

    @POST
    @Path("reminders")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Remind everyone who has not completed, now",
            description = "Besides the scheduled reminders; sent in the background.")
    @APIResponse(responseCode = "202", description = "A reminder round started")
    @APIResponse(responseCode = "409", description = "Not open")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response remind(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Consultation c = invitations.requestReminder(id, Caller.of(identity), ifMatch);
        return Response.accepted().tag(Preconditions.etag(c.version)).build();
    }
}
