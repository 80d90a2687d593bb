package nl.meedoen.consultation.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.lifecycle.Consultation.AlignmentStatus;
import nl.meedoen.consultation.lifecycle.Consultation.Status;
import nl.meedoen.consultation.lifecycle.ConsultationRequests.Audience;
import nl.meedoen.consultation.lifecycle.ConsultationRequests.ConsultationRequest;
import nl.meedoen.consultation.lifecycle.ConsultationRequests.Schedule;
import nl.meedoen.consultation.lifecycle.ConsultationRequests.Statement;
import nl.meedoen.consultation.lifecycle.ConsultationViews.Alignment;
import nl.meedoen.consultation.lifecycle.ConsultationViews.AudienceView;
import nl.meedoen.consultation.lifecycle.ConsultationViews.ConsultationView;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;
import nl.meedoen.organisations.KnownOrganisation;

/** The consultation lifecycle: drafting, statement, alignment, opening, closing, publishing results. */
@ApplicationScoped
public class ConsultationService {

    public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    public static final Pattern TENANT_REF = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> AUDIENCES = Set.of("ALL", "SEGMENT", "LIST", "PANEL_WAVE");

    @Inject
    jakarta.enterprise.event.Event<Closing> closing;

    @Inject
    EntityManager em;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    ConsultationEvents events;

    @Inject
    nl.meedoen.consultation.ConsultationConfig config;

    /** Audited when someone reaches for responses they may not read (another organisation's poll, a private poll). */
    public static final String RESPONSES_REFUSED = "consultation.responses.refused";

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    // ---- reading ----

    /** The consultation if the caller may see it; 404 otherwise (a tenant organisation does not learn what others run). */
    public Consultation find(UUID id, Caller caller) {
        Consultation c = Consultation.findById(id);
        if (c == null || !Access.canRead(c, caller)) {
            throw ProblemException.notFound("consultation " + id);
        }
        return c;
    }

