package nl.meedoen.recruitment.feedback;

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
import nl.meedoen.recruitment.campaign.CampaignRequests.OutcomeIn;
import nl.meedoen.recruitment.campaign.CampaignViews.OutcomeOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recording a campaign's outcome, under /api/v1/campaigns/{id} with the other campaign operations (tag Campaigns): here,
 * with the feedback it sends to everyone who signed up.
 */
@Path("/api/v1/campaigns")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutcomeResource {

    @Inject
    Feedback feedback;

    @POST
    @Path("/{id}/outcome")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Record the outcome; the feedback goes out",
            description =
                    "Once, after sign-ups have closed: recommendations, an advice, a report, the findings of an inspection. Everyone who "
                            + "signed up and did not withdraw (the seated participants among them) gets recruitment.feedback (campaignTitle, outcome) "
                            + "with purpose feedback — once each.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "outcome",
                                            value =
                                                    "{\"outcome\":\"De werkgroep adviseerde de galerijen eerst te schilderen.\\n"
                                                            + "Het bestuur neemt dat over: de schilder begint in mei.\"}")))
    @APIResponse(responseCode = "200", description = "Recorded and sent")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(
            responseCode = "409",
            description = "Before the close, cancelled, or recorded already (the detail starts with the state)")
    @APIResponse(responseCode = "422", description = "outcome missing or too long")
    public OutcomeOut outcome(@PathParam("id") UUID id, OutcomeIn in) {
        return feedback.record(id, in);
    }
}
