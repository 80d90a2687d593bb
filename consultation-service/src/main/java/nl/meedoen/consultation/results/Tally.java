package nl.meedoen.consultation.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.meedoen.consultation.pwe.PweAnswer;
import nl.meedoen.consultation.questionnaire.AnswerRules;
import nl.meedoen.consultation.questionnaire.Conditions;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.Questionnaire;

/**
 * Turns one valid response into counter increments, so results are kept up to date as responses
 * arrive instead of recomputed from them. Keys: {@code __answered} (total: the value, or a PWE
 * portfolio's spend/reach), {@code o:<option>} (chosen; for ranking total = rank),
 * {@code v:<number>}, {@code r:<option>:<rank>} and {@code p:<portfolio>} (whole only).
 */
public final class Tally {

    public static final String RESPONDENTS = "__respondents";
    public static final String INVITED = "__invited";
    public static final String ANSWERED = "__answered";

    /** One counter increment; {@code wholeOnly} ones are not broken down by profile attribute. */
    public record Increment(String question, String key, long n, double total, boolean wholeOnly) {}

    private Tally() {}

    public static List<Increment> of(Questionnaire questionnaire, Map<String, Object> answers) {
        List<Increment> out = new ArrayList<>();
        out.add(new Increment("", RESPONDENTS, 1, 0, false));
        for (Question q : questionnaire.questionsOrEmpty()) {
            Object answer = answers.get(q.id());
            if (!Conditions.isAnswered(answer)) {
                continue;
            }
            String id = q.id();
            Runnable tally = switch (q.type()) {
                case SINGLE_CHOICE ->
                    () -> {
                        out.add(new Increment(id, ANSWERED, 1, 0, false));
                        out.add(new Increment(id, "o:" + answer, 1, 0, false));
                    };
                case MULTIPLE_CHOICE ->
                    () -> {
                        out.add(new Increment(id, ANSWERED, 1, 0, false));
                        for (Object v : (List<?>) answer) {
                            out.add(new Increment(id, "o:" + v, 1, 0, false));
                        }
                    };
                case SCALE, NUMBER ->
                    () -> {
                        double value = ((Number) answer).doubleValue();
                        out.add(new Increment(id, ANSWERED, 1, value, false));
                        out.add(new Increment(id, "v:" + number(value), 1, value, false));
                    };
                case TEXT -> () -> out.add(new Increment(id, ANSWERED, 1, 0, false));
                case RANKING ->
                    () -> {
                        out.add(new Increment(id, ANSWERED, 1, 0, false));
                        List<?> ranked = (List<?>) answer;
                        for (int i = 0; i < ranked.size(); i++) {
                            out.add(new Increment(id, "o:" + ranked.get(i), 1, i + 1, false));
                            out.add(new Increment(id, "r:" + ranked.get(i) + ":" + (i + 1), 1, 0, false));
                        }
                    };
                case PWE ->
                    () -> {
                        PweAnswer portfolio = AnswerRules.pweAnswer(answer, id, new ArrayList<>());
                        if (portfolio == null) {
                            return;
                        }
                        List<String> chosen = portfolio.chosenOrEmpty();
                        out.add(new Increment(id, ANSWERED, 1, q.pwe().measure(chosen), false));
                        for (String option : chosen) {
                            out.add(new Increment(id, "o:" + option, 1, 0, false));
                        }
                        out.add(new Increment(id, "p:" + String.join("|", new TreeSet<>(chosen)), 1, 0, true));
                    };
            };
            tally.run();
        }
        return out;
    }

    /** The canonical text of a number key: 3 not 3.0. */
    public static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
