package nl.meedoen.notification.letter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvDialectParameter;
import nl.meedoen.commons.csv.CsvExport;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.letter.LetterRequests.Returned;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/print-batches")
@Tag(
        name = "Letters",
        description =
                "Print batches for tenants reached by letter: PDF (one letter per page), CSV manifest, printed / posted / returned")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Role may not handle letters")
public class PrintBatchResource {

    @Inject
    PrintBatchService batches;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    Jobs jobs;

    @POST
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Collect the letters waiting to be printed into a new batch (a job)",
            description =
                    "A print-batch job collects the waiting letters and renders the batch's PDF once: 202 Accepted with Location "
                            + "of the job (/api/v1/jobs/notification/{jobId}: phase, letters rendered of all); when SUCCEEDED its resultLocation is "
                            + "the batch, whose letters.pdf is then served at once. When the letters are gone by the time the job runs, the job "
                            + "fails with a 409 problem and nothing is written.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the job makes the batch",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Bad limit or source")
    @APIResponse(
            responseCode = "409",
            description = "No letters are waiting, or a batch is being made already (the problem names its job)")
    public Response create(
            @Parameter(
                            description =
                                    "Most letters in this batch, 1-" + PrintBatchService.MAX_LETTERS + ", default 1000")
                    @QueryParam("limit")
                    String limit,
            @Parameter(
                            description =
                                    "Only the letters of this source (<kind>:<id>: a campaign, consultation, panel or mailing); "
                                            + "default: the waiting letters of every source",
                            example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c")
                    @QueryParam("source")
                    String source) {
        int n;
        try {
            n = limit == null ? 1000 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > PrintBatchService.MAX_LETTERS) {
            throw ProblemException.invalidField("limit", "between 1 and " + PrintBatchService.MAX_LETTERS);
        }
        nl.meedoen.commons.problem.Problem.FieldError badSource =
                nl.meedoen.notification.delivery.Sources.check("source", source);
        if (badSource != null) {
            throw ProblemException.invalidField(badSource.field(), badSource.message());
        }
        if (!batches.waiting(source)) {
            throw ProblemException.conflict(
                    source == null
                            ? "no letters are waiting to be printed"
                            : "no letters of " + source + " are waiting to be printed");
        }
        return Jobs.accepted(
                jobs.submit(PrintBatchJob.KIND, PrintBatchJob.SUBJECT, new PrintBatchJob.Input(n, source)));
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "List print batches")
    @APIResponse(responseCode = "200", description = "A page of batches")
    public Response list(@BeanParam PageQuery paging) {
        return paging.respond(batches.list(paging.request()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "One print batch")
    @APIResponse(responseCode = "200", description = "The batch")
    @APIResponse(responseCode = "404", description = "Unknown batch")
    public PrintBatchService.BatchView get(@PathParam("id") String id) {
        return batches.get(parse(id));
    }

    @GET
    @Path("{id}/letters.pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "The letters as one PDF, one A4 page per letter (address in the envelope window)",
            description =
                    "The PDF the batch's job rendered and stored, served at once. A batch without a stored PDF (made before PDFs "
                            + "were stored, or its PDF dropped because a tenant in it was erased, or its job still rendering) answers 202 with "
                            + "Location of the job that renders it; its resultLocation is this address.")
    @APIResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = "application/pdf"))
    @APIResponse(
            responseCode = "202",
            description = "The PDF is being rendered: follow the job",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "Unknown batch")
    @APIResponse(
            responseCode = "410",
            description =
                    "letters-posted: the batch was posted, and its PDF (with the tenants' links) is no longer kept")
    public Response pdf(@PathParam("id") String id) {
        UUID batchId = parse(id);
        byte[] pdf = batches.storedPdf(batchId);
        if (pdf == null && batches.get(batchId).status() == PrintBatch.Status.POSTED) {
            throw new ProblemException(
                    410,
                    "letters-posted",
                    "Letters already posted",
                    "print batch " + id + " was posted: its PDF, with the tenants' personal links, is no longer kept",
                    null);
        }
        if (pdf == null) {
            return rendering(batchId);
        }
        audit.record(
                "print-batch.addresses.exported",
                "print-batch",
                id,
                java.util.Map.of(
                        "format", "letters.pdf", "letters", batches.get(batchId).letters()));
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"letters-" + id + ".pdf\"")
                .build();
    }

