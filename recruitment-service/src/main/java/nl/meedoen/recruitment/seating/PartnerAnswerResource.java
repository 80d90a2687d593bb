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
import nl.meedoen.recruitment.seating.SeatingRequests.AppointmentAnswerIn;
import nl.meedoen.recruitment.signup.SignupViews.SignupOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The partner tenant organisation's answer to an appointment the corporation made in an APPOINTMENT campaign
 * (tag Seating): confirm or decline. What the two answers share — who may give them, and when there is nothing to
 * answer — is said once, on the class.
 */
@Path("/api/v1/campaigns")
@Tag(name = "Seating")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ORGANISATION)
@APIResponse(
        responseCode = "403",
        description = "Not the campaign's partner tenant organisation (also: the campaign has no partner)")
@APIResponse(responseCode = "404", description = "Unknown campaign (or organised by another party)")
@APIResponse(
        responseCode = "409",
        description = "No appointment of this tenant awaits confirmation, or the campaign is cancelled or ended",
        content =
                @Content(
                        examples =
                                @ExampleObject(
                                        name = "nothing to answer",
                                        value = PartnerAnswerResource.NOTHING_AWAITS_EXAMPLE)))
@APIResponse(responseCode = "422", description = "reason longer than 2000 characters")
public class PartnerAnswerResource {

    static final String NOTHING_AWAITS_EXAMPLE = """
            {"type":"https://meedoen.nl/problems/conflict","title":"Conflict","status":409,
             "detail":"campaign is CLOSED (APPOINTMENT): T-1042 has no appointment awaiting the partner's confirmation (outcome SELECTED)"}""";

    @Inject
    Seating seating;

    @POST
    @Path("/{id}/appointments/{tenantRef}/confirm")
    @Operation(
            summary = "The partner tenant organisation confirms the corporation's appointment",
            description =
                    "In a corporation's APPOINTMENT campaign with a partnerOrganisation, every appointment the corporation makes waits "
                            + "for the partner's confirmation: until then the appointee is not told and POST .../seating answers 409 "
                            + "appointments-unconfirmed naming them. Confirmed, the appointee gets recruitment.seated (or recruitment.waitlisted "
                            + "as reserve). The optional reason is audited.")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            required = false,
            content = @Content(examples = @ExampleObject(name = "confirm", value = """
                   {"reason":"Ons bestuur kent deze huurder uit de bewonerscommissie"}""")))
    @APIResponse(
            responseCode = "200",
            description = "Confirmed: the sign-up, awaitingPartner false",
            content =
                    @Content(
                            schema = @Schema(implementation = SignupOut.class),
                            examples = @ExampleObject(name = "confirmed", value = """
                    {"tenantRef":"T-1042","status":"ACTIVE","outcome":"SELECTED","selectionReason":"Kent het onderhoudsplan","awaitingPartner":false}""")))
    public SignupOut confirmAppointment(
            @PathParam("id") UUID id, @PathParam("tenantRef") String tenantRef, AppointmentAnswerIn in) {
        return SignupOut.of(seating.answerAppointment(id, tenantRef, true, in == null ? null : in.reason()));
    }

    @POST
    @Path("/{id}/appointments/{tenantRef}/decline")
    @Operation(
            summary = "The partner tenant organisation declines the corporation's appointment",
            description =
                    "The sign-up is no longer appointed (outcome null, no reason; nobody is told): the corporation may appoint "
                            + "another, or the partner appoints itself. The optional reason is audited.")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            required = false,
            content = @Content(examples = @ExampleObject(name = "decline", value = """
                    {"reason":"Wij stellen liever iemand uit het complex zelf voor"}""")))
    @APIResponse(
            responseCode = "200",
            description = "Declined: the sign-up, no outcome",
            content =
                    @Content(
                            schema = @Schema(implementation = SignupOut.class),
                            examples = @ExampleObject(name = "declined", value = """
                    {"tenantRef":"T-1042","status":"ACTIVE","outcome":null,"selectionReason":null,"awaitingPartner":false}""")))
    public SignupOut declineAppointment(
            @PathParam("id") UUID id, @PathParam("tenantRef") String tenantRef, AppointmentAnswerIn in) {
        return SignupOut.of(seating.answerAppointment(id, tenantRef, false, in == null ? null : in.reason()));
    }
}
