package nl.meedoen.recruitment.campaign;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.campaign.CampaignRequests.CampaignIn;
import nl.meedoen.recruitment.campaign.CampaignRequests.CampaignPatch;
import nl.meedoen.recruitment.campaign.CampaignRequests.CancelIn;
import nl.meedoen.recruitment.campaign.CampaignRequests.SessionIn;
import nl.meedoen.recruitment.campaign.CampaignRequests.Statement;
import nl.meedoen.recruitment.campaign.CampaignViews.CampaignOut;
import nl.meedoen.recruitment.campaign.CampaignViews.SessionOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(
        name = "Campaigns",
        description =
                "Recruitment campaigns for every people-form: seats, window, eligibility, term, sessions, compensation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    @Inject
    Campaigns campaigns;

    @Inject
    Statements statements;

    @POST
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Create a campaign (DRAFT)",
            description = "selectionMode defaults to the form's toolkit default; the organiser may choose another.")
    @APIResponseSchema(
            value = CampaignOut.class,
            responseCode = "201",
            responseDescription = "Created; Location is its address")
    @APIResponse(responseCode = "400", description = "Invalid campaign")
    @APIResponse(
            responseCode = "422",
            description = "partnerOrganisation is not an active organisation of the register",
            content = @Content(examples = @ExampleObject(name = "unknown tenant organisation", value = """
            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
             "detail":"partnerOrganisation: unknown tenant organisation",
             "errors":[{"field":"partnerOrganisation","message":"unknown tenant organisation hv-nergens: name an active organisation of the register (GET /api/v1/organisations)"}]}""")))
    public Response create(CampaignIn in) {
        Campaign c = campaigns.create(in);
        return Response.created(URI.create("/api/v1/campaigns/" + c.id))
                .entity(CampaignOut.from(c))
                .build();
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "List the campaigns the caller may see",
            description =
                    "The corporation and ops: every campaign. A tenant organisation: those it organises, those naming it as "
                            + "partnerOrganisation (co-owned), and every formal-participation campaign of the corporation (toolkit §3: focus group, "
                            + "outer ring, work group, advisory council, theme evening, tenant day, neighbourhood inspection, meeting without agenda) "
                            + "— the last read-only: the campaign and its seating (pseudonymous), never the sign-ups' motivation.")
    @APIResponse(responseCode = "200", description = "The campaigns")
    public List<CampaignOut> list() {
        return CampaignOut.from(campaigns.list());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "One campaign",
            description =
                    "A tenant organisation reads its own, co-owned and the corporation's formal-participation campaigns.")
    @APIResponse(
            responseCode = "404",
            description = "Unknown, or (tenant organisation) another organisation's campaign")
    @APIResponse(responseCode = "200", description = "The campaign")
    public CampaignOut get(@PathParam("id") UUID id) {
        return CampaignOut.from(campaigns.find(id));
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Open sign-ups (DRAFT → OPEN)",
            description = "Needs the participation statement, signed by every owning party.")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(
            responseCode = "409",
            description = "Not in DRAFT, or the participation statement is missing (no-statement) or not signed by "
                    + "every owning party yet (statement-not-agreed)")
    @APIResponse(responseCode = "200", description = "Open")
    public CampaignOut open(@PathParam("id") UUID id) {
        return CampaignOut.from(campaigns.transition(id, Campaign.Status.OPEN));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Close sign-ups (OPEN → CLOSED)")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(responseCode = "409", description = "Not OPEN")
    @APIResponse(responseCode = "200", description = "Closed")
    public CampaignOut close(@PathParam("id") UUID id) {
        return CampaignOut.from(campaigns.transition(id, Campaign.Status.CLOSED));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Edit a campaign",
            description =
                    "Before it opens (DRAFT) every field may change, with the rules of creation. After opening only seats may change, never "
                            + "below the seats already taken (in an open-up-to-capacity campaign more seats go to the first on the waitlist); any other "
                            + "field is a 409 naming the state. A cancelled or ended campaign does not change. Changing partnerOrganisation clears the "
                            + "statement's signatures.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "more seats",
                                            value = "{\"seats\":12,\"title\":\"Huurdersraad Vogelbuurt 2027\"}")))
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(
            responseCode = "409",
            description = "Not in a state that allows the change (the detail starts with the state), or fewer seats "
                    + "than are taken",
            content = @Content(examples = @ExampleObject(name = "below the seated", value = """
            {"type":"https://meedoen.nl/problems/conflict","title":"Conflict",
            "status":409,"detail":"campaign is SEATED (APPOINTMENT): 5 seats are taken; seats cannot go below that (3 asked)"}""")))
    @APIResponse(
            responseCode = "422",
            description =
                    "A field rule, naming the field (partnerOrganisation: not an active organisation of the register)")
    public CampaignOut patch(@PathParam("id") UUID id, CampaignPatch in) {
        return CampaignOut.from(campaigns.patch(id, in));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Cancel a campaign (→ CANCELLED)",
            description =
                    "In any state before the end. Everyone who signed up — seated, waitlisted or waiting — gets recruitment.campaign-cancelled "
                            + "(campaignTitle, reason) through notification-service; writes campaign-cancelled. Every later operation is a 409 naming CANCELLED.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "cancel",
                                            value = "{\"reason\":\"Te weinig animo; we komen in het najaar terug\"}")))
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(responseCode = "409", description = "Already cancelled or ended, or its draw is being committed")
    @APIResponse(responseCode = "422", description = "reason missing or too long")
    public CampaignOut cancel(@PathParam("id") UUID id, CancelIn in) {
        return CampaignOut.from(campaigns.cancel(id, in));
    }

    @POST
    @Path("/{id}/sessions")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Add a session",
            description =
                    "A standing form schedules its next meeting, an event one more evening. Attendance and compensation per session as for the "
                            + "others; every seated participant gets recruitment.session-reminder (campaignTitle, sessionDate, location) "
                            + "recruitment.reminders.lead-time before it starts.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "next meeting",
                                            value =
                                                    "{\"startsAt\":\"2027-03-09T19:30:00+01:00\",\"place\":\"Buurthuis De Kern\"}")))
    @APIResponseSchema(
            value = SessionOut.class,
            responseCode = "201",
            responseDescription = "Added; Location is the campaign")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(responseCode = "409", description = "Cancelled or ended")
    @APIResponse(
            responseCode = "422",
            description = "startsAt missing or not in the future, or neither place nor onlineLink (naming the field)")
    public Response addSession(@PathParam("id") UUID id, SessionIn in) {
        CampaignSession s = campaigns.addSession(id, in);
        return Response.created(URI.create("/api/v1/campaigns/" + id))
                .entity(SessionOut.from(s))
                .build();
    }

    @PUT
    @Path("/{id}/statement")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Set the participation statement (DRAFT)",
            description =
                    "Goal, what can and cannot be influenced, the level of influence and what will be done with the outcome by when — as for a "
                            + "consultation. Agreed (signed by every owning party) before the campaign opens; a different statement clears the signatures.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "statement",
                                            value =
                                                    "{\"goal\":\"Samen bepalen welk onderhoud in 2027 voorgaat\","
                                                            + "\"canInfluence\":\"De volgorde van de projecten\",\"cannotInfluence\":\"Het totale budget\",\"influenceLevel\":\"ADVISE\","
                                                            + "\"outcomeUse\":\"Het bestuur neemt het advies over of legt uit waarom niet\",\"outcomeBy\":\"2027-06-30\"}")))
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(responseCode = "409", description = "Not DRAFT (the detail starts with the state)")
    @APIResponse(responseCode = "422", description = "A part missing or too long, naming it (statement.goal, ...)")
    public CampaignOut statement(@PathParam("id") UUID id, Statement in) {
        return CampaignOut.from(statements.set(id, in));
    }

    @POST
    @Path("/{id}/statement/signatures")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Sign the current participation statement for your party",
            description =
                    "The owning parties sign: the organiser, and for a corporation's campaign with a partnerOrganisation that tenant "
                            + "organisation too. statementSignatures and statementUnsignedBy say who has; opening waits until everyone has.")
    @APIResponse(
            responseCode = "200",
            description = "Signed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignOut.class),
                            examples =
                                    @ExampleObject(
                                            name = "signed by both",
                                            value = "{\"status\":\"DRAFT\","
                                                    + "\"partnerOrganisation\":\"huurdersvereniging-vogelbuurt\",\"statementSignatures\":{\"corporation\":{\"client\":\"woonstichting\","
                                                    + "\"at\":\"2027-02-01T10:00:00Z\"},\"tenant-organisation\":{\"client\":\"huurdersvereniging-vogelbuurt\",\"at\":\"2027-02-02T19:30:00Z\"}},"
                                                    + "\"statementUnsignedBy\":[]}")))
    @APIResponse(responseCode = "403", description = "Not an owning party of this campaign")
    @APIResponse(responseCode = "404", description = "Unknown campaign")
    @APIResponse(responseCode = "409", description = "Not DRAFT, or no statement yet (no-statement)")
    public CampaignOut signStatement(@PathParam("id") UUID id) {
        return CampaignOut.from(statements.sign(id));
    }
}
