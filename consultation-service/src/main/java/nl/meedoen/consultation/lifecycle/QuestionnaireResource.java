package nl.meedoen.consultation.lifecycle;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/consultations/{id}/questionnaire")
@Tag(
        name = "Questionnaire",
        description = "Versioned questions, rules and PWE block; frozen once the consultation opens")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "The role (or party) may not do this")
@APIResponse(responseCode = "404", description = "No such consultation or version")
public class QuestionnaireResource {

    static final String EXAMPLE = """
            {"questions":[
              {"id":"q1","type":"SINGLE_CHOICE","text":{"nl":"Heeft u kinderen?","en":"Do you have children?"},"required":true,
               "options":[{"value":"yes","text":{"nl":"Ja","en":"Yes"}},{"value":"no","text":{"nl":"Nee","en":"No"}}]},
              {"id":"q2","type":"NUMBER","text":{"nl":"Hoeveel?","en":"How many?"},"min":1,"max":12,"integer":true,
               "visibleIf":{"question":"q1","op":"equals","value":"yes"},"requiredIf":{"question":"q1","op":"equals","value":"yes"}},
              {"id":"q3","type":"PWE","text":{"nl":"Verdeel het budget","en":"Spend the budget"},"required":true,
               "pwe":{"constraint":{"type":"BUDGET","budget":100000,"allowUnspent":true},"maxOptions":3,
                      "exclusiveGroups":[["playground","football"]],
                      "options":[{"id":"playground","text":{"nl":"Speeltuin"},"cost":60000,"pros":[{"nl":"Voor jonge kinderen"}]},
                                 {"id":"football","text":{"nl":"Voetbalveldje"},"cost":50000},
                                 {"id":"benches","text":{"nl":"Bankjes"},"cost":20000}]}}]}""";

    @Inject
    QuestionnaireService service;

    @Inject
    ConsultationService consultations;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The questionnaire in all languages (the current version, or ?version=n)")
    @APIResponse(
            responseCode = "200",
            description = "The questionnaire; ETag of the consultation and X-Questionnaire-Version",
            content = @Content(schema = @Schema(implementation = Questionnaire.class)))
    public Response get(
            @PathParam("id") UUID id,
            @QueryParam("version") @Parameter(description = "an earlier version") Integer version) {
        Consultation c = consultations.find(id, Caller.of(identity));
        Questionnaire q = service.load(c, version);
        return Response.ok(q)
                .tag(Preconditions.etag(c.version))
                .header("X-Questionnaire-Version", version == null ? c.questionnaireVersion : version)
                .build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Save a new version of the questionnaire (If-Match: the consultation's ETag)",
            description =
                    "Only while DRAFT: once open the questionnaire is frozen (409). Every problem comes back at once, naming its field.")
    @APIResponse(
            responseCode = "200",
            description = "Saved; the body is the stored questionnaire, ETag the consultation's new version",
            content = @Content(schema = @Schema(implementation = Questionnaire.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "Malformed JSON, a value of the wrong type or an unknown property (e.g. an unknown question type)")
    @APIResponse(
            responseCode = "422",
            description = "An invalid question, rule or PWE block (errors[] name every field)",
            content = @Content(examples = @ExampleObject(name = "bad reference", value = """
            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
             "errors":[{"field":"questions[1].visibleIf.question","message":"condition-reference: must name an earlier question"}]}""")))
    @APIResponse(responseCode = "409", description = "Frozen: the consultation is open (or later)")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response put(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @RequestBody(content = @Content(examples = @ExampleObject(name = "with PWE", value = EXAMPLE)))
                    Questionnaire questionnaire) {
        Consultation c = service.save(id, questionnaire, ifMatch, Caller.of(identity));
        return Response.ok(questionnaire)
                .tag(Preconditions.etag(c.version))
                .header("X-Questionnaire-Version", c.questionnaireVersion)
                .build();
    }
}
