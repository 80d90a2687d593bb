package nl.meedoen.consultation.response;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.consultation.export.SurveyJsFlavour;
import nl.meedoen.consultation.export.SurveyJsFlavourParameter;
import nl.meedoen.consultation.invitation.InvitationTokens;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API a third-party survey frontend calls on a tenant's behalf. Tenants have no account: the
 * invitation token (Invitation-Token header) is the credential, or the short code printed on a
 * letter in its place, so these operations are {@code @PermitAll} and authorise by token alone; a
 * survey-frontend bearer token may be sent too.
 */
@Path("/api/v1/consultations/respondent")
@Tag(
        name = "Respondent",
        description =
                "For survey frontends: fetch the questionnaire with an invitation token, save a draft, submit once")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // authorised by the invitation token, checked on every call
@APIResponse(responseCode = "401", description = "No invitation token, or not a valid one")
public class RespondentResource {

    public static final String TOKEN_HEADER = "Invitation-Token";

    static final String LANGUAGE =
            "Language: ?lang= (chosen on the page), else the tenant's language from the register (the one her mail was "
                    + "in), else the first of Accept-Language the consultation has (the browser's), else the consultation's "
                    + "default. The register's language comes before the browser's: an Arabic reader whose phone is set to "
                    + "Dutch reads Arabic.";

    static final String ANSWERS = """
            {"answers":{"q1":"yes","q2":2,
              "q3":{"chosen":["playground","benches"],"motivations":{"playground":"Voor de kleintjes"},"overallMotivation":"Veilig spelen"}}}""";

    static final String STOCK_ANSWERS = """
            {"answers":{"q1":"yes","q2":2,"q3":["playground","benches"],
              "q3:motivation:playground":"Voor de kleintjes","q3:motivation":"Veilig spelen"}}""";

    @Inject
    ResponseService responses;

    @Inject
    IdempotencyKeys idempotency;

    @GET
    @Extension(name = "x-meedoen-public", value = "invitation token")
    @Path("questionnaire")
    @Operation(
            summary =
                    "The questionnaire in the respondent's language, with the participation statement and any saved draft",
            description = LANGUAGE
                    + " The first fetch counts the invitation as opened. Rules (visibleIf, requiredIf) are included so the frontend can "
                    + "mirror them; the server enforces them regardless. Once the consultation is closed, feedbackUrl names the "
                    + "page of its feedback for this tenant (where a letter's code typed after closing leads).")
    @APIResponse(responseCode = "200", description = "The questionnaire")
    @APIResponse(responseCode = "400", description = "A language the consultation does not have")
    @APIResponse(responseCode = "404", description = "Not open yet")
    public RespondentViews.Questionnaire questionnaire(
            @Parameter(
                            in = ParameterIn.HEADER,
                            required = true,
                            description =
                                    "The token from the invitation link, or the short code printed on the letter (K7QM-3XTR-9P; case, spaces and dashes do not matter)")
                    @HeaderParam(TOKEN_HEADER)
                    String token,
            @QueryParam("lang")
                    @Parameter(
                            description = "The language the tenant chose on the page: before every other",
                            example = "en")
                    String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return responses.fetch(token(token), lang, acceptLanguage);
    }

    @GET
    @Extension(name = "x-meedoen-public", value = "invitation token")
    @Path("questionnaire/surveyjs")
    @Operation(
            summary = "The questionnaire as a SurveyJS survey, with locale set to the respondent's language",
            description = LANGUAGE
                    + " For SurveyJS-based frontends. By default (?flavour=custom) the PWE block is the custom element 'pwe' "
                    + "and askedBy a custom property; ?flavour=stock gives standard SurveyJS elements only, for stock "
                    + "SurveyJS. Answers go to /respondent/response, a stock form's with ?flavour=stock.")
    @APIResponse(responseCode = "200", description = "SurveyJS JSON")
    @APIResponse(
            responseCode = "400",
            description = "A language the consultation does not have, or a flavour other than custom or stock")
    @APIResponse(responseCode = "404", description = "Not open yet")
    public java.util.Map<String, Object> surveyJs(
            @HeaderParam(TOKEN_HEADER) String token,
            @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @BeanParam SurveyJsFlavourParameter flavour) {
        SurveyJsFlavour asked = flavour.flavour();
        return responses.surveyJs(token(token), lang, acceptLanguage, asked);
    }

