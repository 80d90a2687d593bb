package nl.meedoen.consultation.questionnaire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.meedoen.consultation.Violation;
import nl.meedoen.consultation.pwe.PweAnswer;
import nl.meedoen.consultation.pwe.PweRules;

/**
 * Checks a response against a frozen questionnaire, on the server, so no frontend can bypass a
 * rule: types, options, ranges, lengths, visibility, required-ness and every PWE constraint.
 * Each violation names the answer ({@code answers.<questionId>}) and the rule.
 */
public final class AnswerRules {

    private AnswerRules() {}

    /**
     * @param complete true for a final submission (required answers and PWE constraints are
     *                 checked); false for a saved draft (only what is there must be valid)
     */
    public static List<Violation> validate(Questionnaire questionnaire, Map<String, Object> answers, boolean complete) {
        List<Violation> v = new ArrayList<>();
        Map<String, Object> given = answers == null ? Map.of() : answers;
        for (String id : given.keySet()) {
            if (questionnaire.question(id).isEmpty()) {
                v.add(new Violation("answers." + id, "unknown-question", "the questionnaire has no question " + id));
            }
        }
        for (Question q : questionnaire.questionsOrEmpty()) {
            String f = "answers." + q.id();
            Object answer = given.get(q.id());
            boolean answered = Conditions.isAnswered(answer);
            boolean visible = q.visibleIf() == null || Conditions.test(q.visibleIf(), given);
            if (!visible) {
                if (answered) {
                    v.add(new Violation(
                            f, "hidden", "this question is not shown for the earlier answers, so it takes no answer"));
                }
                continue;
            }
            if (!answered) {
                boolean required =
                        q.alwaysRequired() || (q.requiredIf() != null && Conditions.test(q.requiredIf(), given));
                if (complete && required) {
                    v.add(new Violation(f, "required", "an answer is required"));
                }
                continue;
            }
            answer(q, answer, f, complete, v);
        }
        return v;
    }

    private static void answer(Question q, Object answer, String f, boolean complete, List<Violation> v) {
        Runnable check = switch (q.type()) {
            case SINGLE_CHOICE ->
                () -> {
                    if (!(answer instanceof String s)) {
                        v.add(new Violation(f, "type", "one option value (a string)"));
                    } else if (!hasOption(q, s)) {
                        v.add(new Violation(f, "option", "no option " + s));
                    }
                };
            case MULTIPLE_CHOICE ->
                () -> {
                    List<String> values = strings(answer, f, "a list of option values", v);
                    if (values == null || !options(q, values, f, v)) {
                        return;
                    }
                    if (complete && q.min() != null && values.size() < q.min()) {
                        v.add(new Violation(
                                f, "min-choices", "choose at least " + q.min().intValue()));
                    }
                    if (q.max() != null && values.size() > q.max()) {
                        v.add(new Violation(
                                f, "max-choices", "choose at most " + q.max().intValue()));
                    }
                };
            case RANKING ->
                () -> {
                    List<String> values = strings(answer, f, "a list of option values, most preferred first", v);
                    if (values == null || !options(q, values, f, v)) {
                        return;
                    }
                    int needed = q.min() == null
                            ? q.optionsOrEmpty().size()
                            : q.min().intValue();
                    if (complete && values.size() < needed) {
                        v.add(new Violation(f, "ranking", "rank at least " + needed + " options"));
                    }
                };
            case SCALE ->
                () -> {
                    if (!(answer instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                        v.add(new Violation(f, "type", "a whole number"));
                    } else if (n.doubleValue() < q.scaleMin() || n.doubleValue() > q.scaleMax()) {
                        v.add(new Violation(f, "range", "from " + q.scaleMin() + " to " + q.scaleMax()));
                    }
                };
            case NUMBER ->
                () -> {
                    if (!(answer instanceof Number n)
                            || Double.isNaN(n.doubleValue())
                            || Double.isInfinite(n.doubleValue())) {
                        v.add(new Violation(f, "type", "a number"));
                    } else if (Boolean.TRUE.equals(q.integer()) && n.doubleValue() != Math.rint(n.doubleValue())) {
                        v.add(new Violation(f, "integer", "a whole number"));
                    } else if ((q.min() != null && n.doubleValue() < q.min())
                            || (q.max() != null && n.doubleValue() > q.max())) {
                        v.add(new Violation(f, "range", "from " + bound(q.min()) + " to " + bound(q.max())));
                    }
                };
            case TEXT ->
                () -> {
                    if (!(answer instanceof String s)) {
                        v.add(new Violation(f, "type", "a text"));
                    } else if (s.length() > q.textMaxLength()) {
                        v.add(new Violation(f, "max-length", "at most " + q.textMaxLength() + " characters"));
                    }
                };
            case PWE ->
                () -> {
                    PweAnswer portfolio = pweAnswer(answer, f, v);
                    if (portfolio != null) {
                        v.addAll(PweRules.check(q.pwe(), portfolio, f, complete));
                    }
                };
        };
        check.run();
    }

    /** Reads {@code {"chosen": [...], "motivations": {...}, "overallMotivation": "..."}}; null (with a violation) when malformed. */
    public static PweAnswer pweAnswer(Object answer, String f, List<Violation> v) {
        if (!(answer instanceof Map<?, ?> map)) {
            v.add(new Violation(f, "type", "an object {chosen, motivations, overallMotivation}"));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!Set.of("chosen", "motivations", "overallMotivation").contains(String.valueOf(key))) {
                v.add(new Violation(f + "." + key, "type", "unknown property"));
                return null;
            }
        }
        List<String> chosen = map.get("chosen") == null
                ? List.of()
                : strings(map.get("chosen"), f + ".chosen", "a list of option ids", v);
        if (chosen == null) {
            return null;
        }
        Map<String, String> motivations = new LinkedHashMap<>();
        Object m = map.get("motivations");
        if (m != null) {
            if (!(m instanceof Map<?, ?> mm)) {
                v.add(new Violation(f + ".motivations", "type", "an object from option id to text"));
                return null;
            }
            for (Map.Entry<?, ?> e : mm.entrySet()) {
                if (e.getValue() != null && !(e.getValue() instanceof String)) {
                    v.add(new Violation(f + ".motivations." + e.getKey(), "type", "a text"));
                    return null;
                }
                if (e.getValue() != null && !((String) e.getValue()).isBlank()) {
                    motivations.put(String.valueOf(e.getKey()), (String) e.getValue());
                }
            }
        }
        Object overall = map.get("overallMotivation");
        if (overall != null && !(overall instanceof String)) {
            v.add(new Violation(f + ".overallMotivation", "type", "a text"));
            return null;
        }
        String overallText = overall == null || ((String) overall).isBlank() ? null : (String) overall;
        return new PweAnswer(chosen, motivations, overallText);
    }

    private static List<String> strings(Object answer, String f, String expected, List<Violation> v) {
        if (!(answer instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof String))) {
            v.add(new Violation(f, "type", expected));
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) list;
        return values;
    }

    private static boolean options(Question q, List<String> values, String f, List<Violation> v) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (!hasOption(q, value)) {
                v.add(new Violation(f, "option", "no option " + value));
                return false;
            }
            if (!seen.add(value)) {
                v.add(new Violation(f, "duplicate", "option " + value + " appears twice"));
                return false;
            }
        }
        return true;
    }

    private static boolean hasOption(Question q, String value) {
        return q.optionsOrEmpty().stream().anyMatch(o -> value.equals(o.value()));
    }

    private static String bound(Double d) {
        if (d == null) {
            return "any";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }
}
