package nl.meedoen.consultation.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response rules as plain code: no Quarkus, no database. */
public class AnswerRulesTest {

    static Map<String, String> nl(String text) {
        return Map.of("nl", text);
    }

    static List<Option> options(String... values) {
        return java.util.Arrays.stream(values).map(v -> new Option(v, nl(v))).toList();
    }

    static Question q(
            String id,
            QuestionType type,
            Boolean required,
            Condition visibleIf,
            Condition requiredIf,
            List<Option> options,
            Double min,
            Double max) {
        return new Question(
                id,
                type,
                null,
                nl(id),
                null,
                null,
                required,
                requiredIf,
                visibleIf,
                options,
                min,
                max,
                null,
                null,
                null,
                null,
                null);
    }

    public static final Questionnaire SURVEY = new Questionnaire(List.of(
            q("kids", QuestionType.SINGLE_CHOICE, true, null, null, options("yes", "no"), null, null),
            q(
                    "howMany",
                    QuestionType.NUMBER,
                    null,
                    Condition.of("kids", "equals", "yes"),
                    Condition.of("kids", "equals", "yes"),
                    null,
                    1.0,
                    12.0),
            q("use", QuestionType.MULTIPLE_CHOICE, null, null, null, options("swings", "slide", "sandpit"), 1.0, 2.0),
            q("satisfaction", QuestionType.SCALE, null, null, null, null, 1.0, 5.0),
            new Question(
                    "remarks",
                    QuestionType.TEXT,
                    null,
                    nl("r"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    10,
                    null,
                    null,
                    null),
            q(
                    "priority",
                    QuestionType.RANKING,
                    null,
                    null,
                    Condition.of("satisfaction", "lessThan", 3),
                    options("a", "b", "c"),
                    2.0,
                    null)));

    static List<String> rules(Map<String, Object> answers, boolean complete) {
        return AnswerRules.validate(SURVEY, answers, complete).stream()
                .map(v -> v.field() + " " + v.rule())
                .toList();
    }

    static Map<String, Object> answers(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aValidResponsePasses() {
        assertEquals(
                List.of(),
                rules(
                        answers(
                                "kids",
                                "yes",
                                "howMany",
                                2,
                                "use",
                                List.of("slide"),
                                "satisfaction",
                                4,
                                "remarks",
                                "ok"),
                        true));
        assertEquals(List.of(), rules(answers("kids", "no"), true));
    }

    @Test
    void requiredAndConditionallyRequired() {
        assertEquals(List.of("answers.kids required"), rules(answers(), true));
        assertEquals(List.of("answers.howMany required"), rules(answers("kids", "yes"), true));
        assertEquals(List.of("answers.priority required"), rules(answers("kids", "no", "satisfaction", 2), true));
        assertEquals(List.of(), rules(answers("kids", "no", "satisfaction", 2, "priority", List.of("b", "a")), true));
        assertEquals(List.of(), rules(answers("kids", "yes"), false), "a draft may leave required answers out");
    }

    @Test
    void aHiddenQuestionTakesNoAnswer() {
        assertEquals(List.of("answers.howMany hidden"), rules(answers("kids", "no", "howMany", 3), true));
        assertEquals(List.of("answers.howMany hidden"), rules(answers("howMany", 3), false));
    }

    @Test
    void typesOptionsAndRanges() {
        assertEquals(List.of("answers.kids type"), rules(answers("kids", 1), true));
        assertEquals(List.of("answers.kids option"), rules(answers("kids", "maybe"), true));
        assertEquals(List.of("answers.howMany range"), rules(answers("kids", "yes", "howMany", 13), true));
        assertEquals(List.of("answers.howMany type"), rules(answers("kids", "yes", "howMany", "2"), true));
        assertEquals(
                List.of("answers.use max-choices"),
                rules(answers("kids", "no", "use", List.of("slide", "swings", "sandpit")), true));
        assertEquals(
                List.of("answers.use duplicate"), rules(answers("kids", "no", "use", List.of("slide", "slide")), true));
        assertEquals(List.of("answers.use option"), rules(answers("kids", "no", "use", List.of("pool")), true));
        assertEquals(List.of("answers.satisfaction range"), rules(answers("kids", "no", "satisfaction", 6), true));
        assertEquals(List.of("answers.satisfaction type"), rules(answers("kids", "no", "satisfaction", 3.5), true));
        assertEquals(
                List.of("answers.remarks max-length"),
                rules(answers("kids", "no", "remarks", "much too long text"), true));
        assertEquals(
                List.of("answers.priority ranking"),
                rules(answers("kids", "no", "satisfaction", 1, "priority", List.of("a")), true));
        assertEquals(List.of("answers.nope unknown-question"), rules(answers("kids", "no", "nope", 1), true));
    }

    @Test
    void conditionsCombine() {
        Map<String, Object> a = answers("kids", "yes", "howMany", 3, "use", List.of("slide", "swings"));
        assertTrue(Conditions.test(
                Condition.allOf(
                        List.of(Condition.of("kids", "equals", "yes"), Condition.of("howMany", "greaterOrEqual", 3))),
                a));
        assertTrue(Conditions.test(
                Condition.anyOf(
                        List.of(Condition.of("kids", "equals", "no"), Condition.of("use", "contains", "slide"))),
                a));
        assertTrue(Conditions.test(Condition.of("use", "in", List.of("pool", "swings")), a));
        assertTrue(Conditions.test(Condition.negate(Condition.of("howMany", "lessThan", 3)), a));
        assertTrue(Conditions.test(Condition.of("satisfaction", "notAnswered", null), a));
        assertTrue(Conditions.test(Condition.of("satisfaction", "notEquals", 3), a));
        assertEquals(
                false,
                Conditions.test(Condition.of("satisfaction", "lessThan", 3), a),
                "an unanswered question is not less than anything");
        assertEquals(false, Conditions.test(Condition.of("kids", "greaterThan", 3), a), "a text is not a number");
    }

    @Test
    void aQuestionnaireReportsEveryDefinitionProblem() {
        Questionnaire bad = new Questionnaire(List.of(
                q(
                        "a",
                        QuestionType.SINGLE_CHOICE,
                        null,
                        Condition.of("b", "equals", "x"),
                        null,
                        options("x"),
                        null,
                        null),
                q("a", QuestionType.NUMBER, null, null, null, options("x", "y"), 5.0, 1.0),
                new Question(
                        "c",
                        QuestionType.TEXT,
                        null,
                        Map.of("en", "no dutch"),
                        null,
                        "someone",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                q(
                        "d",
                        QuestionType.SINGLE_CHOICE,
                        null,
                        Condition.of("a", "equals", "nope"),
                        null,
                        options("x", "y"),
                        null,
                        null),
                q("e", QuestionType.SCALE, null, Condition.of("a", "greaterThan", "three"), null, null, 5.0, 5.0)));
        List<String> fields = QuestionnaireRules.validate(bad, List.of("nl"), "SURVEY").stream()
                .map(v -> v.field() + " " + v.rule())
                .toList();
        assertTrue(fields.contains("questions[0].visibleIf.question condition-reference"), fields.toString());
        assertTrue(fields.contains("questions[0].options options"), fields.toString());
        assertTrue(fields.contains("questions[1].id duplicate"), fields.toString());
        assertTrue(fields.contains("questions[1].options not-applicable"), fields.toString());
        assertTrue(fields.contains("questions[1].min range"), fields.toString());
        assertTrue(fields.contains("questions[2].text text"), fields.toString());
        assertTrue(fields.contains("questions[2].text.en language"), fields.toString());
        assertTrue(fields.contains("questions[2].askedBy asked-by"), fields.toString());
        assertTrue(fields.contains("questions[3].visibleIf.value condition"), fields.toString());
        assertTrue(fields.contains("questions[4].visibleIf.value condition"), fields.toString());
        assertTrue(fields.contains("questions[4].max range"), fields.toString());
    }

    @Test
    void theWholeExampleSurveyIsValid() {
        assertEquals(List.of(), QuestionnaireRules.validate(SURVEY, List.of("nl", "en"), "SURVEY"));
    }
}
