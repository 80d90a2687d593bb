package nl.meedoen.notification.letter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvExport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/print-batches")
@Tag(name = "Letters", description = "Print batches for tenants reached by letter: PDF (one letter per page), CSV manifest, printed / posted / returned")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role may not handle letters", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PrintBatchResource {

    @Schema(name = "ReturnedLetters")
    public record Returned(@Schema(required = true) List<UUID> deliveryIds) {
    }

    @Inject
    PrintBatchService batches;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "Collect the letters waiting to be printed into a new batch")
    @APIResponse(responseCode = "201", description = "The batch", content = @Content(schema = @Schema(implementation = PrintBatchService.BatchView.class)))
    @APIResponse(responseCode = "400", description = "Bad limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No letters are waiting", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Parameter(description = "Most letters in this batch, 1-" + PrintBatchService.MAX_LETTERS + ", default 1000") @QueryParam("limit") String limit) {
        int n;
        try {
            n = limit == null ? 1000 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > PrintBatchService.MAX_LETTERS) {
            throw ProblemException.invalidField("limit", "between 1 and " + PrintBatchService.MAX_LETTERS);
        }
        PrintBatchService.BatchView batch = batches.create(n);
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/print-batches/" + batch.id()).entity(batch).build();
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "List print batches")
    @APIResponse(responseCode = "200", description = "A page of batches")
    public Response list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return batches.list(PageRequest.of(limit, after)).toResponse(uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "One print batch")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = PrintBatchService.BatchView.class)))
    @APIResponse(responseCode = "404", description = "Unknown batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PrintBatchService.BatchView get(@PathParam("id") String id) {
        return batches.get(parse(id));
    }

    @GET
    @Path("{id}/letters.pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "The letters as one PDF, one A4 page per letter (address in the envelope window)")
    @APIResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = "application/pdf"))
    @APIResponse(responseCode = "404", description = "Unknown batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pdf(@PathParam("id") String id) {
        List<PrintBatchService.Entry> entries = batches.entries(parse(id));
        audit.record("print-batch.addresses.exported", "print-batch", id, java.util.Map.of("format", "letters.pdf", "letters", entries.size()));
        StreamingOutput pdf = out -> LetterPdf.write(entries.stream().map(PrintBatchService.Entry::letter).toList(), out);
        return Response.ok(pdf, "application/pdf").header("Content-Disposition", "attachment; filename=\"letters-" + id + ".pdf\"").build();
    }

    @GET
    @Path("{id}/manifest.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "The manifest: one line per PDF page with delivery id and address")
    @APIResponse(responseCode = "200", description = "CSV with a header line", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "Unknown dialect", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response manifest(@PathParam("id") String id,
                             @Parameter(name = CsvDialect.PARAMETER, description = CsvDialect.PARAMETER_DESCRIPTION,
                                     schema = @Schema(enumeration = {"rfc4180", "excel-nl"}, defaultValue = "rfc4180"))
                             @QueryParam(CsvDialect.PARAMETER) String dialect) {
        CsvDialect csvDialect = CsvDialect.fromParameter(dialect);
        List<PrintBatchService.Entry> entries = batches.entries(parse(id));
        audit.record("print-batch.addresses.exported", "print-batch", id, java.util.Map.of("format", "manifest.csv", "letters", entries.size()));
        return CsvExport.attachment("manifest-" + id + ".csv", csvDialect, csv -> {
            csv.row("page", "deliveryId", "tenantRef", "name", "street", "houseNumber", "houseNumberSuffix", "postcode", "city", "templateKey", "language");
            for (PrintBatchService.Entry e : entries) {
                csv.row(e.page(), e.deliveryId(), e.tenantRef(), e.name(), e.street(), e.houseNumber(), e.suffix(), e.postcode(),
                        e.city(), e.templateKey(), e.language());
            }
        });
    }

    @POST
    @Path("{id}/printed")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "The print house printed the batch")
    @APIResponse(responseCode = "200", description = "PRINTED", content = @Content(schema = @Schema(implementation = PrintBatchService.BatchView.class)))
    @APIResponse(responseCode = "404", description = "Unknown batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not CREATED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PrintBatchService.BatchView printed(@PathParam("id") String id) {
        return batches.printed(parse(id));
    }

    @POST
    @Path("{id}/posted")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "The letters were posted (each letter's delivery becomes POSTED)")
    @APIResponse(responseCode = "200", description = "POSTED", content = @Content(schema = @Schema(implementation = PrintBatchService.BatchView.class)))
    @APIResponse(responseCode = "404", description = "Unknown batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already posted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PrintBatchService.BatchView posted(@PathParam("id") String id) {
        return batches.posted(parse(id));
    }

    @POST
    @Path("{id}/returned")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "Letters of this batch came back undelivered")
    @APIResponse(responseCode = "200", description = "The deliveries now RETURNED")
    @APIResponse(responseCode = "404", description = "Unknown batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not letters of this batch, or not posted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Returned returned(@PathParam("id") String id, Returned body) {
        if (body == null || body.deliveryIds() == null) {
            throw ProblemException.invalidField("deliveryIds", "required");
        }
        return new Returned(batches.returned(parse(id), body.deliveryIds()));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("print batch " + id);
        }
    }
}
