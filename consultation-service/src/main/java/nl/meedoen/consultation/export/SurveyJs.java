package nl.meedoen.consultation.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.meedoen.consultation.Violation;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweConstraint;
import nl.meedoen.consultation.pwe.PweOption;
import nl.meedoen.consultation.questionnaire.Condition;
import nl.meedoen.consultation.questionnaire.Option;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireRules;

/**
 * The questionnaire as a SurveyJS survey (pages, elements, visibleIf/requiredIf, validators), so any
 * SurveyJS-based frontend renders it, and SurveyJS JSON back into a questionnaire for the types we
 * support. In the custom flavour the PWE block is the custom element type {@code pwe} (property {@code pwe}, see
 * the README) and who asks a question is the custom property {@code askedBy}; the stock flavour writes both with
 * standard elements ({@link StockSurveyJs}). Texts are SurveyJS localisable strings: the consultation's first
 * language is {@code default}.
 */
public final class SurveyJs {

    /** Thrown by {@link #fromSurvey}: every element that could not be imported, with why. */
    public static final class ImportException extends RuntimeException {
        private final List<Violation> violations;

        ImportException(List<Violation> violations) {
            super(violations.size() + " problem(s) in the SurveyJS JSON");
            this.violations = violations;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    private SurveyJs() {}

    // ---------------------------------------------------------------- export

    public static Map<String, Object> toSurvey(
            Questionnaire q,
            List<String> languages,
            Map<String, String> title,
            Map<String, String> description,
            SurveyJsFlavour flavour) {
        // a stock checkbox holds the chosen options itself: conditions read {plan}, not {plan.chosen}
        Set<String> pwe = flavour == SurveyJsFlavour.STOCK
                ? Set.of()
                : q.questionsOrEmpty().stream()
                        .filter(x -> x.type() == QuestionType.PWE)
                        .map(Question::id)
                        .collect(Collectors.toSet());
        Map<String, Object> survey = new LinkedHashMap<>();
        put(survey, "title", loc(title, languages));
        put(survey, "description", loc(description, languages));
        if (flavour == SurveyJsFlavour.STOCK) {
            // the API refuses answers to hidden questions, motivations of options no longer chosen included
            survey.put("clearInvisibleValues", "onHidden");
        }
        Map<String, List<Map<String, Object>>> pages = new LinkedHashMap<>();
        for (Question x : q.questionsOrEmpty()) {
            List<Map<String, Object>> elements = pages.computeIfAbsent(x.pageOrDefault(), p -> new ArrayList<>());
            elements.add(element(x, languages, pwe, flavour));
            if (flavour == SurveyJsFlavour.STOCK && x.type() == QuestionType.PWE) {
                elements.addAll(StockSurveyJs.motivations(x, languages));
            }
        }
        List<Map<String, Object>> pageList = new ArrayList<>();
        pages.forEach((name, elements) -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("name", name);
            page.put("elements", elements);
            pageList.add(page);
        });
        survey.put("pages", pageList);
        return survey;
    }

