package nl.meedoen.consultation.paper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationRequests;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Paper questionnaires: the sheet a consultation prints in a language, and the job that prints one form per open
 * invitation, each with the invitation's short code. Every check (access, status, language, the tenants named) is made
 * before the job is queued, so a refused request queues nothing. Names and addresses never come here: the forms carry
 * only the short code, which this service derives itself; notification-service matches them to its letters by it.
 */
@ApplicationScoped
public class PaperForms {

    /** The most forms one job prints (as notification's print batches: at most 5,000 letters). */
    public static final int MAX_FORMS = 5_000;

    public static final String FORMAT = "paper-forms.pdf";

    @Inject
    ConsultationService consultations;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    EntityManager em;

    @Inject
    Jobs jobs;

    @Inject
    AuditLog audit;

    /** Which invitations to print: the tenants named, or (null or absent) every invitation still unanswered. */
    @Schema(name = "PaperFormsRequest", description = "Whose forms to print; without it every unanswered invitation's")
    public record Request(
            @Schema(
                    description =
                            "The tenants (tenantRef) whose invitations get a form, e.g. those notification-service"
                                    + " sends letters; at most 5,000. Invitations answered already are left out.",
                    example = "[\"T-000123\",\"T-000456\"]")
            List<String> tenantRefs) {}

    /** The form in {@code lang} (400 when the consultation has not got it; default its first language). */
    @Transactional
    public PaperForm.Sheet blank(UUID id, String lang, Caller caller) {
        Consultation c = consultations.find(id, caller);
        return sheet(c, consultations.language(c, lang));
    }

    /** Checks everything, then queues the job: 202 material. */
    @Transactional
    public JobView start(UUID id, String lang, Request request, Caller caller) {
        Consultation c = consultations.find(id, caller);
        consultations.requireChange(c, caller);
        String language = lang == null ? null : consultations.language(c, lang);
        c.requireStatus(Consultation.Status.OPEN); // a code answers nothing before opening or after closing
        List<UUID> invitations =
                invitationsNamed(request) ? namedInvitations(c, request.tenantRefs()) : openInvitations(c);
        if (invitations.isEmpty()) {
            throw ProblemException.conflict(
                    "no-open-invitations",
                    "every invitation of consultation " + id + (invitationsNamed(request) ? " named" : "")
                            + " is answered already (or was made before short codes): no form to print");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("forms", invitations.size());
        audit.record("consultation.paper-forms.requested", "consultation", id.toString(), details);
        return jobs.submit(
                PaperFormJob.KIND,
                c.id + "/" + FORMAT + "/" + caller.client(),
                new PaperFormJob.Input(c.id, language, invitations, caller.client()));
    }

    private static boolean invitationsNamed(Request request) {
        return request != null && request.tenantRefs() != null;
    }

    private List<UUID> openInvitations(Consultation c) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT id FROM invitation WHERE consultation_id = ?1"
                        + " AND status <> 'COMPLETED' AND short_code_hash IS NOT NULL LIMIT " + (MAX_FORMS + 1))
                .setParameter(1, c.id)
                .getResultList();
        if (ids.size() > MAX_FORMS) {
            throw ProblemException.conflict(
                    "too-many-forms",
                    "consultation " + c.id + " has more than " + MAX_FORMS + " unanswered invitations; one job prints"
                            + " at most " + MAX_FORMS + " forms: name the tenants in tenantRefs");
        }
        return ids;
    }

    /** The named tenants' unanswered invitations; a name that is no tenant of this consultation is a field rule. */
    private List<UUID> namedInvitations(Consultation c, List<String> refs) {
        if (refs.isEmpty()) {
            throw ProblemException.fieldRule(
                    "tenantRefs", "at least one; leave tenantRefs out for every unanswered invitation");
        }
        if (refs.size() > MAX_FORMS) {
            throw ProblemException.fieldRule("tenantRefs", "at most " + MAX_FORMS + " per job");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i);
            if (ref == null || !ConsultationService.TENANT_REF.matcher(ref).matches()) {
                errors.add(new Problem.FieldError("tenantRefs[" + i + "]", "a tenantRef: 1-64 of A-Z a-z 0-9 . _ -"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT tenant_ref, id, status, short_code_hash IS NOT NULL FROM invitation"
                                + " WHERE consultation_id = ?1 AND tenant_ref IN (?2)")
                .setParameter(1, c.id)
                .setParameter(2, refs)
                .getResultList();
        Map<String, Object[]> byRef = new LinkedHashMap<>();
        rows.forEach(r -> byRef.put((String) r[0], r));
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            Object[] row = byRef.get(refs.get(i));
            if (row == null) {
                errors.add(new Problem.FieldError("tenantRefs[" + i + "]", "not invited to this consultation"));
            } else if (!"COMPLETED".equals(row[2]) && Boolean.TRUE.equals(row[3])) {
                ids.add((UUID) row[1]);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        return List.copyOf(ids);
    }

    /**
     * What the forms say in {@code asked} (null, or a language the consultation has not got: its first): title,
     * description, closing date, statement, questions.
     */
    public PaperForm.Sheet sheet(Consultation c, String asked) {
        List<String> languages = consultations.languages(c);
        String def = languages.get(0);
        String language = languages.contains(asked) ? asked : def;
        String closesOn = consultations.closesOn(c, language);
        Map<String, Map<String, String>> statement = new LinkedHashMap<>();
        ConsultationRequests.Statement s =
                c.statement == null ? null : StoredJson.read(c.statement, ConsultationRequests.Statement.class);
        if (s != null) {
            statement.put("goal", s.goal());
            statement.put("canInfluence", s.canInfluence());
            statement.put("cannotInfluence", s.cannotInfluence());
            statement.put("outcomeUse", s.outcomeUse());
        }
        return new PaperForm.Sheet(
                Texts.pick(consultations.texts(c.title), language, def),
                c.description == null ? null : Texts.pick(consultations.texts(c.description), language, def),
                closesOn,
                statement,
                questionnaires.load(c.id, c.questionnaireVersion),
                language,
                def);
    }
}
