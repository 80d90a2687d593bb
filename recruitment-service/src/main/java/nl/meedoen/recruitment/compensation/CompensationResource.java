package nl.meedoen.recruitment.compensation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/campaigns")
@Tag(name = "Compensation", description = "Attendance per session and the volunteer-allowance ledger per person per calendar year")
@APIResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CompensationResource {

    public record AttendanceIn(List<String> tenantRefs) {
    }

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    Compensation compensation;

    @POST
    @Path("/{id}/sessions/{sessionId}/attendance")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record attendance; books the scheme's compensation, capped at the yearly maximum (says when capped)")
    @APIResponse(responseCode = "404", description = "Unknown campaign or session", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Campaign not drawn", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not a selected participant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Compensation.Payment> attend(@PathParam("id") UUID id, @PathParam("sessionId") UUID sessionId, AttendanceIn in) {
        return compensation.attend(id, sessionId, in == null ? null : in.tenantRefs());
    }

    @GET
    @Path("/compensation/ledger")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The ledger of one calendar year: per person requested, paid and whether the yearly maximum capped it")
    public List<Compensation.LedgerRow> ledger(@QueryParam("year") Integer year) {
        return compensation.ledger(year(year));
    }

    @GET
    @Path("/compensation/ledger.csv")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Produces("text/csv")
    @Operation(summary = "The ledger of one calendar year as CSV for payment")
    public Response csv(@QueryParam("year") Integer year) {
        audit.record("compensation.ledger.exported", "compensation-ledger", year == null ? null : year.toString());
        StringBuilder csv = new StringBuilder("tenantRef,year,requestedEuro,paidEuro,capped,yearlyMaxEuro\n");
        for (var r : compensation.ledger(year(year))) {
            csv.append(r.tenantRef().replace(",", " ")).append(',').append(r.year()).append(',')
                    .append(euro(r.requestedCents())).append(',').append(euro(r.paidCents())).append(',')
                    .append(r.capped()).append(',').append(euro(r.yearlyMaxCents())).append('\n');
        }
        return Response.ok(csv.toString(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"compensation-" + year + ".csv\"").build();
    }

    private static int year(Integer year) {
        if (year == null || year < 2000 || year > 2100) {
            throw ProblemException.invalidField("year", "a calendar year, e.g. 2024");
        }
        return year;
    }

    private static String euro(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
