package nl.meedoen.recruitment.seating;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.campaign.CampaignRequests.TermEndIn;
import nl.meedoen.recruitment.campaign.CampaignViews.CampaignOut;
import nl.meedoen.recruitment.seating.SeatingRequests.ReopenIn;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The campaign operations that act on its seats, under /api/v1/campaigns/{id} with the other campaign operations (tag
 * Campaigns): reopening sign-ups before the seats are given, and ending a term. Here, not in the campaign package,
 * because they change sign-ups and seats (the campaign package is the base the others build on).
 */
@Path("/api/v1/campaigns")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TermResource {

    @Inject
    Seating seating;

    @Inject
    Terms terms;

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Open sign-ups again until a new date (CLOSED → OPEN)",
            description =
                    "The organiser's choice for an undersubscribed campaign besides going ahead smaller (POST .../seating): reopen, "
                            + "and top up with a second outreach (POST .../outreach; tenants already reached through a source are not messaged "
                            + "again through it). Sign-ups so far stay. Not once seats are given or a draw is committed. Writes campaign-opened.")
    @APIResponse(responseCode = "200", description = "Open again")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(responseCode = "409", description = "Not CLOSED, or its draw is committed or being committed")
    @APIResponse(responseCode = "422", description = "signupCloses missing, in the past or after the term end")
    public CampaignOut reopen(@PathParam("id") UUID id, ReopenIn in) {
        return CampaignOut.from(seating.reopen(id, in));
    }

    @POST
    @Path("/{id}/term/end")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "End the current term",
            description =
                    "Once the seats are given. Without nextTermEnd the campaign ENDS. A standing form (standing: true) with nextTermEnd "
                            + "starts its next term: staying keep their seats, the other seated participants leave (TERM_ENDED), the free seats go "
                            + "first to the waitlist in its order, and sign-ups open (OPEN) until signupCloses for the seats still free, given after "
                            + "the close per the selection mode (POST .../seating). Writes term-ended.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "rotation",
                                            value =
                                                    "{\"staying\":[\"T-1001\",\"T-1002\"],\"nextTermEnd\":\"2028-12-31\","
                                                            + "\"signupCloses\":\"2027-12-15\"}")))
    @APIResponse(responseCode = "200", description = "Ended, or the next term started")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(
            responseCode = "409",
            description = "Seats not given yet, cancelled or ended (the detail starts with the state)")
    @APIResponse(
            responseCode = "422",
            description = "nextTermEnd for a form that is not standing or not after today, signupCloses missing or "
                    + "out of range, or staying naming someone without a seat")
    public CampaignOut endTerm(@PathParam("id") UUID id, TermEndIn in) {
        return CampaignOut.from(terms.end(id, in));
    }
}
