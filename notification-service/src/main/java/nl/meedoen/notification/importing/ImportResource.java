package nl.meedoen.notification.importing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenant-imports")
@Tag(name = "Tenant register")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Role may not import")
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    ImportService imports;

    @Inject
    IdempotencyKeys idempotency;

    @Context
    SecurityContext security;

    @POST
    @Consumes({"text/csv", NDJSON})
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Bulk import tenants (CSV or NDJSON, up to 500,000 rows)",
            description =
                    "The upload is streamed, checked (size, rows, UTF-8, CSV header) and then processed by a job: 202 Accepted with "
                            + "Location the job (/api/v1/jobs/notification/{jobId}: progress in rows, ETA, cancel; when SUCCEEDED its "
                            + "resultLocation is the import) and the import as the body (its id; GET /api/v1/tenant-imports/{id} shows the counts). "
                            + "Every row is an upsert: importing the same file again changes nothing. Invalid rows are reported, the rest go in. "
                            + "CSV: a header line naming the columns "
                            + "tenantRef, name, email, street, houseNumber, houseNumberSuffix, postcode, city, "
                            + "language, preferredChannel, complexId, neighbourhoodCode, birthYear, householdType, tenancyStart, dwellingType; "
                            + "UTF-8 with or without a byte-order mark, ',' or ';' between values (the one the header line uses), CRLF or LF, "
                            + "quoted values may hold delimiters and line breaks — a file saved by Excel as \"CSV UTF-8\" as it is. "
                            + "A row that cannot be read (broken quotes, too few values) is reported with its row (1-based, after the header) and column. "
                            + "NDJSON: one tenant per line, the PUT /tenants body plus tenantRef.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = "text/csv",
                        example =
                                "tenantRef,name,email,street,houseNumber,postcode,city,language\nT-1001,Anna de Vries,anna@example.nl,Dorpsstraat,12,1234 AB,Utrecht,nl\n"),
                @Content(
                        mediaType = NDJSON,
                        example =
                                "{\"tenantRef\":\"T-1001\",\"name\":\"Anna de Vries\",\"address\":{\"street\":\"Dorpsstraat\",\"houseNumber\":12,\"postcode\":\"1234 AB\",\"city\":\"Utrecht\"}}\n")
            })
    @APIResponse(
            responseCode = "202",
            description = "Accepted; a job processes it",
            headers = {
                @Header(
                        name = "Location",
                        description = "The job: /api/v1/jobs/notification/{jobId}",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Retry-After",
                        description = "Seconds before the first look at the job",
                        schema = @Schema(type = SchemaType.INTEGER))
            },
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", description = "Bad Idempotency-Key")
    @APIResponse(responseCode = "413", description = "More bytes or rows than allowed")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/x-ndjson")
    @APIResponse(
            responseCode = "422",
            description = "Empty upload, not UTF-8 (the line is named), or an unknown or doubled CSV column",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "unknown column",
                                            value =
                                                    "{\"type\":\"https://meedoen.nl/problems/validation\",\"title\":\"Request is not valid\",\"status\":422,"
                                                            + "\"detail\":\"unknown CSV column 'shoeSize'; ...\",\"errors\":[{\"field\":\"header\",\"message\":\"unknown CSV column 'shoeSize'; ...\"}]}")))
    public Response upload(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Retry key") @HeaderParam(IdempotencyKeys.HEADER) String key,
            InputStream body)
            throws IOException {
        String format = contentType != null && contentType.startsWith("text/csv") ? "CSV" : "NDJSON";
        ImportService.Spooled spooled = imports.spool(body, "CSV".equals(format));
        Response response;
        try {
            response = idempotency.execute(
                    "POST /api/v1/tenant-imports by "
                            + security.getUserPrincipal().getName(),
                    key,
                    Map.of("format", format, "sha256", spooled.sha256()),
                    () -> {
                        ImportView view = imports.create(format, spooled);
                        return Response.accepted(view)
                                .header("Location", view.job())
                                .header("Retry-After", "1")
                                .build();
                    });
        } finally {
            Files.deleteIfExists(
                    spooled.file()); // staged in the database, or refused, or a replay that created no import
        }
        return response;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(
            summary = "Progress and outcome of an import",
            description =
                    "The counts so far; its job (the link in job) has the progress as a job, the ETA and, when it failed, the problem")
    @APIResponse(responseCode = "200", description = "The import")
    @APIResponse(responseCode = "404", description = "Unknown import")
    public ImportView get(@PathParam("id") String id) {
        return imports.get(parse(id));
    }

    @GET
    @Path("{id}/errors")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "The rejected rows of an import with their reasons, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of row errors (row, tenantRef, field, message)")
    @APIResponse(responseCode = "404", description = "Unknown import")
    public Response errors(@PathParam("id") String id, @BeanParam PageQuery paging) {
        return paging.respond(imports.errors(parse(id), paging.request()));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("import " + id);
        }
    }
}
