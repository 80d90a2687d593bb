package nl.meedoen.recruitment.draw;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public draw page's API: a drawn draw, readable by anyone who has its public id (the outcome messages link to
 * it), without a token. The record is the pseudonymous one the parties read: sign-up ids, never tenantRefs, and never a
 * raw household key (older records have theirs hashed on the way out).
 */
@Path(PublicDrawResource.PATH)
@Tag(name = "Draws")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@APIResponse(
        responseCode = "404",
        description = "No drawn draw has this id: unknown, malformed, or not drawn yet — one answer for all",
        content = @Content(examples = @ExampleObject(name = "unknown", value = """
                {"type":"https://meedoen.nl/problems/not-found","title":"Not found","status":404,
                "detail":"a published draw with this id does not exist"}""")))
public class PublicDrawResource {
    static final String PATH = "/api/v1/campaigns/public-draws";

    @Inject
    Draws draws;

    @GET
    @Path("/{publicId}")
    @Extension(name = "x-meedoen-public", value = "public draw id")
    @Operation(
            summary = "A drawn draw for anyone with its public id: title, when drawn, commitment, where the record is",
            description = "No token: the random public id (in every outcome message of the lottery) is the address. "
                    + "Only drawn draws; the gateway limits calls per address as on the token routes.")
    @APIResponse(responseCode = "200", description = "The draw")
    public DrawViews.PublicDrawOut get(@PathParam("publicId") String publicId) {
        return draws.publishedSummary(publicId);
    }

    @GET
    @Path("/{publicId}/record")
    @Extension(name = "x-meedoen-public", value = "public draw id")
    @Operation(
            summary =
                    "The draw record of a drawn draw for anyone with its public id, to verify with the draw-engine CLI",
            description = "The same pseudonymous record the parties read at GET /campaigns/{id}/draw/record: the pool "
                    + "(sign-up ids with the quota features and a household key), quotas, seats, algorithm, the "
                    + "distribution, the commitment, the seed ceremony's commitments and reveals, the seed, the selected "
                    + "and the draw order, and every selection probability. java -jar draw-engine-cli.jar verify --record "
                    + "record.json --recompute redoes it. Each tenant of the pool finds their own pseudonym in their "
                    + "outcome message. A household is a hash per draw, never a household key: a record committed "
                    + "before that has each key replaced on this read by its draw key (a hash of the draw's commitment, "
                    + "seed and the key) and says householdsRedacted: true; it then verifies but for the hash of the "
                    + "committed inputs (checked says so), which the parties' record proves.")
    @APIResponse(
            responseCode = "200",
            description = "The draw record (format meedoen-draw-record/1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response record(@PathParam("publicId") String publicId) {
        Draw d = draws.published(publicId);
        return Response.ok(draws.publishedRecord(d), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"draw-" + d.publicId + ".json\"")
                .build();
    }
}
