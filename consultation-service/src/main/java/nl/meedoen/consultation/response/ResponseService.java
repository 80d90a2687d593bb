package nl.meedoen.consultation.response;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.commons.tracing.TraceContext;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.Violation;
import nl.meedoen.consultation.export.SurveyJs;
import nl.meedoen.consultation.export.SurveyJsFlavour;
import nl.meedoen.consultation.invitation.Invitation;
import nl.meedoen.consultation.invitation.InvitationTokens;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationRequests;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.pwe.PweAnswer;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.questionnaire.AnswerRules;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;
import nl.meedoen.consultation.results.ResultCells;
import nl.meedoen.consultation.results.Tally;

/**
 * The respondent's side: fetch the questionnaire with an invitation token, save and resume a
 * draft, submit once. A submission is checked against every rule of the frozen questionnaire and
 * then stored by {@link SubmissionWriter} in one transaction: the response, the used-up token, the
 * result counters and (when pseudonymous) the participation event. Any broken rule stores nothing.
 */
@ApplicationScoped
public class ResponseService {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    @Inject
    EntityManager em;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    ConsultationService consultations;

    @Inject
    SubmissionWriter writer;

    @Inject
    ConsultationConfig config;

    @Inject
    InvitationTokens tokens;

    /**
     * The invitation token behind a short code typed from a letter. Everything after works on the
     * token (drafts are encrypted under it, Idempotency-Key scopes name it), so the same invitation
     * behaves the same whichever of the two the tenant used. An unknown code is 401 like an unknown token.
     */
    @Transactional
    public String tokenOfShortCode(String typed) {
        String code = ShortCodes.normal(typed);
        if (code == null) {
            throw invalidToken();
        }
        List<?> ids = em.createNativeQuery("SELECT id FROM invitation WHERE short_code_hash = ?1")
                .setParameter(1, tokens.shortCodeHash(code))
                .getResultList();
        if (ids.isEmpty()) {
            throw invalidToken();
        }
        return tokens.token((UUID) ids.get(0));
    }

    /** The invitation behind a token, locked for this transaction; 401 when there is none. */
    Invitation invitation(String token) {
        Invitation inv = Invitation.find("tokenHash", tokenHash(token))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (inv == null) {
            throw invalidToken();
        }
        return inv;
    }

    /** Open and not past its closing time: what {@link #requireOpen(Consultation)} lets through. */
    private static boolean takesResponses(Consultation c) {
        return c.is(Consultation.Status.OPEN) && (c.closesAt == null || c.closesAt.isAfter(OffsetDateTime.now()));
    }

    private static void requireOpen(Consultation c) {
        requireOpen(c.status, c.closesAt);
    }

    /** 409 unless the consultation takes responses now. */
    static void requireOpen(String status, OffsetDateTime closesAt) {
        boolean open = Consultation.Status.OPEN.name().equals(status);
        if (!open || (closesAt != null && !closesAt.isAfter(OffsetDateTime.now()))) {
            throw notOpen(
                    open
                            ? "the consultation closed at " + closesAt
                            : "the consultation is " + status.toLowerCase(Locale.ROOT));
        }
    }

    private static void requireNotUsed(Invitation inv) {
        if (inv.is(Invitation.Status.COMPLETED)) {
            throw used();
        }
    }

    static ProblemException notOpen(String detail) {
        return new ProblemException(409, "consultation-not-open", "Consultation not open", detail, null);
    }

    static ProblemException used() {
        return new ProblemException(
                409,
                "invitation-used",
                "Invitation already used",
                "a response was already submitted with this invitation",
                null);
    }

    @Transactional
    public RespondentViews.Questionnaire fetch(String token, String lang, String acceptLanguage) {
        Invitation inv = invitation(token);
        Consultation c = em.find(Consultation.class, inv.consultationId);
        if (c.is(Consultation.Status.DRAFT)) {
            throw ProblemException.notFound("questionnaire");
        }
        if (inv.is(Invitation.Status.INVITED) && c.is(Consultation.Status.OPEN)) {
            inv.status = Invitation.Status.OPENED.name();
        }
        List<String> languages = consultations.languages(c);
        String language = language(lang, inv.registerLanguage(), acceptLanguage, inv.language, languages);
        Map<String, Object> draft = inv.draft == null || inv.is(Invitation.Status.COMPLETED)
                ? null
                : StoredJson.read(
                        InvitationTokens.decrypt(token, inv.draft), new TypeReference<Map<String, Object>>() {});
        return view(
                c,
                questionnaires.load(c.id, c.questionnaireVersion),
                language,
                languages,
                inv.status,
                draft,
                takesResponses(c) ? null : tokens.feedbackUrl(c.id, inv.id));
    }

