package nl.meedoen.recruitment.compensation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvDialectParameter;
import nl.meedoen.commons.csv.CsvExport;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.compensation.CompensationRequests.AttendanceIn;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(
        name = "Compensation",
        description = "Attendance per session and the volunteer-allowance ledger per person per calendar year")
@APIResponse(responseCode = "400", description = "Invalid request")
public class CompensationResource {

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    Compensation compensation;

    @POST
    @Path("/{id}/sessions/{sessionId}/attendance")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Record attendance; books the scheme's compensation, capped at the yearly maximum (says when capped)")
    @APIResponse(responseCode = "404", description = "Unknown campaign or session")
    @APIResponse(responseCode = "409", description = "Campaign not drawn")
    @APIResponse(responseCode = "422", description = "Not a selected participant")
    @APIResponse(responseCode = "200", description = "The payments for the session")
    public List<Compensation.Payment> attend(
            @PathParam("id") UUID id, @PathParam("sessionId") UUID sessionId, AttendanceIn in) {
        return compensation.attend(id, sessionId, in == null ? null : in.tenantRefs());
    }

    @GET
    @Path("/compensation/ledger")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The ledger of one calendar year: per person requested, paid and whether the yearly maximum capped it")
    @APIResponse(responseCode = "200", description = "The ledger rows")
    public List<Compensation.LedgerRow> ledger(@BeanParam CalendarYear year) {
        return compensation.ledger(year.value());
    }

    @GET
    @Path("/compensation/ledger.csv")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Produces("text/csv")
    @Operation(
            summary = "The ledger of one calendar year as CSV for payment",
            description = "Amounts in euro with two decimals " + "(a decimal comma with ?dialect=excel-nl).")
    @APIResponse(
            responseCode = "200",
            description = "CSV: tenantRef, year, requestedEuro, paidEuro, capped, yearlyMaxEuro",
            content = @Content(mediaType = "text/csv"))
    public Response csv(@BeanParam CalendarYear year, @BeanParam CsvDialectParameter dialect) {
        CsvDialect csvDialect = dialect.dialect();
        int calendarYear = year.value();
        List<Compensation.LedgerRow> ledger = compensation.ledger(calendarYear);
        audit.record("compensation.ledger.exported", "compensation-ledger", Integer.toString(calendarYear));
        return CsvExport.attachment("compensation-" + calendarYear + ".csv", csvDialect, csv -> {
            csv.row("tenantRef", "year", "requestedEuro", "paidEuro", "capped", "yearlyMaxEuro");
            for (var r : ledger) {
                csv.row(
                        r.tenantRef(),
                        r.year(),
                        euro(r.requestedCents()),
                        euro(r.paidCents()),
                        r.capped(),
                        euro(r.yearlyMaxCents()));
            }
        });
    }

    private static BigDecimal euro(long cents) {
        return BigDecimal.valueOf(cents, 2); // a number: the CSV dialect chooses the decimal mark
    }
}