    /** 202 with the job that is rendering the batch's PDF (as JSON, whatever the caller accepts). */
    private Response rendering(UUID batchId) {
        return Response.fromResponse(renderingJob(batchId))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** The batch's own job while it runs, else a print-batch-pdf job. */
    private Response renderingJob(UUID batchId) {
        PrintBatchService.BatchView batch = batches.get(batchId);
        UUID maker = batch.job() == null
                ? null
                : UUID.fromString(batch.job().substring(batch.job().lastIndexOf('/') + 1));
        if (batches.live(maker)) {
            return Jobs.accepted(jobs.find(maker));
        }
        UUID live = batches.liveJob(PrintBatchJob.Pdf.KIND, batchId.toString());
        if (live != null) {
            return Jobs.accepted(jobs.find(live));
        }
        try {
            return Jobs.accepted(jobs.submit(PrintBatchJob.Pdf.KIND, batchId.toString(), null));
        } catch (ProblemException e) { // asked twice at once: the other request's job
            live = batches.liveJob(PrintBatchJob.Pdf.KIND, batchId.toString());
            if (live == null) {
                throw e;
            }
            return Jobs.accepted(jobs.find(live));
        }
    }

    @GET
    @Path("{id}/manifest.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "The manifest: one line per PDF page with delivery id and address")
    @APIResponse(
            responseCode = "200",
            description = "CSV with a header line",
            content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", description = "Unknown batch")
    public Response manifest(@PathParam("id") String id, @BeanParam CsvDialectParameter dialect) {
        CsvDialect csvDialect = dialect.dialect();
        List<PrintBatchService.Entry> entries = batches.entries(parse(id), false);
        audit.record(
                "print-batch.addresses.exported",
                "print-batch",
                id,
                java.util.Map.of("format", "manifest.csv", "letters", entries.size()));
        return CsvExport.attachment("manifest-" + id + ".csv", csvDialect, csv -> {
            csv.row(
                    "page",
                    "deliveryId",
                    "tenantRef",
                    "name",
                    "street",
                    "houseNumber",
                    "houseNumberSuffix",
                    "postcode",
                    "city",
                    "templateKey",
                    "language");
            for (PrintBatchService.Entry e : entries) {
                csv.row(
                        e.page(),
                        e.deliveryId(),
                        e.tenantRef(),
                        e.name(),
                        e.street(),
                        e.houseNumber(),
                        e.suffix(),
                        e.postcode(),
                        e.city(),
                        e.templateKey(),
                        e.language());
            }
        });
    }

    @POST
    @Path("{id}/printed")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "The print house printed the batch")
    @APIResponse(responseCode = "200", description = "PRINTED")
    @APIResponse(responseCode = "404", description = "Unknown batch")
    @APIResponse(responseCode = "409", description = "Not CREATED")
    public PrintBatchService.BatchView printed(@PathParam("id") String id) {
        return batches.printed(parse(id));
    }

    @POST
    @Path("{id}/posted")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "The letters were posted (each letter's delivery becomes POSTED)",
            description = "The letters' data and the batch's PDF, which hold the tenants' personal links, are removed:"
                    + " letters.pdf answers 410 from then on; the CSV manifest stays.")
    @APIResponse(responseCode = "200", description = "POSTED")
    @APIResponse(responseCode = "404", description = "Unknown batch")
    @APIResponse(responseCode = "409", description = "Already posted")
    public PrintBatchService.BatchView posted(@PathParam("id") String id) {
        return batches.posted(parse(id));
    }

    @POST
    @Path("{id}/returned")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "Letters of this batch came back undelivered")
    @APIResponse(responseCode = "200", description = "The deliveries now RETURNED")
    @APIResponse(responseCode = "404", description = "Unknown batch")
    @APIResponse(responseCode = "422", description = "Not letters of this batch, or not posted")
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
