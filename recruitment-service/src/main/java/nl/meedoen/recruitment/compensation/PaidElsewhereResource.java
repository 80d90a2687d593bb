package nl.meedoen.recruitment.compensation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.compensation.Compensation.PaidElsewhereOut;
import nl.meedoen.recruitment.compensation.CompensationRequests.PaidElsewhereIn;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(name = "Compensation")
public class PaidElsewhereResource {
    @Inject
    Compensation compensation;

    @POST
    @Path("/compensation/paid-elsewhere")
    @RolesAllowed(Roles.CORPORATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record a volunteer allowance paid elsewhere in a year; the yearly maximum counts it from now on",
            description =
                    "Audited. The answer shows the tenant's year: paid here, paid elsewhere, the maximum and what the platform may still pay. "
                            + "Recorded under the same per-tenant-and-year lock as attendance, so a payment booked at the same moment counts it or is counted by it.")
    @APIResponseSchema(value = PaidElsewhereOut.class, responseCode = "201", responseDescription = "Recorded")
    @APIResponse(
            responseCode = "422",
            description = "A field rule: tenantRef, year, amountCents (> 0) or note (at most 500 characters)",
            content = @Content(examples = @ExampleObject(name = "no amount", value = """
                            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
                             "detail":"amountCents: an amount in euro cents, more than 0",
                             "errors":[{"field":"amountCents","message":"an amount in euro cents, more than 0"}]}""")))
    public Response record(PaidElsewhereIn in) {
        return Response.status(201)
                .entity(compensation.recordPaidElsewhere(in))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/compensation/paid-elsewhere")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Allowances recorded as paid elsewhere in a year (optionally for one tenant)")
    @APIResponse(responseCode = "200", description = "The records, each with the tenant's year")
    @APIResponse(responseCode = "400", description = "year missing or not a calendar year")
    public List<PaidElsewhereOut> list(@BeanParam CalendarYear year, @QueryParam("tenantRef") String tenantRef) {
        return compensation.paidElsewhere(year.value(), tenantRef);
    }
}