    private static Map<String, Object> element(
            Question x, List<String> languages, Set<String> pwe, SurveyJsFlavour flavour) {
        boolean stock = flavour == SurveyJsFlavour.STOCK;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(
                "type",
                switch (x.type()) {
                    case SINGLE_CHOICE -> "radiogroup";
                    case MULTIPLE_CHOICE -> "checkbox";
                    case SCALE -> "rating";
                    case NUMBER -> "text";
                    case TEXT -> "comment";
                    case RANKING -> "ranking";
                    case PWE -> stock ? "checkbox" : "pwe";
                });
        e.put("name", x.id());
        put(e, "title", loc(x.text(), languages));
        put(e, "description", stock ? StockSurveyJs.description(x, languages) : loc(x.help(), languages));
        if (x.alwaysRequired()) {
            e.put("isRequired", true);
        }
        if (x.requiredIf() != null) {
            e.put("requiredIf", SurveyJsExpressions.write(x.requiredIf(), pwe));
        }
        if (x.visibleIf() != null) {
            e.put("visibleIf", SurveyJsExpressions.write(x.visibleIf(), pwe));
        }
        if (!stock) {
            put(e, "askedBy", x.askedBy());
        }
        List<Map<String, Object>> validators = new ArrayList<>();
        Runnable typeProperties = switch (x.type()) {
            case SINGLE_CHOICE, RANKING -> () -> e.put("choices", choices(x, languages));
            case MULTIPLE_CHOICE ->
                () -> {
                    e.put("choices", choices(x, languages));
                    put(
                            e,
                            "minSelectedChoices",
                            x.min() == null ? null : x.min().intValue());
                    put(
                            e,
                            "maxSelectedChoices",
                            x.max() == null ? null : x.max().intValue());
                    if (x.min() != null || x.max() != null) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("type", "answercount");
                        put(v, "minCount", x.min() == null ? null : x.min().intValue());
                        put(v, "maxCount", x.max() == null ? null : x.max().intValue());
                        validators.add(v);
                    }
                };
            case SCALE ->
                () -> {
                    e.put("rateMin", x.scaleMin());
                    e.put("rateMax", x.scaleMax());
                    put(e, "minRateDescription", loc(x.minLabel(), languages));
                    put(e, "maxRateDescription", loc(x.maxLabel(), languages));
                };
            case NUMBER ->
                () -> {
                    e.put("inputType", "number");
                    put(e, "min", x.min());
                    put(e, "max", x.max());
                    if (x.min() != null || x.max() != null) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("type", "numeric");
                        put(v, "minValue", x.min());
                        put(v, "maxValue", x.max());
                        validators.add(v);
                    }
                    if (Boolean.TRUE.equals(x.integer())) {
                        e.put("step", 1);
                        validators.add(Map.of("type", "regex", "regex", INTEGER));
                    }
                };
            case TEXT ->
                () -> {
                    e.put("maxLength", x.textMaxLength());
                    validators.add(Map.of("type", "text", "maxLength", x.textMaxLength()));
                };
            case PWE ->
                () -> {
                    if (stock) {
                        StockSurveyJs.pweChoices(e, x, languages);
                    } else {
                        e.put("pwe", pweBlock(x.pwe(), languages));
                    }
                };
        };
        typeProperties.run();
        if (x.type() == QuestionType.RANKING && x.min() != null) {
            e.put("selectToRankEnabled", true);
            e.put("minSelectedChoices", x.min().intValue());
        }
        if (!validators.isEmpty()) {
            e.put("validators", validators);
        }
        return e;
    }

    static final String INTEGER = "^-?\\d+$";

    private static List<Object> choices(Question x, List<String> languages) {
        List<Object> out = new ArrayList<>();
        for (Option o : x.optionsOrEmpty()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("value", o.value());
            put(c, "text", loc(o.text(), languages));
            out.add(c);
        }
        return out;
    }

    private static Map<String, Object> pweBlock(PweBlock b, List<String> languages) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> options = new ArrayList<>();
        for (PweOption o : b.optionsOrEmpty()) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("id", o.id());
            put(om, "text", loc(o.text(), languages));
            put(om, "description", loc(o.description(), languages));
            put(om, "pros", locList(o.pros(), languages));
            put(om, "cons", locList(o.cons(), languages));
            put(om, "effects", locList(o.effects(), languages));
            om.put("cost", o.cost());
            put(om, "resources", o.resources());
            options.add(om);
        }
        m.put("options", options);
        PweConstraint c = b.constraint();
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("type", c.type());
        put(cm, "budget", c.budget());
        put(cm, "allowUnspent", c.allowUnspent());
        put(cm, "target", c.target());
        put(cm, "quantity", c.quantity());
        m.put("constraint", cm);
        put(m, "resourceLimits", b.resourceLimits());
        put(m, "minOptions", b.minOptions());
        put(m, "maxOptions", b.maxOptions());
        put(m, "exclusiveGroups", b.exclusiveGroups());
        put(m, "requiredTogether", b.requiredTogether());
        put(
                m,
                "requires",
                b.requires() == null
                        ? null
                        : b.requires().stream()
                                .map(r -> Map.of("option", r.option(), "requires", r.requires()))
                                .toList());
        m.put("optionMotivation", b.optionMotivationMode());
        m.put("overallMotivation", b.overallMotivationMode());
        m.put("motivationMaxLength", b.motivationLimit());
        return m;
    }

    static Object loc(Map<String, String> texts, List<String> languages) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        String def = languages.get(0);
        if (texts.size() == 1 && texts.containsKey(def)) {
            return texts.get(def);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "default", texts.get(def));
        texts.forEach((lang, text) -> {
            if (!lang.equals(def)) {
                m.put(lang, text);
            }
        });
        return m;
    }

    private static List<Object> locList(List<Map<String, String>> texts, List<String> languages) {
        return texts == null ? null : texts.stream().map(t -> loc(t, languages)).toList();
    }

    static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    // ---------------------------------------------------------------- import

    /**
     * Reads a SurveyJS survey. Display-only properties (colCount, placeholder, ...) are ignored; anything
     * that would change what an answer may be and that we cannot enforce is refused.
     */
    public static Questionnaire fromSurvey(Map<String, Object> survey, List<String> languages) {
        List<Violation> v = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        List<?> pages = survey.get("pages") instanceof List<?> l
                ? l
                : survey.get("elements") instanceof List<?> els
                        ? List.of(Map.of("name", "page1", "elements", els))
                        : null;
        if (pages == null) {
            throw new ImportException(
                    List.of(new Violation("pages", "surveyjs", "a survey needs pages (or elements)")));
        }
        for (int p = 0; p < pages.size(); p++) {
            if (!(pages.get(p) instanceof Map<?, ?> page) || !(page.get("elements") instanceof List<?> elements)) {
                v.add(new Violation("pages[" + p + "]", "surveyjs", "a page needs elements"));
                continue;
            }
            String pageName = page.get("name") instanceof String n
                            && QuestionnaireRules.ID.matcher(n).matches()
                    ? n
                    : "page" + (p + 1);
            for (int i = 0; i < elements.size(); i++) {
                String f = "pages[" + p + "].elements[" + i + "]";
                if (!(elements.get(i) instanceof Map<?, ?> raw)) {
                    v.add(new Violation(f, "surveyjs", "an element is an object"));
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) raw;
                try {
                    questions.add(question(e, pageName, languages, f, v));
                } catch (RuntimeException ex) {
                    v.add(new Violation(f, "surveyjs", ex.getMessage()));
                }
            }
        }
        if (!v.isEmpty()) {
            throw new ImportException(v);
        }
        return new Questionnaire(questions);
    }

    private static Question question(
            Map<String, Object> e, String page, List<String> languages, String f, List<Violation> v) {
        String type = String.valueOf(e.get("type"));
        String name = e.get("name") instanceof String s ? s : null;
        if (name == null || !QuestionnaireRules.ID.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a letter, then up to 63 letters, digits, '-' or '_'");
        }
        QuestionType qt = switch (type) {
            case "radiogroup", "dropdown" -> QuestionType.SINGLE_CHOICE;
            case "checkbox", "tagbox" -> QuestionType.MULTIPLE_CHOICE;
            case "rating" -> QuestionType.SCALE;
            case "text" -> "number".equals(e.get("inputType")) ? QuestionType.NUMBER : QuestionType.TEXT;
            case "comment" -> QuestionType.TEXT;
            case "ranking" -> QuestionType.RANKING;
            case "pwe" -> QuestionType.PWE;
            default ->
                throw new IllegalArgumentException(
                        "element type '" + type
                                + "' is not supported (radiogroup, dropdown, checkbox, tagbox, rating, text, comment, ranking, pwe)");
        };
        if ("text".equals(type)
                && e.get("inputType") != null
                && !Set.of("number", "text").contains(e.get("inputType"))) {
            throw new IllegalArgumentException(
                    "inputType '" + e.get("inputType") + "' is not supported (text or number)");
        }
        if ("rating".equals(type) && (e.get("rateValues") != null || e.get("rateCount") != null)) {
            throw new IllegalArgumentException(
                    "rating with rateValues/rateCount is not supported: use rateMin and rateMax");
        }
        Map<String, String> title =
                e.get("title") == null ? Map.of(languages.get(0), name) : texts(e.get("title"), languages);
        Double min = number(e.get(
                switch (qt) {
                    case SCALE -> "rateMin";
                    case MULTIPLE_CHOICE, RANKING -> "minSelectedChoices";
                    case SINGLE_CHOICE, NUMBER, TEXT, PWE -> "min";
                }));
        Double max = number(e.get(
                switch (qt) {
                    case SCALE -> "rateMax";
                    case MULTIPLE_CHOICE -> "maxSelectedChoices";
                    case SINGLE_CHOICE, NUMBER, TEXT, RANKING, PWE -> "max";
                }));
        Integer maxLength =
                e.get("maxLength") == null ? null : number(e.get("maxLength")).intValue();
        Boolean integer = null;
        if (e.get("validators") instanceof List<?> validators) {
            for (Object o : validators) {
                if (!(o instanceof Map<?, ?> val)) {
                    throw new IllegalArgumentException("a validator is an object");
                }
                switch (String.valueOf(val.get("type"))) {
                    case "numeric" -> {
                        min = val.get("minValue") == null ? min : number(val.get("minValue"));
                        max = val.get("maxValue") == null ? max : number(val.get("maxValue"));
                    }
                    case "answercount" -> {
                        min = val.get("minCount") == null ? min : number(val.get("minCount"));
                        max = val.get("maxCount") == null ? max : number(val.get("maxCount"));
                    }
                    case "text" ->
                        maxLength = val.get("maxLength") == null
                                ? maxLength
                                : number(val.get("maxLength")).intValue();
                    case "regex" -> {
                        if (!INTEGER.equals(val.get("regex")) || qt != QuestionType.NUMBER) {
                            throw new IllegalArgumentException(
                                    "only the whole-number regex " + INTEGER + " on a number is supported");
                        }
                        integer = true;
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "validator '" + val.get("type") + "' is not supported (numeric, answercount, text)");
                }
            }
        }
        if (qt == QuestionType.NUMBER && number(e.get("step")) != null && number(e.get("step")) == 1) {
            integer = true;
        }
        boolean hasMin = switch (qt) {
            case MULTIPLE_CHOICE, RANKING, SCALE, NUMBER -> true;
            case SINGLE_CHOICE, TEXT, PWE -> false;
        };
        boolean hasMax = switch (qt) {
            case MULTIPLE_CHOICE, SCALE, NUMBER -> true;
            case SINGLE_CHOICE, RANKING, TEXT, PWE -> false;
        };
        boolean hasMaxLength = switch (qt) {
            case TEXT -> true;
            case SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, NUMBER, RANKING, PWE -> false;
        };
        if (!hasMin) {
            min = null;
        }
        if (!hasMax) {
            max = null;
        }
        if (!hasMaxLength) {
            maxLength = null;
        }
        List<Option> options = null;
        if (qt.hasOptions()) {
            options = new ArrayList<>();
            if (!(e.get("choices") instanceof List<?> choices)) {
                throw new IllegalArgumentException("choices are required");
            }
            for (Object c : choices) {
                if (c instanceof Map<?, ?> cm) {
                    String value = String.valueOf(cm.get("value"));
                    options.add(new Option(
                            value,
                            cm.get("text") == null
                                    ? Map.of(languages.get(0), value)
                                    : texts(cm.get("text"), languages)));
                } else {
                    options.add(new Option(String.valueOf(c), Map.of(languages.get(0), String.valueOf(c))));
                }
            }
        }
        Condition visibleIf = condition(e.get("visibleIf"), f + ".visibleIf", v);
        Condition requiredIf = condition(e.get("requiredIf"), f + ".requiredIf", v);
        PweBlock pwe = qt == QuestionType.PWE ? pwe(e.get("pwe"), languages) : null;
        return new Question(
                name,
                qt,
                page,
                title,
                e.get("description") == null ? null : texts(e.get("description"), languages),
                e.get("askedBy") instanceof String s ? s : null,
                Boolean.TRUE.equals(e.get("isRequired")) ? true : null,
                requiredIf,
                visibleIf,
                options,
                min,
                max,
                integer,
                maxLength,
                qt == QuestionType.SCALE && e.get("minRateDescription") != null
                        ? texts(e.get("minRateDescription"), languages)
                        : null,
                qt == QuestionType.SCALE && e.get("maxRateDescription") != null
                        ? texts(e.get("maxRateDescription"), languages)
                        : null,
                pwe);
    }

    private static Condition condition(Object expression, String f, List<Violation> v) {
        if (expression == null) {
            return null;
        }
        try {
            return SurveyJsExpressions.parse(String.valueOf(expression));
        } catch (IllegalArgumentException ex) {
            v.add(new Violation(f, "expression", ex.getMessage()));
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static PweBlock pwe(Object raw, List<String> languages) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("a pwe element needs its pwe block");
        }
        List<PweOption> options = new ArrayList<>();
        if (m.get("options") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> om = (Map<String, Object>) o;
                Map<String, Double> resources = null;
                if (om.get("resources") instanceof Map<?, ?> r) {
                    resources = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> re : r.entrySet()) {
                        resources.put(String.valueOf(re.getKey()), number(re.getValue()));
                    }
                }
                options.add(new PweOption(
                        (String) om.get("id"),
                        texts(om.get("text"), languages),
                        om.get("description") == null ? null : texts(om.get("description"), languages),
                        textList(om.get("pros"), languages),
                        textList(om.get("cons"), languages),
                        textList(om.get("effects"), languages),
                        number(om.get("cost")),
                        resources));
            }
        }
        Map<String, Object> c = m.get("constraint") instanceof Map<?, ?> cm ? (Map<String, Object>) cm : Map.of();
        PweConstraint constraint = new PweConstraint(
                (String) c.get("type"),
                number(c.get("budget")),
                (Boolean) c.get("allowUnspent"),
                number(c.get("target")),
                (String) c.get("quantity"));
        Map<String, Double> limits = null;
        if (m.get("resourceLimits") instanceof Map<?, ?> rl) {
            limits = new LinkedHashMap<>();
            for (Map.Entry<?, ?> re : rl.entrySet()) {
                limits.put(String.valueOf(re.getKey()), number(re.getValue()));
            }
        }
        return new PweBlock(
                options,
                constraint,
                limits,
                integer(m.get("minOptions")),
                integer(m.get("maxOptions")),
                (List<List<String>>) m.get("exclusiveGroups"),
                (List<List<String>>) m.get("requiredTogether"),
                requires(m.get("requires")),
                (String) m.get("optionMotivation"),
                (String) m.get("overallMotivation"),
                integer(m.get("motivationMaxLength")));
    }

    /** {@code [{"option":"o6","requires":"o2"}]}: the one-way dependencies of a PWE block. */
    private static List<nl.meedoen.consultation.pwe.PweRequirement> requires(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("requires is a list of {option, requires}");
        }
        return list.stream()
                .map(r -> {
                    if (!(r instanceof Map<?, ?> rm)
                            || !(rm.get("option") instanceof String option)
                            || !(rm.get("requires") instanceof String required)) {
                        throw new IllegalArgumentException("requires is a list of {option, requires}");
                    }
                    return new nl.meedoen.consultation.pwe.PweRequirement(option, required);
                })
                .toList();
    }

    private static List<Map<String, String>> textList(Object raw, List<String> languages) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("pros, cons and effects are lists of texts");
        }
        return list.stream().map(t -> texts(t, languages)).toList();
    }

    /** A SurveyJS localisable string: a plain string (the default language) or {default, en, ...}; other languages are dropped. */
    private static Map<String, String> texts(Object raw, List<String> languages) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw instanceof String s) {
            out.put(languages.get(0), s);
        } else if (raw instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String lang = "default".equals(e.getKey()) ? languages.get(0) : String.valueOf(e.getKey());
                if (languages.contains(lang) && e.getValue() != null) {
                    out.putIfAbsent(lang, String.valueOf(e.getValue()));
                }
            }
        } else if (raw != null) {
            throw new IllegalArgumentException("a text is a string or {default, <language>: ...}");
        }
        return out;
    }

    private static Double number(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("'" + raw + "' is not a number");
    }

    private static Integer integer(Object raw) {
        Double d = number(raw);
        return d == null ? null : d.intValue();
    }
}
