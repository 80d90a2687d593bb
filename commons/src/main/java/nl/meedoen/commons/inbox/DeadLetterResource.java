package nl.meedoen.commons.inbox;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-lettered records of one service, for ops: list, read, and replay after a fix. Each service exposes
 * them at {@code /api/v1/dead-letters/<service>} by extending this class (the gateway routes
 * {@code dead-letters/<service>} to it). As with JobResource, everything is declared on the methods.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed(Roles.OPS)
    @SecurityRequirement(name = "bearer", scopes = Roles.OPS)
    @Tag(
            name = "Dead letters",
            description =
                    "Events a consumer could not process, parked on its dead-letter topic: read them, replay after a fix")
    @Operation(
            summary = "The parked records of this service's consumers, newest first (at most 500)",
            description = "Without payloads; replayedAt tells which were sent back already.")
    @APIResponse(responseCode = "200", description = "The parked records")
    @APIResponse(responseCode = "403", description = "Only ops")
    @APIResponse(responseCode = "404", description = "The topic is not one of this service's dead-letter topics")
    public List<DeadLetterViews.Entry> list(@QueryParam("topic") String topic) {
        return deadLetters.list(topic);
    }

    @GET
    @Path("{topic}/{partition}/{offset}")
    @RolesAllowed(Roles.OPS)
    @SecurityRequirement(name = "bearer", scopes = Roles.OPS)
    @Tag(name = "Dead letters")
    @Operation(summary = "One parked record, with its payload and why it was parked")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "403", description = "Only ops")
    @APIResponse(
            responseCode = "404",
            description = "No such topic or record (a partition or offset that is no number included)")
    public DeadLetterViews.Entry get(
            @PathParam("topic") String topic, @PathParam("partition") int partition, @PathParam("offset") long offset) {
        return deadLetters.get(topic, partition, offset);
    }

    @POST
    @Path("{topic}/{partition}/{offset}/replay")
    @RolesAllowed(Roles.OPS)
    @SecurityRequirement(name = "bearer", scopes = Roles.OPS)
    @Tag(name = "Dead letters")
    @Operation(
            summary = "Send one parked record back to the topic it came from (once; audited)",
            description =
                    "The consumer gets it again as it was first published; an event processed meanwhile is skipped by its inbox.")
    @APIResponse(responseCode = "200", description = "Sent back")
    @APIResponse(responseCode = "403", description = "Only ops")
    @APIResponse(
            responseCode = "404",
            description = "No such topic or record (a partition or offset that is no number included)")
    @APIResponse(responseCode = "409", description = "Replayed before")
    @APIResponse(responseCode = "503", description = "Kafka did not take the record")
    public DeadLetterViews.Entry replay(
            @PathParam("topic") String topic, @PathParam("partition") int partition, @PathParam("offset") long offset) {
        return deadLetters.replay(
                topic, partition, offset, identity.getPrincipal().getName());
    }

    @POST
    @Path("replay")
    @RolesAllowed(Roles.OPS)
    @SecurityRequirement(name = "bearer", scopes = Roles.OPS)
    @Tag(name = "Dead letters")
    @Operation(summary = "Send back every parked record not replayed yet (of one topic, or of all)")
    @APIResponse(
            responseCode = "200",
            description = "How many were sent back",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(example = "{\"replayed\": 3}")))
    @APIResponse(responseCode = "403", description = "Only ops")
    @APIResponse(responseCode = "404", description = "The topic is not one of this service's dead-letter topics")
    @APIResponse(responseCode = "503", description = "Kafka did not take a record (those sent before stay sent)")
    public Map<String, Integer> replayAll(@QueryParam("topic") String topic) {
        return Map.of(
                "replayed", deadLetters.replayAll(topic, identity.getPrincipal().getName()));
    }
}
