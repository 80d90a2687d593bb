package nl.meedoen.consultation.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.meedoen.consultation.Violation;
import nl.meedoen.consultation.questionnaire.AnswerRulesTest;
import nl.meedoen.consultation.questionnaire.Condition;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireRules;
import org.junit.jupiter.api.Test;

/** SurveyJS export and import as plain code. */
class SurveyJsTest {

    @Test
    void expressionsGoBothWays() {
        Condition c = Condition.allOf(List.of(
                Condition.of("kids", "equals", "yes"),
                Condition.anyOf(List.of(
                        Condition.of("howMany", "greaterOrEqual", 3L),
                        Condition.negate(Condition.of("use", "contains", "it's"))))));
        String expression = SurveyJsExpressions.write(c, Set.of());
        assertEquals("({kids} = 'yes' and ({howMany} >= 3 or !({use} contains 'it\\'s')))", expression);
        assertEquals(c, SurveyJsExpressions.parse(expression));
        assertEquals(Condition.of("q", "in", List.of("a", 2L)), SurveyJsExpressions.parse("{q} anyof ['a', 2]"));
        assertEquals(Condition.of("q", "answered", null), SurveyJsExpressions.parse("{q} notempty"));
        assertEquals(
                Condition.of("plan", "contains", "bins"), SurveyJsExpressions.parse("{plan.chosen} contains \"bins\""));
        assertEquals(Condition.negate(Condition.of("q", "equals", 1.5)), SurveyJsExpressions.parse("not {q} == 1.5"));
        assertEquals(
                "{plan.chosen} contains 'bins'",
                SurveyJsExpressions.write(Condition.of("plan", "contains", "bins"), Set.of("plan")));
        for (String unsupported :
                List.of("age({birth}) > 18", "{a} = ", "{a} between 1 and 2", "({a} = 1", "'x' = {a}", "{a} = 1 +")) {
            assertThrows(IllegalArgumentException.class, () -> SurveyJsExpressions.parse(unsupported), unsupported);
        }
    }

    @Test
    void theExampleSurveyRoundTrips() {
        List<String> languages = List.of("nl", "en");
        Map<String, Object> survey = SurveyJs.toSurvey(
                AnswerRulesTest.SURVEY, languages, Map.of("nl", "Titel", "en", "Title"), null, SurveyJsFlavour.CUSTOM);
        Questionnaire back = SurveyJs.fromSurvey(survey, languages);
        assertEquals(List.of(), QuestionnaireRules.validate(back, languages, "SURVEY"));
        assertEquals(
                SurveyJs.toSurvey(
                        AnswerRulesTest.SURVEY,
                        languages,
                        Map.of("nl", "Titel", "en", "Title"),
                        null,
                        SurveyJsFlavour.CUSTOM),
                SurveyJs.toSurvey(back, languages, Map.of("nl", "Titel", "en", "Title"), null, SurveyJsFlavour.CUSTOM));
        assertEquals(Map.of("default", "Titel", "en", "Title"), survey.get("title"));
    }

    @Test
    void anImportNamesWhatItCannotTake() {
        Map<String, Object> survey = Map.of(
                "pages",
                List.of(Map.of(
                        "name",
                        "p1",
                        "elements",
                        List.of(
                                Map.of("type", "radiogroup", "name", "a", "choices", List.of("x", "y")),
                                Map.of("type", "matrix", "name", "m"),
                                Map.of("type", "text", "name", "email", "inputType", "email"),
                                Map.of("type", "text", "name", "b", "validators", List.of(Map.of("type", "email"))),
                                Map.of("type", "comment", "name", "c", "visibleIf", "{a} between 1 and 2"),
                                Map.of("type", "checkbox", "name", "has space", "choices", List.of("x"))))));
        SurveyJs.ImportException e =
                assertThrows(SurveyJs.ImportException.class, () -> SurveyJs.fromSurvey(survey, List.of("nl")));
        List<String> fields = e.violations().stream().map(Violation::field).toList();
        assertEquals(
                List.of(
                        "pages[0].elements[1]",
                        "pages[0].elements[2]",
                        "pages[0].elements[3]",
                        "pages[0].elements[4].visibleIf",
                        "pages[0].elements[5]"),
                fields);
        assertTrue(e.violations().get(0).message().contains("matrix"));
    }

    @Test
    void plainSurveyJsImportsWithDefaults() {
        Map<String, Object> survey = Map.of(
                "elements",
                List.of(
                        Map.of(
                                "type",
                                "rating",
                                "name",
                                "r",
                                "title",
                                Map.of("default", "Cijfer", "fr", "Note"),
                                "isRequired",
                                true),
                        Map.of(
                                "type",
                                "text",
                                "name",
                                "n",
                                "inputType",
                                "number",
                                "validators",
                                List.of(Map.of("type", "numeric", "minValue", 0, "maxValue", 10))),
                        Map.of(
                                "type",
                                "checkbox",
                                "name",
                                "c",
                                "choices",
                                List.of(Map.of("value", 1, "text", "een"), Map.of("value", 2)),
                                "validators",
                                List.of(Map.of("type", "answercount", "maxCount", 1)),
                                "colCount",
                                2)));
        Questionnaire q = SurveyJs.fromSurvey(survey, List.of("nl"));
        assertEquals(Map.of("nl", "Cijfer"), q.questionsOrEmpty().get(0).text());
        assertEquals(5, q.questionsOrEmpty().get(0).scaleMax());
        assertEquals(10.0, q.questionsOrEmpty().get(1).max());
        assertEquals("1", q.questionsOrEmpty().get(2).options().get(0).value());
        assertEquals(1.0, q.questionsOrEmpty().get(2).max());
        assertEquals(List.of(), QuestionnaireRules.validate(q, List.of("nl"), "SURVEY"));
    }
}
