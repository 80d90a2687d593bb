package nl.meedoen.notification.message;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.delivery.DeliveryView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/messages")
@Tag(name = "Messages", description = "One message to one tenant; the same as a request on notification.requests.v1")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    @Inject
    MessageService messages;

    @Inject
    IdempotencyKeys idempotency;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Send a template to a tenant",
            description =
                    "Accepted messages are queued (or held back with a reason: opted out, budget exhausted, no address). "
                            + "A requestId is sent at most once; Idempotency-Key replays the stored response.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted: a new delivery (queued or suppressed with its reason)",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(
            responseCode = "200",
            description = "This requestId was accepted before: its delivery",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or Idempotency-Key")
    @APIResponse(responseCode = "403", description = "Only corporation systems may send")
    @APIResponse(
            responseCode = "409",
            description = "Same Idempotency-Key still in flight, or requestId used for another message")
    @APIResponse(
            responseCode = "422",
            description =
                    "Unknown tenant or template, missing data, bad purpose or channel; or Idempotency-Key reused with another body",
            content = @Content(examples = @ExampleObject(name = "missing data", value = """
                    {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
                     "detail":"data.invitationUrl: required by template consultation.invitation",
                     "errors":[{"field":"data.invitationUrl","message":"required by template consultation.invitation"}]}""")))
    public Response send(
            @Parameter(description = "Retry key: same key and body replay the response")
                    @HeaderParam(IdempotencyKeys.HEADER)
                    String key,
            MessageRequest request) {
        if (request == null) {
            throw ProblemException.invalid("a message body is required", null);
        }
        String requestId = request.requestId() != null
                ? request.requestId()
                : key != null
                        ? "idem-"
                                + nl.meedoen.notification.delivery.SuppressedAddresses.hash(
                                                security.getUserPrincipal().getName() + "\n" + key)
                                        .substring(0, 40)
                        : UUID.randomUUID().toString();
        MessageRequestV1 message = new MessageRequestV1(
                requestId,
                request.tenantRef(),
                request.purpose(),
                request.templateKey(),
                request.data(),
                request.channel(),
                request.source(),
                null);
        return idempotency.execute(
                "POST /api/v1/messages by " + security.getUserPrincipal().getName(), key, request, () -> {
                    MessageService.Accepted accepted = messages.accept(message, true);
                    return Response.status(accepted.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                            .header(
                                    "Location",
                                    "/api/v1/deliveries/" + accepted.delivery().id())
                            .entity(accepted.delivery())
                            .build();
                });
    }
}
