package nl.meedoen.consultation.questionnaire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.meedoen.consultation.Violation;
import nl.meedoen.consultation.pwe.PweRules;

/** Whether a questionnaire is well defined: every problem at once, each naming its field. */
public final class QuestionnaireRules {

    public static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    public static final Set<String> PARTIES = Set.of("corporation", "tenant-organisation");
    public static final int MAX_QUESTIONS = 200;

    private QuestionnaireRules() {}

    /**
     * @param languages the consultation's languages; the first is the default every text needs
     * @param kind      {@code SURVEY} (no PWE block) or {@code PWE} (at most one block while drafting)
     */
    public static List<Violation> validate(Questionnaire questionnaire, List<String> languages, String kind) {
        List<Violation> v = new ArrayList<>();
        String lang = languages.get(0);
        List<Question> questions = questionnaire.questionsOrEmpty();
        if (questions.size() > MAX_QUESTIONS) {
            v.add(new Violation("questions", "size", "at most " + MAX_QUESTIONS + " questions"));
            return v;
        }
        Set<String> earlier = new HashSet<>();
        int pweBlocks = 0;
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String f = "questions[" + i + "]";
            if (q == null) {
                v.add(new Violation(f, "question", "a question is required"));
                continue;
            }
            if (q.id() == null || !ID.matcher(q.id()).matches()) {
                v.add(new Violation(f + ".id", "id", "a letter, then up to 63 letters, digits, '-' or '_'"));
            } else if (earlier.contains(q.id())) {
                v.add(new Violation(f + ".id", "duplicate", "question id " + q.id() + " is used twice"));
            }
            if (q.page() != null && !ID.matcher(q.page()).matches()) {
                v.add(new Violation(f + ".page", "id", "a letter, then up to 63 letters, digits, '-' or '_'"));
            }
            texts(q.text(), f + ".text", languages, true, v);
            texts(q.help(), f + ".help", languages, false, v);
            texts(q.minLabel(), f + ".minLabel", languages, false, v);
            texts(q.maxLabel(), f + ".maxLabel", languages, false, v);
            if (q.askedBy() != null && !PARTIES.contains(q.askedBy())) {
                v.add(new Violation(f + ".askedBy", "asked-by", "corporation or tenant-organisation"));
            }
            if (q.requiredIf() != null && q.alwaysRequired()) {
                v.add(new Violation(f + ".requiredIf", "required", "use either required or requiredIf"));
            }
            condition(q.visibleIf(), f + ".visibleIf", questionnaire, earlier, v);
            condition(q.requiredIf(), f + ".requiredIf", questionnaire, earlier, v);
            if (q.type() == null) {
                v.add(new Violation(
                        f + ".type",
                        "type",
                        "one of SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, NUMBER, TEXT, RANKING, PWE"));
            } else {
                byType(q, f, languages, v);
                if (q.type() == QuestionType.PWE) {
                    pweBlocks++;
                }
            }
            if (q.id() != null) {
                earlier.add(q.id());
            }
        }
        if ("SURVEY".equals(kind) && pweBlocks > 0) {
            v.add(new Violation("questions", "kind", "a SURVEY has no PWE block; make the consultation kind PWE"));
        }
        if ("PWE".equals(kind) && pweBlocks > 1) {
            v.add(new Violation("questions", "kind", "a PWE consultation has exactly one PWE block"));
        }
        return v;
    }

    private static void byType(Question q, String f, List<String> languages, List<Violation> v) {
        if (q.type().hasOptions()) {
            List<Option> options = q.optionsOrEmpty();
            if (options.size() < 2) {
                v.add(new Violation(f + ".options", "options", "at least two options"));
            }
            Set<String> values = new HashSet<>();
            for (int j = 0; j < options.size(); j++) {
                Option o = options.get(j);
                if (o == null
                        || o.value() == null
                        || o.value().isBlank()
                        || o.value().length() > 200) {
                    v.add(new Violation(f + ".options[" + j + "].value", "option", "a value of 1 to 200 characters"));
                    continue;
                }
                if (!values.add(o.value())) {
                    v.add(new Violation(
                            f + ".options[" + j + "].value",
                            "duplicate",
                            "option value " + o.value() + " is used twice"));
                }
                texts(o.text(), f + ".options[" + j + "].text", languages, true, v);
            }
        } else if (q.options() != null) {
            v.add(new Violation(f + ".options", "not-applicable", "a " + q.type() + " question has no options"));
        }
        if (q.type() != QuestionType.PWE && q.pwe() != null) {
            v.add(new Violation(f + ".pwe", "not-applicable", "only a PWE question has a pwe block"));
        }
        if (q.type() != QuestionType.NUMBER && q.integer() != null) {
            v.add(new Violation(f + ".integer", "not-applicable", "only a NUMBER question has integer"));
        }
        if (q.type() != QuestionType.TEXT && q.maxLength() != null) {
            v.add(new Violation(f + ".maxLength", "not-applicable", "only a TEXT question has maxLength"));
        }
        if (q.type() != QuestionType.SCALE && (q.minLabel() != null || q.maxLabel() != null)) {
            v.add(new Violation(f + ".minLabel", "not-applicable", "only a SCALE question has labels"));
        }
        Runnable typeRules = switch (q.type()) {
            case MULTIPLE_CHOICE ->
                () -> {
                    int n = q.optionsOrEmpty().size();
                    if (q.min() != null && (!whole(q.min()) || q.min() < 0 || q.min() > n)) {
                        v.add(new Violation(
                                f + ".min", "min-choices", "a whole number from 0 to the number of options"));
                    }
                    if (q.max() != null && (!whole(q.max()) || q.max() < 1 || q.max() > n)) {
                        v.add(new Violation(
                                f + ".max", "max-choices", "a whole number from 1 to the number of options"));
                    }
                    if (q.min() != null && q.max() != null && q.min() > q.max()) {
                        v.add(new Violation(f + ".min", "min-choices", "min is above max"));
                    }
                };
            case RANKING ->
                () -> {
                    int n = q.optionsOrEmpty().size();
                    if (q.min() != null && (!whole(q.min()) || q.min() < 1 || q.min() > n)) {
                        v.add(new Violation(f + ".min", "ranking", "a whole number from 1 to the number of options"));
                    }
                    if (q.max() != null) {
                        v.add(new Violation(f + ".max", "not-applicable", "a RANKING question has only min"));
                    }
                };
            case SCALE ->
                () -> {
                    if ((q.min() != null && !whole(q.min()))
                            || (q.max() != null && !whole(q.max()))
                            || q.scaleMin() >= q.scaleMax()
                            || q.scaleMax() - q.scaleMin() > 100) {
                        v.add(new Violation(
                                f + ".max", "range", "whole numbers with min below max, at most 100 apart"));
                    }
                };
            case NUMBER ->
                () -> {
                    if (q.min() != null && q.max() != null && q.min() > q.max()) {
                        v.add(new Violation(f + ".min", "range", "min is above max"));
                    }
                };
            case TEXT ->
                () -> {
                    if (q.min() != null || q.max() != null) {
                        v.add(new Violation(
                                f + ".min", "not-applicable", "a TEXT question has maxLength, not min/max"));
                    }
                    if (q.maxLength() != null && (q.maxLength() < 1 || q.maxLength() > 10_000)) {
                        v.add(new Violation(f + ".maxLength", "max-length", "between 1 and 10000"));
                    }
                };
            case SINGLE_CHOICE ->
                () -> {
                    if (q.min() != null || q.max() != null) {
                        v.add(new Violation(f + ".min", "not-applicable", "a SINGLE_CHOICE question has no min/max"));
                    }
                };
            case PWE ->
                () -> {
                    if (q.min() != null || q.max() != null) {
                        v.add(new Violation(
                                f + ".min", "not-applicable", "a PWE block has minOptions/maxOptions in pwe"));
                    }
                    if (q.pwe() == null) {
                        v.add(new Violation(f + ".pwe", "pwe", "a PWE question needs its pwe block"));
                    } else {
                        v.addAll(PweRules.definition(q.pwe(), f + ".pwe", languages.get(0)));
                        q.pwe().optionsOrEmpty().stream()
                                .filter(java.util.Objects::nonNull)
                                .forEach(o -> {
                                    texts(o.text(), f + ".pwe.options." + o.id() + ".text", languages, false, v);
                                    texts(
                                            o.description(),
                                            f + ".pwe.options." + o.id() + ".description",
                                            languages,
                                            false,
                                            v);
                                });
                    }
                };
        };
        typeRules.run();
    }

    private static void condition(
            Condition c, String f, Questionnaire questionnaire, Set<String> earlier, List<Violation> v) {
        if (c == null) {
            return;
        }
        int forms = (c.question() != null || c.op() != null ? 1 : 0)
                + (c.all() != null ? 1 : 0)
                + (c.any() != null ? 1 : 0)
                + (c.not() != null ? 1 : 0);
        if (forms != 1) {
            v.add(new Violation(f, "condition", "exactly one of question+op, all, any or not"));
            return;
        }
        if (c.all() != null || c.any() != null) {
            List<Condition> parts = c.all() != null ? c.all() : c.any();
            if (parts.isEmpty()) {
                v.add(new Violation(f, "condition", "all/any needs at least one condition"));
            }
            for (int i = 0; i < parts.size(); i++) {
                condition(parts.get(i), f + (c.all() != null ? ".all[" : ".any[") + i + "]", questionnaire, earlier, v);
            }
            return;
        }
        if (c.not() != null) {
            condition(c.not(), f + ".not", questionnaire, earlier, v);
            return;
        }
        // Only earlier questions: a rule can then never depend on itself, and a frontend can evaluate it in page order.
        if (c.question() == null || !earlier.contains(c.question())) {
            v.add(new Violation(f + ".question", "condition-reference", "must name an earlier question"));
            return;
        }
        if (c.op() == null || !Conditions.OPERATORS.contains(c.op())) {
            v.add(new Violation(
                    f + ".op",
                    "condition",
                    "one of "
                            + String.join(
                                    ", ", Conditions.OPERATORS.stream().sorted().toList())));
            return;
        }
        if (Conditions.WITHOUT_VALUE.contains(c.op())) {
            if (c.value() != null) {
                v.add(new Violation(f + ".value", "condition", c.op() + " takes no value"));
            }
            return;
        }
        if (Conditions.NUMERIC.contains(c.op()) && !(c.value() instanceof Number)) {
            v.add(new Violation(f + ".value", "condition", c.op() + " compares with a number"));
            return;
        }
        if ("in".equals(c.op())
                && (!(c.value() instanceof Collection<?> list)
                        || list.isEmpty()
                        || list.stream()
                                .anyMatch(x -> x == null || x instanceof Collection<?> || x instanceof Map<?, ?>))) {
            v.add(new Violation(f + ".value", "condition", "in takes a list of values"));
            return;
        }
        if (!"in".equals(c.op())
                && (c.value() == null || c.value() instanceof Collection<?> || c.value() instanceof Map<?, ?>)) {
            v.add(new Violation(f + ".value", "condition", c.op() + " takes one value"));
            return;
        }
        Question target = questionnaire.question(c.question()).orElseThrow();
        Set<String> known = new HashSet<>();
        target.optionsOrEmpty().stream().filter(java.util.Objects::nonNull).forEach(o -> known.add(o.value()));
        if (target.pwe() != null) {
            target.pwe().optionsOrEmpty().stream()
                    .filter(java.util.Objects::nonNull)
                    .forEach(o -> known.add(o.id()));
        }
        if (!known.isEmpty()) {
            Collection<?> values = c.value() instanceof Collection<?> list ? list : List.of(c.value());
            for (Object value : values) {
                if (!(value instanceof Number) && !known.contains(String.valueOf(value))) {
                    v.add(new Violation(
                            f + ".value", "condition", "question " + c.question() + " has no option " + value));
                }
            }
        }
    }

    private static void texts(
            Map<String, String> texts, String f, List<String> languages, boolean required, List<Violation> v) {
        if (texts == null) {
            if (required) {
                v.add(new Violation(f, "text", "a text in " + languages.get(0) + " is required"));
            }
            return;
        }
        String main = texts.get(languages.get(0));
        if (main == null || main.isBlank()) {
            v.add(new Violation(f, "text", "a text in " + languages.get(0) + " is required"));
        }
        for (Map.Entry<String, String> t : texts.entrySet()) {
            if (!languages.contains(t.getKey())) {
                v.add(new Violation(
                        f + "." + t.getKey(), "language", "not one of the consultation's languages " + languages));
            } else if (t.getValue() != null && t.getValue().length() > 5000) {
                v.add(new Violation(f + "." + t.getKey(), "max-length", "at most 5000 characters"));
            }
        }
    }

    private static boolean whole(Double d) {
        return d == Math.rint(d) && !d.isInfinite();
    }
}
