package nl.meedoen.consultation.export;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.core.StreamingOutput;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvWriter;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.Json;
import nl.meedoen.consultation.lifecycle.Caller;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireService;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/** Responses as CSV, PWE as portchoice and Pabulib, the questionnaire as SurveyJS JSON (and back). */
@Path("/api/v1/consultations/{id}")
@Tag(name = "Exports", description = "Responses (CSV, portchoice, Pabulib) and the questionnaire in SurveyJS JSON")
@APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role may not export", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such consultation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ExportResource {

    public static final String CSV = "text/csv";

    @Inject
    ConsultationService consultations;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    QuestionnaireService questionnaireService;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Json json;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @GET
    @Path("exports/responses.csv")
    @Produces(CSV)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Every response as CSV", description = "One row per response with a random id (it names no one); one column per "
            + "question, per option for multiple choice (0/1), ranking (the rank) and PWE (0/1, plus spend and motivations). "
            + "PSEUDONYMOUS consultations add the day of submission; nothing identifies a tenant.")
    @APIResponse(responseCode = "200", description = "CSV: RFC 4180, or what Dutch Excel opens with ?dialect=excel-nl", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "Unknown dialect", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response responses(@PathParam("id") UUID id,
                              @Parameter(name = CsvDialect.PARAMETER, description = CsvDialect.PARAMETER_DESCRIPTION,
                                      schema = @Schema(enumeration = {"rfc4180", "excel-nl"}, defaultValue = "rfc4180"))
                              @QueryParam(CsvDialect.PARAMETER) String dialect) {
        CsvDialect csvDialect = CsvDialect.fromParameter(dialect);
        Consultation c = consultations.find(id, Caller.of(identity));
        audit.record("consultation.responses.exported", "consultation", id.toString(), Map.of("format", "responses.csv"));
        Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
        boolean withDate = !c.anonymous();
        return stream(c, "responses.csv", csvDialect, CsvDialect.MEDIA_TYPE, (out, rows) -> {
            out.row(ResponseExports.csvHeader(q, withDate));
            rows.forEach(r -> out.row(ResponseExports.csvRow(q, r, withDate)));
        });
    }

    @GET
    @Path("exports/portchoice.csv")
    @Produces(CSV)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "PWE choices in the portchoice layout", description = "One row per respondent: a 0/1 column per option, "
            + "cost_<option> per option, and the budget with what the portfolio spent (or target and reached).")
    @APIResponse(responseCode = "200", description = "CSV: RFC 4180, or what Dutch Excel opens with ?dialect=excel-nl", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "400", description = "Unknown dialect", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a PWE consultation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response portchoice(@PathParam("id") UUID id,
                               @Parameter(name = CsvDialect.PARAMETER, description = CsvDialect.PARAMETER_DESCRIPTION,
                                       schema = @Schema(enumeration = {"rfc4180", "excel-nl"}, defaultValue = "rfc4180"))
                               @QueryParam(CsvDialect.PARAMETER) String dialect) {
        CsvDialect csvDialect = CsvDialect.fromParameter(dialect);
        Consultation c = consultations.find(id, Caller.of(identity));
        Question pwe = pwe(c); // a refused export (not a PWE consultation) is no export: audited after the checks
        audit.record("consultation.responses.exported", "consultation", id.toString(), Map.of("format", "portchoice.csv"));
        return stream(c, "portchoice.csv", csvDialect, CsvDialect.MEDIA_TYPE, (out, rows) -> {
            out.row(ResponseExports.portchoiceHeader(pwe));
            rows.forEach(r -> out.row(ResponseExports.portchoiceRow(pwe, r)));
        });
    }

    @GET
    @Path("exports/pabulib.pb")
    @Produces("text/plain")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "PWE choices as a Pabulib .pb file", description = "META, PROJECTS (numbered in questionnaire order) and approval VOTES; no voter attributes.")
    @APIResponse(responseCode = "200", description = "The .pb file")
    @APIResponse(responseCode = "409", description = "Not a PWE consultation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pabulib(@PathParam("id") UUID id) {
        Consultation c = consultations.find(id, Caller.of(identity));
        Question pwe = pwe(c); // a refused export (not a PWE consultation) is no export: audited after the checks
        audit.record("consultation.responses.exported", "consultation", id.toString(), Map.of("format", "pabulib.pb"));
        List<String> languages = consultations.languages(c);
        String title = consultations.texts(c.title).get(languages.get(0));
        long votes = count(c.id);
        LocalDate begin = c.openedAt == null ? null : c.openedAt.toLocalDate();
        LocalDate end = c.closedAt == null ? null : c.closedAt.toLocalDate();
        return stream(c, "consultation-" + c.id + ".pb", ResponseExports.PABULIB, "text/plain; charset=UTF-8", (out, rows) -> {
            ResponseExports.pabulibHead(out, title, c.id.toString(), pwe, languages.get(0), votes, begin, end);
            long[] voter = {0};
            rows.forEach(r -> ResponseExports.pabulibVote(out, ++voter[0], pwe, r));
        });
    }

    @GET
    @Path("questionnaire/surveyjs")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND})
    @Operation(summary = "The questionnaire as a SurveyJS survey", description = "Pages, elements, visibleIf/requiredIf and validators; the PWE "
            + "block is the custom element type 'pwe' (see the service README). Survey frontends may read it once the consultation is open.")
    @APIResponse(responseCode = "200", description = "SurveyJS JSON")
    public Response surveyJs(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        Consultation c = caller.is(Roles.SURVEY_FRONTEND) ? published(id) : consultations.find(id, caller);
        Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
        return Response.ok(SurveyJs.toSurvey(q, consultations.languages(c), consultations.texts(c.title), consultations.texts(c.description)))
                .tag(Preconditions.etag(c.version)).build();
    }

    @PUT
    @Path("questionnaire/surveyjs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Replace the questionnaire by a SurveyJS survey (If-Match required)",
            description = "Supported: radiogroup, dropdown, checkbox, tagbox, rating, text (text/number), comment, ranking and the custom 'pwe'; "
                    + "validators numeric, answercount, text and the whole-number regex; visibleIf/requiredIf in the documented subset. "
                    + "Anything else is refused with its path, never silently dropped. Saved as a new version like PUT /questionnaire.")
    @APIResponse(responseCode = "200", description = "The questionnaire as stored", content = @Content(schema = @Schema(implementation = Questionnaire.class)))
    @APIResponse(responseCode = "400", description = "Unsupported element, validator or expression (errors[] give the path)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Frozen: the consultation is open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importSurveyJs(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull Map<String, Object> survey) {
        Caller caller = Caller.of(identity);
        Consultation c = consultations.find(id, caller);
        Questionnaire q;
        try {
            q = SurveyJs.fromSurvey(survey, consultations.languages(c));
        } catch (SurveyJs.ImportException e) {
            List<Problem.FieldError> errors = e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.describe())).toList();
            throw ProblemException.invalid(ConsultationService.summary(errors), errors);
        }
        Consultation saved = questionnaireService.save(id, q, ifMatch, caller);
        return Response.ok(q).tag(Preconditions.etag(saved.version)).header("X-Questionnaire-Version", saved.questionnaireVersion).build();
    }

    @Transactional
    Consultation published(UUID id) {
        Consultation c = Consultation.findById(id);
        if (c == null || c.is(Consultation.Status.DRAFT)) {
            throw ProblemException.notFound("questionnaire of consultation " + id);
        }
        return c;
    }

    private Question pwe(Consultation c) {
        Question pwe = ResponseExports.pweQuestion(questionnaires.load(c.id, c.questionnaireVersion));
        if (pwe == null) {
            throw ProblemException.conflict("this consultation has no PWE block");
        }
        return pwe;
    }

    private long count(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM response WHERE consultation_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams the responses from a database cursor: an export of any size holds one row in memory. */
    private Response stream(Consultation c, String filename, CsvDialect dialect, String mediaType,
                            BiConsumer<CsvWriter, Iterable<ResponseRow>> write) {
        UUID id = c.id;
        StreamingOutput body = output -> {
            CsvWriter csv = CsvWriter.open(output, dialect);
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT id, submitted_on, answers FROM response WHERE consultation_id = ? ORDER BY id")) {
                    ps.setFetchSize(500);
                    ps.setObject(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        write.accept(csv, () -> new java.util.Iterator<>() {
                            boolean ready;
                            boolean more;

                            @Override
                            public boolean hasNext() {
                                if (!ready) {
                                    try {
                                        more = rs.next();
                                    } catch (java.sql.SQLException e) {
                                        throw new IllegalStateException(e);
                                    }
                                    ready = true;
                                }
                                return more;
                            }

                            @Override
                            public ResponseRow next() {
                                hasNext();
                                ready = false;
                                try {
                                    return new ResponseRow(rs.getString(1), rs.getObject(2, LocalDate.class),
                                            json.read(rs.getString(3), new TypeReference<Map<String, Object>>() { }));
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        });
                    }
                }
                connection.rollback();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            csv.flush();
        };
        return Response.ok(body, mediaType).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
