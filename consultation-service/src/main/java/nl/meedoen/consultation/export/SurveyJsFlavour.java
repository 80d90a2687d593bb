package nl.meedoen.consultation.export;

import java.util.Locale;
import java.util.Map;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.questionnaire.Questionnaire;

/**
 * Which SurveyJS a survey is written for, and the shape of the answers that come back from it. {@code CUSTOM}: the
 * richer form, with the custom element {@code pwe} and the custom property {@code askedBy}, for a frontend that
 * registers them (examples/surveyjs-frontend/pwe.js). {@code STOCK}: standard SurveyJS elements only, which stock
 * SurveyJS renders as it is ({@link StockSurveyJs}).
 */
public enum SurveyJsFlavour {
    CUSTOM,
    STOCK;

    public static final String PARAMETER = "flavour";

    /** The flavour a {@code ?flavour=} value names (default custom); 400 naming the parameter for anything else. */
    public static SurveyJsFlavour fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return CUSTOM;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(PARAMETER, "custom or stock");
        }
    }

    /** The answers in the shape the answer rules read: a stock form's PWE answers are gathered into one object. */
    public Map<String, Object> answers(Questionnaire questionnaire, Map<String, Object> answers) {
        return switch (this) {
            case CUSTOM -> answers;
            case STOCK -> StockSurveyJs.answers(questionnaire, answers);
        };
    }

    /** A rule's field ({@code answers.plan.chosen}) as this flavour's form names it, so a frontend finds its element. */
    public String field(String field) {
        return switch (this) {
            case CUSTOM -> field;
            case STOCK -> StockSurveyJs.field(field);
        };
    }
}
