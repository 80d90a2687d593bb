package nl.meedoen.consultation.feedback;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.feedback.FeedbackRequests.FeedbackRequest;
import nl.meedoen.consultation.feedback.FeedbackViews.Feedback;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.results.ResultsService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/consultations/{id}/feedback")
@Tag(
        name = "Feedback",
        description = "What was done with the outcome: published by the initiator, mailed to everyone invited")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "The role (or party) may not do this")
@APIResponse(responseCode = "404", description = "No such consultation, or no feedback yet")
public class FeedbackResource {

    @Inject
    FeedbackService feedback;

    @Inject
    ResultsService results;

    @Inject
    ConsultationService consultations;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Publish what was done with the outcome",
            description = "After the results are published. Mailed (template "
                    + "consultation.feedback-published) to everyone who was invited, in the background.")
    @APIResponse(
            responseCode = "201",
            description = "Published",
            content = @Content(schema = @Schema(implementation = Feedback.class)))
    @APIResponse(
            responseCode = "422",
            description = "No text in the default language, or too long (field text.<language>)")
    @APIResponse(responseCode = "409", description = "Results not published yet, or feedback already published")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response publish(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid @RequestBody(content = @Content(examples = @ExampleObject(name = "feedback", value = """
                                    {"text":{"nl":"De speeltuin komt er, met de bankjes die u koos. Start werkzaamheden: mei.",
                                             "en":"The playground is coming, with the benches you chose. Work starts in May."}}""")))
                    FeedbackRequest request) {
        Consultation c = feedback.publish(id, request.text(), ifMatch, Caller.of(identity));
        return Response.status(Response.Status.CREATED)
                .entity(new Feedback(c.id, consultations.texts(c.feedback), c.feedbackPublishedAt))
                .tag(Preconditions.etag(c.version))
                .build();
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND})
    @Operation(summary = "The published feedback in every language")
    @APIResponse(responseCode = "200", description = "The feedback")
    public Feedback get(@PathParam("id") UUID id) {
        Consultation c = results.readable(id, Caller.of(identity));
        if (c.feedback == null) {
            throw ProblemException.notFound("feedback (not published yet)");
        }
        return new Feedback(c.id, consultations.texts(c.feedback), c.feedbackPublishedAt);
    }
}
