package nl.meedoen.consultation.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationEvents;
import nl.meedoen.consultation.lifecycle.ConsultationService;

/**
 * Procedural justice, the closing half: the initiator publishes what was done with the outcome.
 * Publishing is one transaction (status, text, event); the scheduler then mails it to everyone
 * who was invited, a chunk at a time.
 */
@ApplicationScoped
public class FeedbackService {

    public static final int MAX_LENGTH = 20_000;

    @Inject
    ConsultationService consultations;

    @Inject
    ConsultationEvents events;

    @Inject
    EntityManager em;

    @Transactional
    public Consultation publish(UUID id, Map<String, String> text, String ifMatch, Caller caller) {
        Consultation c = consultations.forChange(id, caller, ifMatch, false);
        c.requireStatus(Consultation.Status.RESULTS_PUBLISHED);
        List<Problem.FieldError> errors = new ArrayList<>();
        ConsultationService.texts(text, "text", consultations.languages(c), true, MAX_LENGTH, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        c.feedback = StoredJson.write(text);
        c.feedbackPublishedAt = ConsultationService.now();
        c.status = Consultation.Status.FEEDBACK_PUBLISHED.name();
        long[] counts = consultations.counts(c.id);
        events.publish(c, ConsultationEventV1.FEEDBACK_PUBLISHED, null, counts[0], counts[1]);
        em.flush();
        return c;
    }
}
