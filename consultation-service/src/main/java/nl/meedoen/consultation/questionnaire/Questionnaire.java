package nl.meedoen.consultation.questionnaire;

import java.util.List;
import java.util.Optional;

/** The questions of one consultation, in order. Stored as one JSON document per version. */
public record Questionnaire(List<Question> questions) {

    public static final Questionnaire EMPTY = new Questionnaire(List.of());

    public List<Question> questionsOrEmpty() {
        return questions == null ? List.of() : questions;
    }

    public Optional<Question> question(String id) {
        return questionsOrEmpty().stream()
                .filter(q -> q.id() != null && q.id().equals(id))
                .findFirst();
    }
}