    /** The consultation as a SurveyJS survey in the respondent's language (SurveyJS' {@code locale}). */
    @Transactional
    public Map<String, Object> surveyJs(String token, String lang, String acceptLanguage, SurveyJsFlavour flavour) {
        Invitation inv = invitation(token);
        Consultation c = em.find(Consultation.class, inv.consultationId);
        if (c.is(Consultation.Status.DRAFT)) {
            throw ProblemException.notFound("questionnaire");
        }
        List<String> languages = consultations.languages(c);
        Map<String, Object> survey = new LinkedHashMap<>(SurveyJs.toSurvey(
                questionnaires.load(c.id, c.questionnaireVersion),
                languages,
                consultations.texts(c.title),
                consultations.texts(c.description),
                flavour));
        survey.put("locale", language(lang, inv.registerLanguage(), acceptLanguage, inv.language, languages));
        return survey;
    }

    @Transactional
    public void saveDraft(String token, Map<String, Object> answers) {
        Invitation inv = invitation(token);
        Consultation c = em.find(Consultation.class, inv.consultationId);
        requireOpen(c);
        requireNotUsed(inv);
        Map<String, Object> clean = clean(answers);
        check(
                AnswerRules.validate(questionnaires.load(c.id, c.questionnaireVersion), clean, false),
                SurveyJsFlavour.CUSTOM);
        inv.draft = InvitationTokens.encrypt(token, StoredJson.write(clean));
        inv.status = Invitation.Status.PARTIAL.name();
    }

    /** What a submission needs, read with one statement: the invitation, its consultation and the tenant's profile. */
    record Target(
            SubmissionWriter.Invitee invitee,
            String invitationStatus,
            SubmissionWriter.Consulted consultation,
            String status,
            OffsetDateTime closesAt,
            Map<String, String> profile) {}

    /**
     * The hot path: the token's shape and the body are checked here, then {@link SubmissionWriter}
     * reads the targets of a whole batch with one statement, applies the rules and stores the lot;
     * no thread waits for the batch: the receipt follows its commit.
     */
    public CompletionStage<RespondentViews.Receipt> submit(
            String token, Map<String, Object> answers, SurveyJsFlavour flavour) {
        return writer.write(tokenHash(token), rulesFor(answers, null, flavour)).thenApply(ResponseService::receipt);
    }

