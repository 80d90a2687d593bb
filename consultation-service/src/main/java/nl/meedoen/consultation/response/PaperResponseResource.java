package nl.meedoen.consultation.response;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tenants who are not online still take part: staff enter a response that came on paper or by phone against the
 * tenant's invitation, named by the short code printed on the tenant's letter and paper form.
 */
@Path("/api/v1/consultations/{id}/paper-responses")
@Tag(name = "Respondent", description = "Answering a consultation")
public class PaperResponseResource {

    static final Set<String> CHANNELS = Set.of("PAPER", "PHONE");

    @Schema(
            name = "PaperResponse",
            example = "{\"shortCode\":\"K7QM-3XTR-9P\",\"channel\":\"PAPER\",\"answers\":{\"q1\":\"yes\"}}")
    public record PaperResponse(
            @Schema(description = "The short code on the tenant's letter or paper form", example = "K7QM-3XTR-9P")
            String shortCode,

            @Schema(
                    description = "How the answers came in",
                    enumeration = {"PAPER", "PHONE"})
            String channel,

            @Schema(description = "The answers, as an online respondent sends them")
            Map<String, Object> answers) {}

    @Inject
    ResponseService responses;

    @Inject
    ConsultationService consultations;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Transactional
    @Operation(
            summary = "Enter a response received on paper or by phone",
            description = "By the initiating party (or a co-owning tenant organisation), against the invitation whose "
                    + "short code the tenant's letter or paper form carries. The same rules as an online response, and "
                    + "the same once per invitation: an invitation answered online or on paper is 409. Stored with its "
                    + "channel, except in an ANONYMOUS consultation, whose responses never say how they came; audited "
                    + "without naming the invitation.")
    @APIResponseSchema(
            value = RespondentViews.Receipt.class,
            responseCode = "201",
            responseDescription = "Stored with the tenant's invitation used up")
    @APIResponse(responseCode = "403", description = "Not the caller's consultation to enter responses for")
    @APIResponse(responseCode = "404", description = "No such consultation, or no invitation of it has this short code")
    @APIResponse(
            responseCode = "409",
            description = "The consultation is not open, or this invitation was already answered (online or on paper)")
    @APIResponse(
            responseCode = "422",
            description =
                    "shortCode, channel or answers missing or wrong, or an answer breaks a rule (errors[] name it)")
    public Response enter(@PathParam("id") UUID id, @NotNull PaperResponse body) {
        Caller caller = Caller.of(identity);
        Consultation c = consultations.find(id, caller);
        consultations.requireChange(c, caller);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.shortCode() == null || body.shortCode().isBlank()) {
            errors.add(new Problem.FieldError("shortCode", "required: the code on the tenant's letter"));
        }
        if (body.channel() == null || !CHANNELS.contains(body.channel())) {
            errors.add(new Problem.FieldError("channel", "PAPER or PHONE"));
        }
        if (body.answers() == null) {
            errors.add(new Problem.FieldError("answers", "required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        RespondentViews.Receipt receipt =
                responses.enterForTenant(id, body.shortCode(), body.channel(), body.answers());
        audit.record(
                "response.entered", "consultation", id.toString(), Map.of("channel", body.channel())); // who: the actor
        return Response.status(Response.Status.CREATED).entity(receipt).build();
    }
}
