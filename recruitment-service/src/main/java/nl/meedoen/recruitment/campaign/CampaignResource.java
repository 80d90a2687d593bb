package nl.meedoen.recruitment.campaign;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.campaign.CampaignDtos.CampaignIn;
import nl.meedoen.recruitment.campaign.CampaignDtos.CampaignOut;
import nl.meedoen.recruitment.seating.Seating;
import nl.meedoen.recruitment.seating.SeatingDtos.ReopenIn;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "Recruitment campaigns for every people-form: seats, window, eligibility, term, sessions, compensation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CampaignResource {

    @Inject
    Campaigns campaigns;

    @Inject
    Seating seating;

    @POST
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Create a campaign (DRAFT)", description = "selectionMode defaults to the form's toolkit default; the organiser may choose another.")
    @APIResponse(responseCode = "201", description = "Created; Location is its address", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignOut.class)))
    @APIResponse(responseCode = "400", description = "Invalid campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CampaignIn in) {
        Campaign c = campaigns.create(in);
        return Response.created(URI.create("/api/v1/campaigns/" + c.id)).entity(Campaigns.out(c)).build();
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "List the campaigns the caller may see")
    @APIResponse(responseCode = "200", description = "The campaigns", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = CampaignOut.class)))
    public List<CampaignOut> list() {
        return campaigns.list().stream().map(Campaigns::out).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "One campaign")
    @APIResponse(responseCode = "404", description = "Unknown (or organised by another party)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The campaign", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignOut.class)))
    public CampaignOut get(@PathParam("id") UUID id) {
        return Campaigns.out(campaigns.find(id));
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Open sign-ups (DRAFT → OPEN)")
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not in DRAFT", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "Open", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignOut.class)))
    public CampaignOut open(@PathParam("id") UUID id) {
        return Campaigns.out(campaigns.transition(id, Campaign.Status.OPEN));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Close sign-ups (OPEN → CLOSED)")
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not OPEN", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignOut.class)))
    public CampaignOut close(@PathParam("id") UUID id) {
        return Campaigns.out(campaigns.transition(id, Campaign.Status.CLOSED));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Open sign-ups again until a new date (CLOSED → OPEN)",
            description = "The organiser's choice for an undersubscribed campaign besides going ahead smaller (POST .../seating): reopen, "
                    + "and top up with a second outreach (POST .../outreach; tenants already reached through a source are not messaged "
                    + "again through it). Sign-ups so far stay. Not once seats are given or a draw is committed. Writes campaign-opened.")
    @APIResponse(responseCode = "200", description = "Open again", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignOut.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not CLOSED, or its draw is committed or being committed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "signupCloses missing, in the past or after the term end",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignOut reopen(@PathParam("id") UUID id, ReopenIn in) {
        return Campaigns.out(seating.reopen(id, in));
    }
}
