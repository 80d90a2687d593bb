package nl.meedoen.recruitment.seating;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.seating.SeatingRequests.AppointmentIn;
import nl.meedoen.recruitment.seating.SeatingViews.SeatingOut;
import nl.meedoen.recruitment.signup.SignupViews.SignupOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(
        name = "Seating",
        description =
                "Selection per form without a lottery: everyone seated when a lottery campaign is not oversubscribed, "
                        + "appointment by the organising board with a reason, open up to capacity (first come, then the waitlist)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "Unknown campaign (or organised by another party)")
public class SeatingResource {
    static final String WRONG_STATE_EXAMPLE = """
            {"type":"https://meedoen.nl/problems/conflict","title":"Conflict","status":409,
             "detail":"campaign is CLOSED (LOTTERY_WHEN_OVERSUBSCRIBED): 7 sign-ups for 5 seats: oversubscribed, so the lottery decides (POST /campaigns/{id}/draw/commit)"}""";

    @Inject
    Seating seating;

    @GET
    @Path("/{id}/seating")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary =
                    "How the campaign's seats were given: by lottery (the draw), or without one and how (everyone, appointed, first come)",
            description =
                    "A tenant organisation reads it for its own and co-owned campaigns, and for every formal-participation campaign of the "
                            + "corporation (read-only: pseudonymous tenantRefs and outcomes, without the board's reasons).")
    @APIResponse(responseCode = "200", description = "The seating record")
    public SeatingOut get(@PathParam("id") UUID id) {
        return seating.get(id);
    }

    @POST
    @Path("/{id}/seating")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Seat the participants without a lottery (CLOSED → SEATED)",
            description =
                    "Per selection mode. LOTTERY_WHEN_OVERSUBSCRIBED with no more active sign-ups than seats: everyone is seated and "
                            + "the record says \"everyone seated, no lottery needed\" — for an undersubscribed campaign this is the organiser's "
                            + "choice to go ahead smaller (the alternatives: POST .../reopen, then a second outreach). APPOINTMENT: those the "
                            + "board appointed hold the seats, reserves stay on the waitlist, the rest are not selected. OPEN_UP_TO_CAPACITY: "
                            + "the seats as given at sign-up. Then confirm, decline (the waitlist replaces), attendance and compensation work "
                            + "as after a draw. Writes participants-seated.")
    @APIResponse(responseCode = "200", description = "Seated")
    @APIResponse(
            responseCode = "409",
            description =
                    "Not CLOSED, already seated or drawn, oversubscribed (the lottery decides), "
                            + "nobody signed up, nobody appointed, or appointments await the partner's confirmation (appointments-unconfirmed, naming them)",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "oversubscribed", value = WRONG_STATE_EXAMPLE),
                                @ExampleObject(name = "unconfirmed appointments", value = """
                            {"type":"https://meedoen.nl/problems/appointments-unconfirmed","title":"Appointments not confirmed","status":409,
                             "detail":"campaign is CLOSED (APPOINTMENT): 1 appointment(s) await the confirmation of partner huurdersvereniging-vogelbuurt: T-1042 (POST /campaigns/{id}/appointments/{tenantRef}/confirm or /decline)"}""")
                            }))
    public SeatingOut seat(@PathParam("id") UUID id) {
        return seating.seat(id);
    }

    @POST
    @Path("/{id}/appointments")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary =
                    "The organising board appoints a sign-up to a seat or as reserve, with its reason (APPOINTMENT campaigns)",
            description =
                    "After sign-ups close, before or after the seating (a seat that came free). The board sees motivation, "
                            + "expertise and availability at GET .../signups; the reason is recorded with the sign-up and audited. A tenant "
                            + "organisation appoints in the campaigns it organises and in those it co-owns as partnerOrganisation. In a "
                            + "corporation's campaign with a partner, the corporation's appointment waits for the partner's confirmation "
                            + "(awaitingPartner: true; the appointee is told once it is confirmed); the partner's own appointment does not.")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "seat",
                                            value =
                                                    "{\"tenantRef\":\"T-1042\",\"reason\":\"Tien jaar ervaring in de bewonerscommissie; kent het onderhoudsplan\",\"reserve\":false}")))
    @APIResponse(
            responseCode = "200",
            description = "The sign-up with its outcome (SELECTED, or WAITLISTED as reserve) and reason")
    @APIResponse(
            responseCode = "409",
            description = "Not an APPOINTMENT campaign, not CLOSED or SEATED, tenant already seated or declined, "
                    + "or every seat taken")
    @APIResponse(
            responseCode = "422",
            description = "A field rule: tenantRef (required, an active sign-up) or reason (required)",
            content = @Content(examples = @ExampleObject(name = "no reason", value = """
                            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
                             "detail":"reason: required: why the board appoints this tenant (knowledge, experience, interest)",
                             "errors":[{"field":"reason","message":"required: why the board appoints this tenant (knowledge, experience, interest)"}]}""")))
    public SignupOut appoint(@PathParam("id") UUID id, AppointmentIn in) {
        return SignupOut.of(seating.appoint(id, in));
    }
}
