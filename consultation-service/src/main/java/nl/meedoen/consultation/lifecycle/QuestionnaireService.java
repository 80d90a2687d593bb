package nl.meedoen.consultation.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.consultation.Violation;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireRules;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;

/** Saving questionnaire versions: validated, only while the consultation is a draft. */
@ApplicationScoped
public class QuestionnaireService {

    @Inject
    ConsultationService consultations;

    @Inject
    QuestionnaireStore store;

    @Inject
    EntityManager em;

    @Transactional
    public Consultation save(UUID id, Questionnaire questionnaire, String ifMatch, Caller caller) {
        Consultation c = consultations.forChange(id, caller, ifMatch, true);
        if (!c.is(Consultation.Status.DRAFT)) {
            throw new ProblemException(
                    409,
                    "questionnaire-frozen",
                    "Questionnaire frozen",
                    "the questionnaire is frozen since the consultation opened; a change means a new consultation",
                    null);
        }
        List<Violation> violations = QuestionnaireRules.validate(questionnaire, consultations.languages(c), c.kind);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.field(), v.describe()))
                    .toList();
            throw ProblemException.fieldRules(errors);
        }
        Questionnaire previous = store.load(c.id, c.questionnaireVersion);
        c.questionnaireVersion++;
        store.save(c.id, c.questionnaireVersion, questionnaire, caller.client());
        // Saying who asks which question answers a disagreement; any other change needs a new decision.
        if (!Objects.equals(withoutAskedBy(previous), withoutAskedBy(questionnaire))) {
            c.resetAlignment();
        }
        c.scheduleProblem = null;
        em.flush();
        return c;
    }

    /** The questionnaire as stored, without who asks each question. */
    private static JsonNode withoutAskedBy(Questionnaire q) {
        JsonNode stored = StoredJson.read(StoredJson.write(q), JsonNode.class);
        if (stored != null) {
            stored.path("questions").forEach(question -> {
                if (question instanceof ObjectNode fields) {
                    fields.remove("askedBy");
                }
            });
        }
        return stored;
    }

    /** The current (or a given) version of a consultation the caller may see. */
    public Questionnaire load(Consultation c, Integer version) {
        int v = version == null ? c.questionnaireVersion : version;
        Questionnaire q = v < 0 || v > c.questionnaireVersion ? null : store.load(c.id, v);
        if (q == null) {
            throw ProblemException.notFound("questionnaire version " + v);
        }
        return q;
    }
}