    /** For a change: 404 when invisible, 403 when visible but not the caller's to change, 412/428 on a stale If-Match. */
    public Consultation forChange(UUID id, Caller caller, String ifMatch, boolean ifMatchRequired) {
        Consultation c = Consultation.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !Access.canRead(c, caller)) {
            throw ProblemException.notFound("consultation " + id);
        }
        requireChange(c, caller);
        Preconditions.check(ifMatch, c.version, ifMatchRequired);
        return c;
    }

    /** 403 unless the caller may change the consultation (or act for it, such as entering a paper response). */
    public void requireChange(Consultation c, Caller caller) {
        if (!Access.canChange(c, caller)) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "only the initiating party (or a co-owning tenant organisation) changes this consultation or"
                            + " enters its responses",
                    null);
        }
    }

    /**
     * For reading raw responses (exports, export jobs, downloads; {@code what} names it for the audit trail): 404 when
     * the consultation is not visible to the caller, 403 when it is a tenant organisation's private poll the caller has
     * no access to. Both refusals are audited, in a transaction of their own.
     */
    public Consultation forResponses(UUID id, Caller caller, String what) {
        Consultation c = Consultation.findById(id);
        if (c == null || !Access.canRead(c, caller)) {
            if (c != null) {
                audit.refused(
                        RESPONSES_REFUSED,
                        "consultation",
                        id.toString(),
                        what,
                        404,
                        "not visible to " + caller.role() + " " + caller.client());
            }
            throw ProblemException.notFound("consultation " + id);
        }
        if (!Access.canReadResponses(c, caller)) {
            if (c.ownPoll() && caller.is(Roles.CORPORATION)) {
                audit.refused(
                        RESPONSES_REFUSED,
                        "consultation",
                        id.toString(),
                        what,
                        403,
                        "a tenant organisation's own poll; no access granted");
                throw new ProblemException(
                        403,
                        "private-poll",
                        "A tenant organisation's own poll",
                        "the responses of tenant organisation " + c.initiatorClient + "'s own poll (status " + c.status
                                + ") are private to it; the corporation sees its published results, or its responses only while it grants access",
                        null);
            }
            throw new ProblemException(
                    403, "forbidden", "Forbidden", "the role " + caller.role() + " does not read responses", null);
        }
        return c;
    }

    // ---- the corporation's access to a tenant organisation's own poll ----

    /** Grants (or with {@code grant} false revokes) the corporation access to the raw responses of the caller's own poll. */
    @Transactional
    public Consultation corporationAccess(UUID id, boolean grant, String ifMatch, Caller caller) {
        Consultation c = Consultation.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !Access.canRead(c, caller)) {
            throw ProblemException.notFound("consultation " + id);
        }
        if (!c.ownPoll()) {
            throw new ProblemException(
                    409,
                    "not-own-poll",
                    "Not a tenant organisation's own poll",
                    "consultation " + id + " was initiated by the " + c.initiatorParty
                            + "; only a tenant organisation's own poll has corporation access to grant",
                    null);
        }
        if (!Access.canGrant(c, caller)) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "only the tenant organisation whose poll it is grants or revokes the corporation's access",
                    null);
        }
        Preconditions.check(ifMatch, c.version, false);
        boolean changed = grant != (c.corporationAccessGrantedAt != null);
        if (changed) {
            c.corporationAccessGrantedAt = grant ? now() : null;
            c.corporationAccessGrantedBy = grant ? caller.client() : null;
            audit.record(
                    grant ? "consultation.corporation-access.granted" : "consultation.corporation-access.revoked",
                    "consultation",
                    id.toString(),
                    Map.of("organisation", caller.client()));
        }
        em.flush();
        return c;
    }

    public Page<ConsultationViews.Summary> list(Caller caller, String status, PageRequest page) {
        StringBuilder where = new StringBuilder("WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            try {
                Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "one of " + List.of(Status.values()));
            }
            params.add(status);
            where.append(" AND status = ?").append(params.size());
        }
        if (caller.is(Roles.TENANT_ORGANISATION)) {
            params.add(caller.actsFor());
            where.append(" AND ((initiator_party = 'tenant-organisation' AND initiator_client = ?")
                    .append(params.size())
                    .append(") OR partner_organisation = ?")
                    .append(params.size())
                    .append(")");
        }
        if (page.afterKey() != null) {
            UUID after;
            try {
                after = UUID.fromString(page.afterKey());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("after", "not a cursor returned by this API");
            }
            params.add(after);
            where.append(" AND id > ?").append(params.size());
        }
        var query = em.createNativeQuery(
                "SELECT * FROM consultation " + where + " ORDER BY id LIMIT " + (page.limit() + 1), Consultation.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Consultation> rows = query.getResultList();
        List<ConsultationViews.Summary> items = rows.stream()
                .map(c -> new ConsultationViews.Summary(
                        c.id,
                        c.kind,
                        c.status,
                        texts(c.title),
                        new ConsultationViews.Initiator(c.initiatorParty, c.initiatorClient),
                        c.opensAt,
                        c.closesAt))
                .toList();
        return page.page(items, s -> s.id().toString());
    }

    // ---- drafting ----

    @Transactional
    public Consultation create(ConsultationRequest request, Caller caller) {
        if (!caller.is(Roles.CORPORATION) && !caller.is(Roles.TENANT_ORGANISATION)) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "only a corporation or a tenant organisation initiates consultations",
                    null);
        }
        Consultation c = new Consultation();
        c.id = UUID.randomUUID();
        c.status = Status.DRAFT.name();
        c.initiatorParty = caller.role();
        c.initiatorClient =
                caller.actsFor(); // a tenant organisation's consultation belongs to the organisation, not one client
        c.createdAt = now();
        c.questionnaireVersion = 0;
        apply(c, request, true);
        c.persist();
        replaceList(c, request.audience());
        return c;
    }

    @Transactional
    public Consultation update(UUID id, ConsultationRequest request, String ifMatch, Caller caller) {
        Consultation c = forChange(id, caller, ifMatch, true);
        c.requireStatus(Status.DRAFT);
        if (!c.kind.equals(request.kind().name())
                && c.questionnaireVersion > 0
                && !questionnaires
                        .load(c.id, c.questionnaireVersion)
                        .questionsOrEmpty()
                        .isEmpty()) {
            throw ProblemException.conflict("the kind cannot change once questions exist");
        }
        apply(c, request, false);
        replaceList(c, request.audience());
        c.scheduleProblem = null;
        em.flush();
        return c;
    }

    private void apply(Consultation c, ConsultationRequest r, boolean creating) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> languages = r.languages() == null ? List.of("nl") : r.languages();
        if (new HashSet<>(languages).size() != languages.size()
                || languages.stream()
                        .anyMatch(l -> l == null || !LANGUAGE.matcher(l).matches())) {
            errors.add(new Problem.FieldError("languages", "distinct language codes such as nl, en, tr, ar"));
        } else {
            texts(r.title(), "title", languages, true, 300, errors);
            texts(r.description(), "description", languages, false, 5000, errors);
        }
        if (r.partnerOrganisation() != null && !Roles.CORPORATION.equals(c.initiatorParty)) {
            errors.add(new Problem.FieldError(
                    "partnerOrganisation",
                    "a tenant organisation's consultation is aligned with the corporation; no partner to name"));
        }
        if (r.partnerOrganisation() != null
                && !TENANT_REF.matcher(r.partnerOrganisation()).matches()) {
            errors.add(new Problem.FieldError(
                    "partnerOrganisation", "an organisation id of 1 to 64 letters, digits, '.', '_' or '-'"));
        } else if (r.partnerOrganisation() != null
                && !r.partnerOrganisation().equals(c.partnerOrganisation)
                && !KnownOrganisation.isActive(r.partnerOrganisation())) {
            // an unchanged partner stays valid on update even if it was deactivated since
            errors.add(new Problem.FieldError(
                    "partnerOrganisation",
                    "unknown tenant organisation " + r.partnerOrganisation()
                            + ": name an active organisation of the register (GET /api/v1/organisations)"));
        }
        audience(r.audience(), errors);
        schedule(new Schedule(r.opensAt(), r.closesAt(), r.reminders()), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        c.kind = r.kind().name();
        c.languages = StoredJson.write(languages);
        c.title = StoredJson.write(r.title());
        c.description = StoredJson.write(r.description());
        c.anonymity = r.anonymity().name();
        Audience stored = new Audience(
                r.audience().type(),
                r.audience().filter(),
                null,
                r.audience().panelId(),
                r.audience().waveId());
        c.audience = StoredJson.write(stored);
        c.opensAt = r.opensAt();
        c.closesAt = r.closesAt();
        c.reminders = StoredJson.write(r.reminders() == null ? List.of() : r.reminders());
        String partner = r.partnerOrganisation();
        if (creating || !java.util.Objects.equals(partner, c.partnerOrganisation)) {
            c.partnerOrganisation = partner;
            c.resetAlignment();
        }
    }

    private void replaceList(Consultation c, Audience audience) {
        em.createNativeQuery("DELETE FROM audience_member WHERE consultation_id = ?1")
                .setParameter(1, c.id)
                .executeUpdate();
        if ("LIST".equals(audience.type())) {
            em.createNativeQuery(
                            "INSERT INTO audience_member (consultation_id, tenant_ref) SELECT ?1, unnest(cast(?2 AS text[])) ON CONFLICT DO NOTHING")
                    .setParameter(1, c.id)
                    .setParameter(2, audience.tenantRefs().toArray(new String[0]))
                    .executeUpdate();
        }
    }

    private void audience(Audience a, List<Problem.FieldError> errors) {
        if (a.type() == null || !AUDIENCES.contains(a.type())) {
            errors.add(new Problem.FieldError("audience.type", "one of ALL, SEGMENT, LIST, PANEL_WAVE"));
            return;
        }
        boolean segment = a.type().equals("SEGMENT");
        boolean list = a.type().equals("LIST");
        boolean wave = a.type().equals("PANEL_WAVE");
        if (segment != (a.filter() != null)) {
            errors.add(new Problem.FieldError(
                    "audience.filter", segment ? "a SEGMENT needs a filter" : "only a SEGMENT has a filter"));
        }
        if (list != (a.tenantRefs() != null)) {
            errors.add(new Problem.FieldError(
                    "audience.tenantRefs", list ? "a LIST needs tenantRefs" : "only a LIST has tenantRefs"));
        }
        // The waveId may be left out: panel-service assigns it when it launches the wave for this consultation.
        if (wave != (a.panelId() != null) || (!wave && a.waveId() != null)) {
            errors.add(new Problem.FieldError(
                    wave ? "audience.panelId" : "audience.waveId",
                    wave ? "a PANEL_WAVE needs panelId" : "only a PANEL_WAVE has panelId and waveId"));
        }
        if (segment && a.filter() != null) {
            if (a.filter().isEmpty()) {
                errors.add(new Problem.FieldError("audience.filter", "at least one attribute"));
            }
            a.filter().forEach((attribute, values) -> {
                if (!Attributes.known(attribute)) {
                    errors.add(new Problem.FieldError(
                            "audience.filter." + attribute, "not an attribute; one of " + Attributes.NAMES));
                } else if (values == null
                        || values.isEmpty()
                        || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                    errors.add(new Problem.FieldError("audience.filter." + attribute, "at least one value"));
                }
            });
        }
        if (list && a.tenantRefs() != null) {
            if (a.tenantRefs().isEmpty()) {
                errors.add(new Problem.FieldError("audience.tenantRefs", "at least one tenantRef"));
            }
            for (int i = 0; i < a.tenantRefs().size(); i++) {
                String ref = a.tenantRefs().get(i);
                if (ref == null || !TENANT_REF.matcher(ref).matches()) {
                    errors.add(new Problem.FieldError(
                            "audience.tenantRefs[" + i + "]", "1 to 64 letters, digits, '.', '_' or '-'"));
                    break;
                }
            }
        }
    }

    private static void schedule(Schedule s, List<Problem.FieldError> errors) {
        OffsetDateTime now = OffsetDateTime.now();
        if (s.closesAt() != null && !s.closesAt().isAfter(now)) {
            errors.add(new Problem.FieldError("closesAt", "must be in the future"));
        }
        if (s.opensAt() != null && s.closesAt() != null && !s.closesAt().isAfter(s.opensAt())) {
            errors.add(new Problem.FieldError("closesAt", "must be after opensAt"));
        }
        List<OffsetDateTime> reminders = s.reminders() == null ? List.of() : s.reminders();
        for (int i = 0; i < reminders.size(); i++) {
            OffsetDateTime r = reminders.get(i);
            if (r == null
                    || (s.closesAt() != null && !r.isBefore(s.closesAt()))
                    || (s.opensAt() != null && !r.isAfter(s.opensAt()))) {
                errors.add(new Problem.FieldError("reminders[" + i + "]", "between opening and closing"));
            }
        }
    }

    @Transactional
    public Consultation schedule(UUID id, Schedule s, String ifMatch, Caller caller) {
        Consultation c = forChange(id, caller, ifMatch, true);
        c.requireStatus(Status.DRAFT, Status.OPEN);
        List<Problem.FieldError> errors = new ArrayList<>();
        schedule(s, errors);
        if (c.is(Status.OPEN)
                && !java.util.Objects.equals(
                        s.opensAt() == null ? null : s.opensAt().toInstant(),
                        c.opensAt == null ? null : c.opensAt.toInstant())) {
            errors.add(new Problem.FieldError("opensAt", "the consultation is already open"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        c.opensAt = s.opensAt();
        c.closesAt = s.closesAt();
        c.reminders = StoredJson.write(s.reminders() == null ? List.of() : s.reminders());
        c.scheduleProblem = null;
        em.flush();
        return c;
    }

    @Transactional
    public Consultation statement(UUID id, Statement s, String ifMatch, Caller caller) {
        Consultation c = forChange(id, caller, ifMatch, true);
        c.requireStatus(Status.DRAFT);
        List<String> languages = languages(c);
        List<Problem.FieldError> errors = new ArrayList<>();
        texts(s.goal(), "goal", languages, true, 5000, errors);
        texts(s.canInfluence(), "canInfluence", languages, true, 5000, errors);
        texts(s.cannotInfluence(), "cannotInfluence", languages, true, 5000, errors);
        texts(s.outcomeUse(), "outcomeUse", languages, true, 5000, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        String written = StoredJson.write(s);
        if (!written.equals(c.statement)) {
            c.statementSignatures = null; // a different statement is not what was signed
        }
        c.statement = written;
        c.scheduleProblem = null;
        em.flush();
        return c;
    }

    /** The caller signs the current statement for its party (corporation or tenant organisation). */
    @Transactional
    public Consultation signStatement(UUID id, String ifMatch, Caller caller) {
        Consultation c = Consultation.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !Access.canRead(c, caller)) {
            throw ProblemException.notFound("consultation " + id);
        }
        String party = Access.signingParty(c, caller);
        if (party == null) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "only the parties that own the consultation sign its statement",
                    null);
        }
        Preconditions.check(ifMatch, c.version, false);
        c.requireStatus(Status.DRAFT);
        if (c.statement == null) {
            throw new ProblemException(
                    409,
                    "no-statement",
                    "No statement to sign",
                    "the consultation (status " + c.status + ") has no participation statement yet",
                    null);
        }
        Map<String, ConsultationViews.StatementSignature> signatures = new java.util.TreeMap<>(signatures(c));
        signatures.put(party, new ConsultationViews.StatementSignature(caller.client(), now()));
        c.statementSignatures = StoredJson.write(signatures);
        em.flush();
        return c;
    }

    public Map<String, ConsultationViews.StatementSignature> signatures(Consultation c) {
        Map<String, ConsultationViews.StatementSignature> read = StoredJson.read(
                c.statementSignatures, new TypeReference<Map<String, ConsultationViews.StatementSignature>>() {});
        return read == null ? Map.of() : read;
    }

    @Transactional
    public Consultation align(UUID id, ConsultationRequests.AlignmentRequest request, String ifMatch, Caller caller) {
        Consultation c = Consultation.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !Access.canRead(c, caller)) {
            throw ProblemException.notFound("consultation " + id);
        }
        if (!Access.canAlign(c, caller)) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    AlignmentStatus.NOT_APPLICABLE.name().equals(c.alignmentStatus)
                            ? "this consultation has no other party to align with (name a partnerOrganisation)"
                            : "only the other party records the alignment",
                    null);
        }
        Preconditions.check(ifMatch, c.version, false);
        c.requireStatus(Status.DRAFT);
        if (request.decision() != AlignmentStatus.AGREED && request.decision() != AlignmentStatus.DISAGREED) {
            throw ProblemException.fieldRules(List.of(new Problem.FieldError("decision", "AGREED or DISAGREED")));
        }
        if (c.questionnaireVersion == 0) {
            throw ProblemException.conflict("there are no questions to align on yet");
        }
        c.alignmentStatus = request.decision().name();
        c.alignmentBy = caller.client();
        c.alignmentAt = now();
        c.alignmentVersion = c.questionnaireVersion;
        c.alignmentComment = request.comment();
        em.flush();
        return c;
    }

    // ---- transitions ----

    @Transactional
    public Consultation open(UUID id, String ifMatch, Caller caller) {
        Consultation c = forChange(id, caller, ifMatch, false);
        c.requireStatus(Status.DRAFT);
        List<Problem.FieldError> problems = readiness(c);
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    409, "not-ready", "Not ready to open", ProblemException.summary(problems), problems);
        }
        openNow(c);
        em.flush();
        return c;
    }

    /** Opens a consultation that is ready: the questionnaire is frozen from here on, invitations follow in chunks. */
    public void openNow(Consultation c) {
        if (AlignmentStatus.PENDING.name().equals(c.alignmentStatus)) {
            c.alignmentStatus =
                    AlignmentStatus.NOT_GIVEN
                            .name(); // opened without it: the period passed, or the poll never needed it
        }
        c.status = Status.OPEN.name();
        c.openedAt = now();
        c.scheduleProblem = null;
        c.invitationsDone = false;
        c.invitationsCursor = null;
        events.publish(c, ConsultationEventV1.OPENED, null, null, null);
    }

    @Transactional
    public Consultation close(UUID id, String ifMatch, Caller caller) {
        Consultation c = forChange(id, caller, ifMatch, false);
        c.requireStatus(Status.OPEN);
        closeNow(c);
        em.flush();
        return c;
    }

    public void closeNow(Consultation c) {
        c.status = Status.CLOSED.name();
        c.closedAt = now();
        closing.fire(new Closing(c.id));
        long[] counts = counts(c.id);
        events.publish(c, ConsultationEventV1.CLOSED, null, counts[0], counts[1]);
    }

    @Transactional
    public Consultation publishResults(UUID id, String ifMatch, Caller caller) {
        Consultation c = forChange(id, caller, ifMatch, false);
        c.requireStatus(Status.CLOSED);
        c.status = Status.RESULTS_PUBLISHED.name();
        c.resultsPublishedAt = now();
        long[] counts = counts(c.id);
        events.publish(c, ConsultationEventV1.RESULTS_PUBLISHED, null, counts[0], counts[1]);
        em.flush();
        return c;
    }

    /** Invited and completed. */
    public long[] counts(UUID id) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT count(*), count(*) FILTER (WHERE status = 'COMPLETED') FROM invitation WHERE consultation_id = ?1")
                .setParameter(1, id)
                .getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    /** Everything that stands in the way of opening, each with the field to fix. */
    public List<Problem.FieldError> readiness(Consultation c) {
        List<Problem.FieldError> problems = new ArrayList<>();
        if (c.statement == null) {
            problems.add(
                    new Problem.FieldError(
                            "statement",
                            "a participation statement (goal, influence, what happens with the outcome) is required before opening"));
        }
        Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
        if (q.questionsOrEmpty().isEmpty()) {
            problems.add(new Problem.FieldError("questionnaire", "at least one question"));
        }
        long pwe = q.questionsOrEmpty().stream()
                .filter(x -> x.type() == QuestionType.PWE)
                .count();
        if (Consultation.Kind.PWE.name().equals(c.kind) && pwe != 1) {
            problems.add(new Problem.FieldError("questionnaire", "a PWE consultation has exactly one PWE block"));
        }
        // A tenant organisation's own poll never waits for the corporation: its alignment (help) is an option, never a
        // veto.
        // A corporation's consultation waits for its partner for the alignment period, then may open without it.
        OffsetDateTime openableWithout = openableWithoutAlignmentFrom(c);
        if (openableWithout != null && OffsetDateTime.now().isBefore(openableWithout)) {
            problems.add(new Problem.FieldError(
                    "alignment",
                    "the alignment is PENDING: " + c.partnerOrganisation
                            + " has not recorded agreement or disagreement with questionnaire version "
                            + c.questionnaireVersion
                            + "; without it the consultation may open from " + openableWithout
                            + " (meedoen.consultation.alignment-period "
                            + config.alignmentPeriod() + " after it was asked)"));
        }
        if (!c.ownPoll() && AlignmentStatus.DISAGREED.name().equals(c.alignmentStatus)) {
            List<Question> questions = q.questionsOrEmpty();
            for (int i = 0; i < questions.size(); i++) {
                if (questions.get(i).askedBy() == null) {
                    problems.add(new Problem.FieldError(
                            "questionnaire.questions[" + i + "].askedBy",
                            "the parties disagree, so every question says who asks it"));
                }
            }
        }
        if (c.closesAt != null && !c.closesAt.isAfter(OffsetDateTime.now())) {
            problems.add(new Problem.FieldError("closesAt", "the closing time has passed"));
        }
        return problems;
    }

    /** A corporation's consultation with a pending partner alignment: from when it may open without it; otherwise null. */
    public OffsetDateTime openableWithoutAlignmentFrom(Consultation c) {
        if (c.ownPoll() || !AlignmentStatus.PENDING.name().equals(c.alignmentStatus)) {
            return null;
        }
        OffsetDateTime asked = c.alignmentRequestedAt != null ? c.alignmentRequestedAt : c.createdAt;
        return asked.plus(config.alignmentPeriod());
    }

    // ---- views ----

    public ConsultationView view(Consultation c) {
        Audience a = StoredJson.read(c.audience, Audience.class);
        Long listSize = "LIST".equals(a.type()) || "PANEL_WAVE".equals(a.type())
                ? ((Number) em.createNativeQuery("SELECT count(*) FROM audience_member WHERE consultation_id = ?1")
                                .setParameter(1, c.id)
                                .getSingleResult())
                        .longValue()
                : null;
        return new ConsultationView(
                new ConsultationView.Identity(
                        c.id, c.kind, c.status, languages(c), texts(c.title), texts(c.description)),
                new ConsultationView.Setup(
                        new ConsultationViews.Initiator(c.initiatorParty, c.initiatorClient),
                        c.partnerOrganisation,
                        c.anonymity,
                        new AudienceView(a.type(), a.filter(), listSize, a.panelId(), a.waveId()),
                        new Schedule(c.opensAt, c.closesAt, reminders(c))),
                new ConsultationView.Agreement(
                        StoredJson.read(c.statement, Statement.class),
                        signatures(c),
                        c.statement == null
                                ? Access.signingParties(c)
                                : Access.signingParties(c).stream()
                                        .filter(p -> !signatures(c).containsKey(p))
                                        .toList(),
                        new Alignment(
                                AlignmentStatus.valueOf(c.alignmentStatus),
                                c.alignmentBy,
                                c.alignmentAt,
                                c.alignmentVersion,
                                c.alignmentComment,
                                c.alignmentRequestedAt,
                                c.ownPoll()
                                        ? Boolean.FALSE
                                        : Boolean.valueOf(!AlignmentStatus.NOT_APPLICABLE
                                                .name()
                                                .equals(c.alignmentStatus)),
                                openableWithoutAlignmentFrom(c)),
                        c.ownPoll(),
                        c.ownPoll()
                                ? new ConsultationViews.CorporationAccess(
                                        c.corporationAccessGrantedAt != null,
                                        c.corporationAccessGrantedAt,
                                        c.corporationAccessGrantedBy)
                                : null),
                new ConsultationView.Preparation(
                        c.questionnaireVersion, c.is(Status.DRAFT) ? readiness(c) : null, c.scheduleProblem),
                new ConsultationView.Timeline(
                        texts(c.feedback),
                        c.createdAt,
                        c.openedAt,
                        c.closedAt,
                        c.resultsPublishedAt,
                        c.feedbackPublishedAt),
                c.version);
    }

    public List<String> languages(Consultation c) {
        return StoredJson.read(c.languages, new TypeReference<List<String>>() {});
    }

    /** The language asked with {@code ?lang=} (400 naming {@code lang} when the consultation has not got it), else its first. */
    public String language(Consultation c, String lang) {
        List<String> languages = languages(c);
        if (lang == null) {
            return languages.get(0);
        }
        if (!languages.contains(lang)) {
            throw ProblemException.invalidField("lang", "one of " + languages);
        }
        return lang;
    }

    /** The closing day in the service's zone as {@code language} writes it ("14 maart 2031"); null without a closing time. */
    public String closesOn(Consultation c, String language) {
        return c.closesAt == null
                ? null
                : c.closesAt
                        .atZoneSameInstant(config.zone())
                        .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                .withLocale(Locale.forLanguageTag(language)));
    }

    public Map<String, String> texts(String stored) {
        return StoredJson.read(stored, new TypeReference<Map<String, String>>() {});
    }

    public List<OffsetDateTime> reminders(Consultation c) {
        return StoredJson.read(c.reminders, new TypeReference<List<OffsetDateTime>>() {});
    }

    public static void texts(
            Map<String, String> texts,
            String field,
            List<String> languages,
            boolean required,
            int maxLength,
            List<Problem.FieldError> errors) {
        if (texts == null) {
            if (required) {
                errors.add(new Problem.FieldError(field, "a text in " + languages.get(0) + " is required"));
            }
            return;
        }
        String main = texts.get(languages.get(0));
        if (main == null || main.isBlank()) {
            errors.add(new Problem.FieldError(
                    field + "." + languages.get(0), "a text in " + languages.get(0) + " is required"));
        }
        texts.forEach((lang, text) -> {
            if (!languages.contains(lang)) {
                errors.add(new Problem.FieldError(
                        field + "." + lang, "not one of the consultation's languages " + languages));
            } else if (text != null && text.length() > maxLength) {
                errors.add(new Problem.FieldError(field + "." + lang, "at most " + maxLength + " characters"));
            }
        });
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