    /** The same in the caller's transaction, for a submission whose Idempotency-Key receipt must commit with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RespondentViews.Receipt submitInCallersTransaction(
            String token, Map<String, Object> answers, SurveyJsFlavour flavour) {
        return receipt(writer.writeInCallersTransaction(tokenHash(token), rulesFor(answers, null, flavour)));
    }

    /**
     * A response staff received on paper or by phone, entered against the invitation whose short code the paper form
     * or the tenant gave: the same rules and the same once-per-invitation as online (an invitation answered either way
     * is 409), stored as that channel unless the consultation is ANONYMOUS. 404 when no invitation of this consultation
     * has the code.
     */
    @Transactional
    public RespondentViews.Receipt enterForTenant(
            UUID consultationId, String shortCode, String channel, Map<String, Object> answers) {
        String code = ShortCodes.normal(shortCode);
        List<?> ids = code == null
                ? List.of()
                : em.createNativeQuery("SELECT id FROM invitation WHERE short_code_hash = ?1 AND consultation_id = ?2")
                        .setParameter(1, tokens.shortCodeHash(code))
                        .setParameter(2, consultationId)
                        .getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("invitation with this short code in consultation " + consultationId);
        }
        String token = tokens.token((UUID) ids.get(0));
        return receipt(
                writer.writeInCallersTransaction(tokenHash(token), rulesFor(answers, channel, SurveyJsFlavour.CUSTOM)));
    }

    private static RespondentViews.Receipt receipt(SubmissionWriter.Submission s) {
        return new RespondentViews.Receipt(s.consultation().id(), "SUBMITTED", s.submittedOn());
    }

    /** 401 for a missing or malformed token; else the hash invitations are found by. */
    private static String tokenHash(String token) {
        if (token == null || token.isBlank()) {
            throw new ProblemException(
                    401,
                    "invitation-token-required",
                    "Invitation token required",
                    "send the invitation token in the Invitation-Token header",
                    null);
        }
        if (!TOKEN.matcher(token).matches()) {
            throw invalidToken();
        }
        return InvitationTokens.hash(token);
    }

    static ProblemException invalidToken() {
        return new ProblemException(
                401, "invitation-token-invalid", "Invitation token not valid", "no invitation has this token", null);
    }

    /**
     * Every rule of the target's questionnaire checked against the answers (in the flavour's shape: a stock SurveyJS
     * form's are first gathered into ours, and the errors name its elements); what is left to do is writing.
     */
    private Function<Target, SubmissionWriter.Submission> rulesFor(
            Map<String, Object> answers, String channel, SurveyJsFlavour flavour) {
        Map<String, Object> given = clean(answers);
        String correlationId = CorrelationId.current(); // of this request's thread; the rules run on the writer's
        TraceContext trace = TraceContext.current(); // likewise: the participation event continues this request's trace
        return t -> {
            requireOpen(t.status(), t.closesAt());
            if (Invitation.Status.COMPLETED.name().equals(t.invitationStatus())) {
                throw used();
            }
            Questionnaire q =
                    questionnaires.load(t.consultation().id(), t.consultation().questionnaireVersion());
            Map<String, Object> clean = flavour.answers(q, given);
            check(AnswerRules.validate(q, clean, true), flavour);
            return new SubmissionWriter.Submission(
                    t.invitee(),
                    t.consultation(),
                    LocalDate.now(config.zone()),
                    StoredJson.write(clean),
                    new ResultCells.Respondent(Tally.of(q, clean), t.profile()),
                    motivations(q, clean),
                    new SubmissionWriter.Origin(correlationId, trace),
                    channel);
        };
    }

    private static final String[] PROFILE_ATTRIBUTES = {
        "complexId", "neighbourhoodCode", "ageBand", "householdType", "dwellingType", "tenancyBand", "language"
    };

    /** The targets of many token hashes, with one statement; a hash no invitation has is absent. */
    static Map<String, Target> targets(java.sql.Connection connection, Collection<String> tokenHashes)
            throws java.sql.SQLException {
        Map<String, Target> targets = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT i.token_hash, i.id, i.tenant_ref, i.status, c.id, c.status, c.closes_at, c.questionnaire_version, c.kind,
                       c.anonymity, c.initiator_party, c.audience, p.complex_id, p.neighbourhood_code, p.age_band, p.household_type,
                       p.dwelling_type, p.tenancy_band, p.language
                FROM invitation i JOIN consultation c ON c.id = i.consultation_id
                LEFT JOIN population_member p ON p.tenant_ref = i.tenant_ref
                WHERE i.token_hash = ANY(?)""")) {
            ps.setArray(1, connection.createArrayOf("text", tokenHashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> profile = new HashMap<>();
                    for (int a = 0; a < PROFILE_ATTRIBUTES.length; a++) {
                        put(profile, PROFILE_ATTRIBUTES[a], rs.getString(13 + a));
                    }
                    targets.put(
                            rs.getString(1),
                            new Target(
                                    new SubmissionWriter.Invitee(rs.getObject(2, UUID.class), rs.getString(3)),
                                    rs.getString(4),
                                    new SubmissionWriter.Consulted(
                                            rs.getObject(5, UUID.class),
                                            rs.getString(9),
                                            rs.getString(10),
                                            rs.getString(11),
                                            rs.getString(12),
                                            rs.getInt(8)),
                                    rs.getString(6),
                                    rs.getObject(7, OffsetDateTime.class),
                                    profile));
                }
            }
        }
        return targets;
    }

    @Transactional
    public RespondentViews.Feedback feedback(String token, String lang, String acceptLanguage) {
        Invitation inv = invitation(token);
        Consultation c = em.find(Consultation.class, inv.consultationId);
        if (c.feedback == null) {
            throw ProblemException.notFound("feedback (not published yet)");
        }
        List<String> languages = consultations.languages(c);
        String language = language(lang, inv.registerLanguage(), acceptLanguage, inv.language, languages);
        return new RespondentViews.Feedback(
                c.id,
                Texts.pick(consultations.texts(c.title), language, languages.get(0)),
                language,
                Texts.pick(consultations.texts(c.feedback), language, languages.get(0)),
                c.feedbackPublishedAt);
    }

    /** Null and blank answers are no answers. */
    private static Map<String, Object> clean(Map<String, Object> answers) {
        Map<String, Object> clean = new LinkedHashMap<>();
        if (answers != null) {
            answers.forEach((k, v) -> {
                if (v != null && !(v instanceof String s && s.isBlank())) {
                    clean.put(k, v);
                }
            });
        }
        return clean;
    }

    private static void check(List<Violation> violations, SurveyJsFlavour flavour) {
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(flavour.field(v.field()), v.describe()))
                    .toList();
            throw new ProblemException(
                    422,
                    "response-invalid",
                    "Response breaks the questionnaire's rules",
                    ProblemException.summary(errors),
                    errors);
        }
    }

    private static void put(Map<String, String> p, String k, String v) {
        if (v != null) {
            p.put(k, v);
        }
    }

    /** The lowest answer respondents are shown: a scale's lowest point (1 unless set), else min as defined. */
    private static Double shownMin(Question x) {
        return switch (x.type()) {
            case SCALE -> Double.valueOf(x.scaleMin());
            case SINGLE_CHOICE, MULTIPLE_CHOICE, NUMBER, TEXT, RANKING, PWE -> x.min();
        };
    }

    /** The highest answer respondents are shown: a scale's highest point (5 unless set), else max as defined. */
    private static Double shownMax(Question x) {
        return switch (x.type()) {
            case SCALE -> Double.valueOf(x.scaleMax());
            case SINGLE_CHOICE, MULTIPLE_CHOICE, NUMBER, TEXT, RANKING, PWE -> x.max();
        };
    }

    /** The longest text respondents may give: a TEXT question's maxLength (2000 unless set); none for the others. */
    private static Integer shownMaxLength(Question x) {
        return switch (x.type()) {
            case TEXT -> Integer.valueOf(x.textMaxLength());
            case SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, NUMBER, RANKING, PWE -> null;
        };
    }

    /** The PWE motivations of one response, for the results page. */
    private static List<SubmissionWriter.Motivation> motivations(Questionnaire q, Map<String, Object> answers) {
        List<SubmissionWriter.Motivation> motivations = new ArrayList<>();
        for (Question question : q.questionsOrEmpty()) {
            if (question.type() != QuestionType.PWE || !answers.containsKey(question.id())) {
                continue;
            }
            PweAnswer a = AnswerRules.pweAnswer(answers.get(question.id()), question.id(), new ArrayList<>());
            if (a == null) {
                continue;
            }
            a.motivationsOrEmpty()
                    .forEach((option, text) ->
                            motivations.add(new SubmissionWriter.Motivation(question.id(), option, text)));
            if (a.overallMotivation() != null) {
                motivations.add(new SubmissionWriter.Motivation(question.id(), null, a.overallMotivation()));
            }
        }
        return motivations;
    }

    /**
     * ?lang= (the tenant chose it on the page), else her language from the register (her mail was in it), else the first
     * Accept-Language the consultation has (the browser's), else the invitation's language (the consultation's default;
     * for invitations made before the register's language was told apart, possibly hers), else the consultation's
     * default. The register's comes before the browser's: an Arabic reader whose phone is set to Dutch still reads
     * Arabic.
     */
    static String language(
            String lang, String register, String acceptLanguage, String invitation, List<String> languages) {
        if (lang != null) {
            if (!languages.contains(lang)) {
                throw ProblemException.invalidField("lang", "one of " + languages);
            }
            return lang;
        }
        if (register != null && languages.contains(register)) {
            return register;
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    for (String l : languages) {
                        if (tag.equals(l.toLowerCase(Locale.ROOT))
                                || tag.startsWith(l.toLowerCase(Locale.ROOT) + "-")) {
                            return l;
                        }
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header is ignored, as browsers would
            }
        }
        return invitation != null && languages.contains(invitation) ? invitation : languages.get(0);
    }

    private RespondentViews.Questionnaire view(
            Consultation c,
            Questionnaire q,
            String lang,
            List<String> languages,
            String progress,
            Map<String, Object> draft,
            String feedbackUrl) {
        String def = languages.get(0);
        ConsultationRequests.Statement s = StoredJson.read(c.statement, ConsultationRequests.Statement.class);
        RespondentViews.Statement statement = s == null
                ? null
                : new RespondentViews.Statement(
                        Texts.pick(s.goal(), lang, def),
                        Texts.pick(s.canInfluence(), lang, def),
                        Texts.pick(s.cannotInfluence(), lang, def),
                        s.influenceLevel().name(),
                        Texts.pick(s.outcomeUse(), lang, def),
                        s.outcomeBy(),
                        List.copyOf(consultations.signatures(c).keySet()));
        List<RespondentViews.Question> questions = new ArrayList<>();
        for (Question x : q.questionsOrEmpty()) {
            List<RespondentViews.Option> options = x.options() == null
                    ? null
                    : x.options().stream()
                            .map(o -> new RespondentViews.Option(o.value(), Texts.pick(o.text(), lang, def)))
                            .toList();
            questions.add(new RespondentViews.Question(
                    x.id(),
                    x.type().name(),
                    x.pageOrDefault(),
                    Texts.pick(x.text(), lang, def),
                    Texts.pick(x.help(), lang, def),
                    x.askedBy(),
                    options,
                    x.alwaysRequired(),
                    x.requiredIf(),
                    x.visibleIf(),
                    shownMin(x),
                    shownMax(x),
                    x.integer(),
                    shownMaxLength(x),
                    Texts.pick(x.minLabel(), lang, def),
                    Texts.pick(x.maxLabel(), lang, def),
                    pwe(x.pwe(), lang, def)));
        }
        return new RespondentViews.Questionnaire(
                c.id,
                c.kind,
                c.status,
                lang,
                languages,
                Texts.pick(consultations.texts(c.title), lang, def),
                Texts.pick(consultations.texts(c.description), lang, def),
                c.closesAt,
                c.anonymity,
                statement,
                c.alignmentStatus,
                missingAlignment(c),
                questions,
                progress,
                draft,
                feedbackUrl);
    }

    /** A corporation's consultation that opened without its partner's alignment: respondents are told. */
    static RespondentViews.MissingAlignment missingAlignment(Consultation c) {
        if (c.ownPoll()
                || c.partnerOrganisation == null
                || !Consultation.AlignmentStatus.NOT_GIVEN.name().equals(c.alignmentStatus)) {
            return null;
        }
        return new RespondentViews.MissingAlignment(
                nl.meedoen.commons.security.Roles.TENANT_ORGANISATION, c.partnerOrganisation, c.alignmentRequestedAt);
    }

    private static RespondentViews.Pwe pwe(PweBlock b, String lang, String def) {
        if (b == null) {
            return null;
        }
        List<RespondentViews.PweOption> options = b.optionsOrEmpty().stream()
                .map(o -> new RespondentViews.PweOption(
                        o.id(),
                        Texts.pick(o.text(), lang, def),
                        Texts.pick(o.description(), lang, def),
                        list(o.pros(), lang, def),
                        list(o.cons(), lang, def),
                        list(o.effects(), lang, def),
                        o.cost(),
                        o.resources()))
                .toList();
        return new RespondentViews.Pwe(
                options,
                b.constraint(),
                b.resourceLimits(),
                b.minOptions(),
                b.maxOptions(),
                b.requires(),
                b.requiredTogether(),
                b.exclusiveGroups(),
                b.optionMotivationMode(),
                b.overallMotivationMode(),
                b.motivationLimit());
    }

    private static List<String> list(List<Map<String, String>> texts, String lang, String def) {
        return texts == null
                ? List.of()
                : texts.stream().map(t -> Texts.pick(t, lang, def)).toList();
    }
}
