package nl.meedoen.recruitment.draw;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.draw.DrawViews.FillOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(name = "Seating")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "Unknown campaign (or organised by another party)")
public class VacancyResource {
    @Inject
    Draws draws;

    @POST
    @Path("/{id}/vacancies/fill")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Fill the vacant seats, any time before the term starts, keeping the quotas",
            description =
                    "After a draw: seat by seat the first in the draw order (the whole order) who keeps the household rule and every "
                            + "quota; the selected get the draw-selected message and participant-replaced is written per seat. Seated without a "
                            + "lottery: the first on the waitlist (reserves in the order appointed, first come in an open campaign). The term "
                            + "starts with the campaign's first session. Seat changes of one campaign are serialised by a row lock.")
    @APIResponse(responseCode = "200", description = "Filled (some seats may stay vacant: unkeptQuotas says why)")
    @APIResponse(
            responseCode = "409",
            description = "Illegal in the campaign's state: nobody seated yet, the term has started, no seat vacant, "
                    + "or nobody waiting; the detail starts with the state",
            content = @Content(examples = @ExampleObject(name = "no vacancy", value = """
                    {"type":"https://meedoen.nl/problems/conflict","title":"Conflict","status":409,
                     "detail":"campaign is DRAWN (LOTTERY_WHEN_OVERSUBSCRIBED): all 40 seats are taken; no seat is vacant"}""")))
    @APIResponse(
            responseCode = "422",
            description = "No one left in the draw order keeps the quotas: errors name each quota "
                    + "(quotas.<attribute>.<value>.min) that cannot be kept",
            content = @Content(examples = @ExampleObject(name = "quota cannot be kept", value = """
                    {"type":"https://meedoen.nl/problems/quota-cannot-be-kept","title":"No one left in the draw order keeps the quotas","status":422,
                     "detail":"campaign is DRAWN (LOTTERY_WHEN_OVERSUBSCRIBED): 1 seat(s) vacant; no one left in the draw order keeps every quota: ageBand 18-34 (min 2, max 2): 1 on the panel; nobody left in the draw order has ageBand 18-34",
                     "errors":[{"field":"quotas.ageBand.18-34.min","message":"ageBand 18-34 (min 2, max 2): 1 on the panel; nobody left in the draw order has ageBand 18-34"}]}""")))
    public FillOut fill(@PathParam("id") UUID id) {
        return draws.fillVacancies(id);
    }
}