    @PUT
    @Extension(name = "x-meedoen-public", value = "invitation token")
    @Path("draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Save a partial response to resume later",
            description =
                    "Replaces the saved draft. What is there must be valid (types, options, ranges, visibility); required answers and "
                            + "PWE constraints are checked on submit. Stored encrypted under a key only the token yields.")
    @APIResponse(responseCode = "204", description = "Saved")
    @APIResponse(responseCode = "409", description = "Not open, or already submitted")
    @APIResponse(responseCode = "422", description = "An answer breaks a rule: errors[] name the answer and the rule")
    public Response draft(
            @HeaderParam(TOKEN_HEADER) String token,
            @NotNull
                    @RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            name = "partial",
                                                            value = "{\"answers\":{\"q1\":\"yes\"}}")))
                    RespondentRequests.Answers body) {
        responses.saveDraft(token(token), body.answers());
        return Response.noContent().build();
    }

    @POST
    @Extension(name = "x-meedoen-public", value = "invitation token")
    @Path("response")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit the final response (once per invitation)",
            description =
                    "Checked against every rule of the frozen questionnaire; a broken rule stores nothing. With Idempotency-Key, "
                            + "a retry of the same submission gets the same receipt. The receipt carries no response id. "
                            + "With ?flavour=stock the answers are a stock SurveyJS form's (GET .../questionnaire/surveyjs?flavour=stock): "
                            + "a PWE block's checkbox and motivation comments, checked by the same rules.")
    @APIResponse(
            responseCode = "201",
            description = "Stored",
            content = @Content(schema = @Schema(implementation = RespondentViews.Receipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed JSON or Idempotency-Key, or a flavour other than custom or stock")
    @APIResponse(
            responseCode = "409",
            description =
                    "Not open (closed, not yet open), invitation already used, or the same Idempotency-Key in flight")
    @APIResponse(
            responseCode = "422",
            description =
                    "An answer breaks a rule (errors[] name the answer and the rule), or Idempotency-Key reused with another body",
            content = @Content(examples = @ExampleObject(name = "over budget", value = """
                    {"type":"https://meedoen.nl/problems/response-invalid","title":"Response breaks the questionnaire's rules","status":422,
                     "detail":"answers.q3.chosen: budget: costs 130000, above the budget of 100000",
                     "errors":[{"field":"answers.q3.chosen","message":"budget: costs 130000, above the budget of 100000"}]}""")))
    @NonBlocking // a plain submission is queued from the I/O thread and answered when its batch commits; a keyed one
    // goes to a worker
    public CompletionStage<Response> submit(
            @HeaderParam(TOKEN_HEADER) String token,
            @Parameter(description = "Retry key: same key and body replay the receipt")
                    @HeaderParam(IdempotencyKeys.HEADER)
                    String key,
            @NotNull
                    @RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(name = "PWE", value = ANSWERS),
                                                @ExampleObject(
                                                        name = "PWE, stock form (?flavour=stock)",
                                                        value = STOCK_ANSWERS)
                                            }))
                    RespondentRequests.Answers body,
            @BeanParam SurveyJsFlavourParameter flavour) {
        SurveyJsFlavour asked = flavour.flavour();
        if (ShortCodes.normal(token)
                != null) { // looking the code up blocks: off the I/O thread, then as with the token
            return Vertx.currentContext()
                    .executeBlocking(() -> responses.tokenOfShortCode(token), false)
                    .compose(t -> io.vertx.core.Future.fromCompletionStage(submitWith(t, key, body, asked)))
                    .toCompletionStage();
        }
        return submitWith(token, key, body, asked);
    }

    private CompletionStage<Response> submitWith(
            String token, String key, RespondentRequests.Answers body, SurveyJsFlavour flavour) {
        if (key == null) {
            return responses
                    .submit(token, body.answers(), flavour)
                    .thenApply(receipt -> Response.status(Response.Status.CREATED)
                            .entity(receipt)
                            .build());
        }
        String scope =
                "POST /api/v1/consultations/respondent/response " + (token == null ? "" : InvitationTokens.hash(token));
        // Only a keyed digest of the body is kept with the key: it cannot be matched to a stored response without the
        // token.
        String digest = token == null ? "" : InvitationTokens.digest(token, StoredJson.write(body));
        // with a key, the receipt is stored in the same transaction as the submission
        return Vertx.currentContext()
                .executeBlocking(
                        () -> idempotency.execute(
                                scope,
                                key,
                                digest,
                                () -> Response.status(Response.Status.CREATED)
                                        .entity(responses.submitInCallersTransaction(token, body.answers(), flavour))
                                        .build()),
                        false)
                .toCompletionStage();
    }

    /** The token, also when the header carries a short code typed from a letter (exchanged for its invitation's token). */
    private String token(String credential) {
        return ShortCodes.normal(credential) == null ? credential : responses.tokenOfShortCode(credential);
    }

    @GET
    @Extension(name = "x-meedoen-public", value = "invitation token")
    @Path("feedback")
    @Operation(summary = "What was done with the outcome, once the initiator published it", description = LANGUAGE)
    @APIResponse(responseCode = "200", description = "The feedback in the respondent's language")
    @APIResponse(responseCode = "400", description = "A language the consultation does not have")
    @APIResponse(responseCode = "404", description = "Not published yet")
    public RespondentViews.Feedback feedback(
            @HeaderParam(TOKEN_HEADER) String token,
            @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return responses.feedback(token(token), lang, acceptLanguage);
    }
}
