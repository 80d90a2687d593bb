package nl.meedoen.consultation.export;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvDialectParameter;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.lifecycle.QuestionnaireService;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Responses as CSV, PWE as portchoice and Pabulib, the questionnaire as SurveyJS JSON (and back). Response
 * exports come two ways: streamed at once up to {@code meedoen.consultation.sync-export-limit} responses, or of
 * any size as a job ({@code POST exports}) whose file is downloaded afterwards.
 */
@Path("/api/v1/consultations/{id}")
@Tag(name = "Exports", description = "Responses (CSV, portchoice, Pabulib) and the questionnaire in SurveyJS JSON")
@APIResponse(
        responseCode = "403",
        description =
                "The role may not export, or (private-poll) a tenant organisation's own poll the corporation has no access to")
@APIResponse(responseCode = "404", description = "No such consultation")
public class ExportResource {

    public static final String CSV = "text/csv";

    @Inject
    ConsultationService consultations;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    QuestionnaireService questionnaireService;

    @Inject
    ResponseExportWriter writer;

    @Inject
    ExportJobs exportJobs;

    @Inject
    ExportStore store;

    @Inject
    ConsultationConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @GET
    @Path("exports/responses.csv")
    @Produces(CSV)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Every response as CSV (up to the synchronous limit)",
            description = "One row per response with a random id (it names no one); "
                    + "one column per question, per option for multiple choice (0/1), ranking (the rank) and PWE (0/1, plus spend and motivations). "
                    + "PSEUDONYMOUS consultations add the day of submission; nothing identifies a tenant. Streamed at once for up to "
                    + "meedoen.consultation.sync-export-limit responses (default 20,000); above it 409 export-too-large: start the export as a job "
                    + "with POST /consultations/{id}/exports.")
    @APIResponse(
            responseCode = "409",
            description = "export-too-large: more responses than a synchronous export streams; use POST .../exports")
    public Response responses(@PathParam("id") UUID id, @BeanParam CsvDialectParameter dialect) {
        return sync(id, ExportFormat.RESPONSES_CSV, dialect.dialect());
    }

    @GET
    @Path("exports/portchoice.csv")
    @Produces(CSV)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "PWE choices in the portchoice layout (up to the synchronous limit)",
            description =
                    "One row per respondent: a 0/1 column "
                            + "per option, cost_<option> per option, and the budget with what the portfolio spent (or target and reached). Above "
                            + "meedoen.consultation.sync-export-limit responses 409 export-too-large: use POST /consultations/{id}/exports.")
    @APIResponse(
            responseCode = "409",
            description = "Not a PWE consultation, or export-too-large (use POST .../exports)")
    public Response portchoice(@PathParam("id") UUID id, @BeanParam CsvDialectParameter dialect) {
        return sync(id, ExportFormat.PORTCHOICE_CSV, dialect.dialect());
    }

    @GET
    @Path("exports/pabulib.pb")
    @Produces("text/plain")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "PWE choices as a Pabulib .pb file (up to the synchronous limit)",
            description = "META, PROJECTS (numbered in "
                    + "questionnaire order) and approval VOTES; no voter attributes. Above meedoen.consultation.sync-export-limit responses 409 "
                    + "export-too-large: use POST /consultations/{id}/exports.")
    @APIResponse(responseCode = "200", description = "The .pb file")
    @APIResponse(
            responseCode = "409",
            description = "Not a PWE consultation, or export-too-large (use POST .../exports)")
    public Response pabulib(@PathParam("id") UUID id) {
        return sync(id, ExportFormat.PABULIB_PB, ResponseExports.PABULIB);
    }

    @POST
    @Path("exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Start an export of any size as a job",
            description =
                    "The same file as GET .../exports/{format}, written by a job: 202 Accepted with the job's Location "
                            + "(/api/v1/jobs/consultation/{jobId}). Follow it for progress (done/total responses, ETA); once SUCCEEDED its "
                            + "resultLocation is the download, GET /consultations/{id}/exports/{exportId}, available for "
                            + "meedoen.consultation.export-retention (default 7 days). Cancel with POST /api/v1/jobs/consultation/{jobId}/cancel. "
                            + "One export per consultation, format and dialect runs per caller at a time (another is 409 job-in-progress).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "responses for Dutch Excel",
                                        value = "{\"format\":\"responses.csv\",\"dialect\":\"excel-nl\"}"),
                                @ExampleObject(name = "Pabulib", value = "{\"format\":\"pabulib.pb\"}")
                            }))
    @APIResponse(
            responseCode = "202",
            description = "Export started: follow the job at Location",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobView.class),
                            examples =
                                    @ExampleObject(
                                            name = "queued",
                                            value =
                                                    "{\"id\":\"0c4e6f2a-5d1b-4a39-9a7e-2f0b7c1d9e11\",\"kind\":\"response-export\","
                                                            + "\"status\":\"QUEUED\",\"done\":0,\"self\":\"/api/v1/jobs/consultation/0c4e6f2a-5d1b-4a39-9a7e-2f0b7c1d9e11\"}")))
    @APIResponse(responseCode = "400", description = "No body, or malformed JSON; nothing is started")
    @APIResponse(
            responseCode = "422",
            description = "Missing or unknown format or dialect (errors[] name the field); nothing is started")
    @APIResponse(
            responseCode = "409",
            description =
                    "A PWE format for a consultation without PWE, or the same export already running (job-in-progress)")
    public Response startExport(@PathParam("id") UUID id, ExportRequest request) {
        return Jobs.accepted(exportJobs.start(id, request, Caller.of(identity)));
    }

    @GET
    @Path("exports/{exportId}")
    @Produces({CSV, "text/plain"})
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Download an export written by a job",
            description =
                    "The job's resultLocation: the file with its content type (text/csv or text/plain) and Content-Disposition. "
                            + "Whoever may export the consultation may download it, until it expires.")
    @APIResponse(
            responseCode = "200",
            description = "The file",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=…"),
            content = {@Content(mediaType = CSV), @Content(mediaType = "text/plain")})
    @APIResponse(
            responseCode = "404",
            description = "No such consultation, or no such export (never written, still being written, or expired)")
    public Response download(@PathParam("id") UUID id, @PathParam("exportId") UUID exportId) {
        consultations.forResponses(id, Caller.of(identity), "export download");
        ExportStore.Stored export = store.downloadable(id, exportId, ExportFormat::known, "export");
        audit.record(
                "consultation.export.downloaded",
                "consultation",
                id.toString(),
                Map.of("format", export.file().format(), "export", exportId.toString()));
        return store.attachment(export, export.file().mediaType());
    }

    @GET
    @Path("questionnaire/surveyjs")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND})
    @Operation(
            summary = "The questionnaire as a SurveyJS survey",
            description =
                    "Pages, elements, visibleIf/requiredIf and validators. By default (?flavour=custom) the PWE "
                            + "block is the custom element type 'pwe' and askedBy a custom property (see the service README); "
                            + "?flavour=stock writes standard SurveyJS elements only. Survey frontends may read it once the consultation is open.")
    @APIResponse(responseCode = "200", description = "SurveyJS JSON")
    @APIResponse(responseCode = "400", description = "A flavour other than custom or stock")
    public Response surveyJs(@PathParam("id") UUID id, @BeanParam SurveyJsFlavourParameter flavour) {
        SurveyJsFlavour asked = flavour.flavour();
        Caller caller = Caller.of(identity);
        Consultation c = caller.is(Roles.SURVEY_FRONTEND) ? published(id) : consultations.find(id, caller);
        Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
        return Response.ok(SurveyJs.toSurvey(
                        q,
                        consultations.languages(c),
                        consultations.texts(c.title),
                        consultations.texts(c.description),
                        asked))
                .tag(Preconditions.etag(c.version))
                .build();
    }

    @PUT
    @Path("questionnaire/surveyjs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Replace the questionnaire by a SurveyJS survey (If-Match required)",
            description =
                    "Supported: radiogroup, dropdown, checkbox, tagbox, rating, text (text/number), comment, ranking and the custom 'pwe'; "
                            + "validators numeric, answercount, text and the whole-number regex; visibleIf/requiredIf in the documented subset. "
                            + "Anything else is refused with its path, never silently dropped. Saved as a new version like PUT /questionnaire.")
    @APIResponse(
            responseCode = "200",
            description = "The questionnaire as stored",
            content = @Content(schema = @Schema(implementation = Questionnaire.class)))
    @APIResponse(
            responseCode = "422",
            description =
                    "Unsupported element, validator or expression, or a questionnaire rule broken (errors[] give the path)")
    @APIResponse(responseCode = "409", description = "Frozen: the consultation is open")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response importSurveyJs(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull Map<String, Object> survey) {
        Caller caller = Caller.of(identity);
        Consultation c = consultations.find(id, caller);
        Questionnaire q;
        try {
            q = SurveyJs.fromSurvey(survey, consultations.languages(c));
        } catch (SurveyJs.ImportException e) {
            List<Problem.FieldError> errors = e.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.describe()))
                    .toList();
            throw ProblemException.fieldRules(errors);
        }
        Consultation saved = questionnaireService.save(id, q, ifMatch, caller);
        return Response.ok(q)
                .tag(Preconditions.etag(saved.version))
                .header("X-Questionnaire-Version", saved.questionnaireVersion)
                .build();
    }

    @Transactional
    Consultation published(UUID id) {
        Consultation c = Consultation.findById(id);
        if (c == null || c.is(Consultation.Status.DRAFT)) {
            throw ProblemException.notFound("questionnaire of consultation " + id);
        }
        return c;
    }

    /**
     * A synchronous export: checked (404, 409 not PWE, 409 too large) and audited before the first byte, then
     * streamed by the same writer as the job's, so both give the same file.
     */
    private Response sync(UUID id, ExportFormat format, CsvDialect dialect) {
        Consultation c = consultations.forResponses(id, Caller.of(identity), format.id());
        ResponseExportWriter.Plan plan = writer.plan(c, format, dialect);
        long responses = writer.count(c.id);
        if (responses > config.syncExportLimit()) {
            throw new ProblemException(
                    409,
                    "export-too-large",
                    "Export too large for a direct download",
                    "this consultation has " + responses + " responses; a direct export streams at most "
                            + config.syncExportLimit()
                            + ". Start it as a job: POST /api/v1/consultations/" + id + "/exports with {\"format\":\""
                            + format.id() + "\""
                            + (format.csv() ? ",\"dialect\":\"" + dialect.name() + "\"" : "")
                            + "} and follow the job's Location",
                    null);
        }
        // a refused export (not a PWE consultation, too large) is no export: audited after the checks
        audit.record("consultation.responses.exported", "consultation", id.toString(), Map.of("format", format.id()));
        StreamingOutput body = out -> writer.write(plan, out, null);
        return Response.ok(body, plan.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + plan.filename() + "\"")
                .build();
    }
}
