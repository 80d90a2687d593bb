package nl.meedoen.consultation.export;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.respondent;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.meedoen.consultation.Api;
import org.junit.jupiter.api.Test;

/** The stock flavour of the SurveyJS export: what stock SurveyJS renders, and its answers taken by the same rules. */
@QuarkusTest
class StockSurveyJsTest {

    /** The element types SurveyJS 2 knows without any registration (survey-core's question and panel classes). */
    static final Set<String> STOCK_TYPES = Set.of(
            "text",
            "comment",
            "checkbox",
            "radiogroup",
            "dropdown",
            "tagbox",
            "boolean",
            "rating",
            "ranking",
            "imagepicker",
            "image",
            "html",
            "expression",
            "file",
            "signaturepad",
            "matrix",
            "matrixdropdown",
            "matrixdynamic",
            "multipletext",
            "panel",
            "paneldynamic",
            "slider",
            "empty");

    /** Api.PWE with who asks each question (as when the parties disagreed) and a question shown only for football. */
    static final String PWE_ASKED_BY = Api.PWE
            .replace("{\"id\":\"age\",", "{\"id\":\"age\",\"askedBy\":\"corporation\",")
            .replace(
                    "{\"id\":\"plan\",",
                    "{\"id\":\"plan\",\"askedBy\":\"tenant-organisation\",\"help\":{\"nl\":\"Het budget is van u\"},")
            .replace(
                    "]}}]}",
                    "]}},{\"id\":\"whyFootball\",\"type\":\"TEXT\",\"text\":{\"nl\":\"Waarom voetbal?\"},"
                            + "\"visibleIf\":{\"question\":\"plan\",\"op\":\"contains\",\"value\":\"football\"}}]}");

    @Test
    void theStockExportHasOnlyStockElementsWithTheAskerAndThePweRulesInTheDescriptions() {
        String id = Api.ready("PWE", PWE_ASKED_BY, Api.list(List.of("T-nobody")), "ANONYMOUS");
        Response export = as("corporation")
                .queryParam("flavour", "stock")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .extract()
                .response();
        List<Map<String, Object>> elements = export.jsonPath().getList("pages.elements.flatten()");
        Map<String, Map<String, Object>> byName =
                elements.stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
        for (Map<String, Object> e : elements) {
            assertTrue(STOCK_TYPES.contains(e.get("type")), e.get("name") + " is a " + e.get("type"));
            assertFalse(e.containsKey("askedBy") || e.containsKey("pwe"), "no custom property on " + e.get("name"));
        }
        assertEquals(
                List.of(
                        "age",
                        "plan",
                        "plan:motivation:playground",
                        "plan:motivation:football",
                        "plan:motivation:benches",
                        "plan:motivation:bins",
                        "plan:motivation",
                        "whyFootball"),
                elements.stream().map(e -> e.get("name")).toList());
        assertEquals(
                Map.of("default", "Vraag van de corporatie", "en", "Asked by the housing corporation"),
                byName.get("age").get("description"));
        Map<?, ?> plan = byName.get("plan");
        assertEquals("checkbox", plan.get("type"));
        String dutch = (String) ((Map<?, ?>) plan.get("description")).get("default");
        String english = (String) ((Map<?, ?>) plan.get("description")).get("en");
        assertTrue(dutch.startsWith("Vraag van de huurdersorganisatie — Het budget is van u\nBudget: 100."), dutch);
        for (String rule : List.of(
                "Kies 1 tot 3 opties.",
                "Hoogstens één van: Speeltuin, Voetbalveldje.",
                "Alleen samen: Bankjes, Afvalbakken.",
                "Speeltuin: Voordelen: Voor kinderen. Nadelen: Lawaai. Gevolgen: Meer spelen.",
                "Bij het versturen controleren wij deze regels.")) {
            assertTrue(dutch.contains(rule), rule + " in " + dutch);
        }
        assertTrue(english.startsWith("Asked by the tenant organisation — Het budget is van u\nBudget: 100."), english);
        assertEquals(
                Map.of("default", "Speeltuin (kost 60)", "en", "Playground (costs 60)"),
                ((Map<?, ?>) ((List<?>) plan.get("choices")).get(0)).get("text"));
        assertEquals(3, plan.get("maxSelectedChoices"));
        assertEquals(
                "{plan} contains 'football'",
                byName.get("plan:motivation:football").get("visibleIf"));
        assertEquals("{plan} contains 'football'", byName.get("whyFootball").get("visibleIf"));
        assertEquals("comment", byName.get("plan:motivation").get("type"));

        as("corporation")
                .queryParam("flavour", "plain")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("flavour"));
        as("corporation")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("pages[0].elements[1].type", equalTo("pwe"))
                .body("pages[0].elements[1].askedBy", equalTo("tenant-organisation"));
    }

    @Test
    void theStockFormAddsItsWordsInTurkishArabicAndPolishToo() {
        String ref = Api.prefix() + "-l";
        Map<String, Object> body = Api.consultation("PWE", Api.list(List.of(ref)));
        body.put("languages", List.of("nl", "en", "tr", "ar", "pl"));
        String id = Api.create(as("corporation"), body);
        Api.putQuestionnaire(as("corporation"), id, PWE_ASKED_BY).then().statusCode(200);
        Api.putStatement(as("corporation"), id);
        Response export = as("corporation")
                .queryParam("flavour", "stock")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .extract()
                .response();
        Map<String, Map<String, Object>> byName =
                export.jsonPath().<Map<String, Object>>getList("pages.elements.flatten()").stream()
                        .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
        Map<?, ?> asker = (Map<?, ?>) byName.get("age").get("description");
        assertEquals("Konut kuruluşunun sorusu", asker.get("tr"));
        assertEquals("سؤال من مؤسسة الإسكان", asker.get("ar"));
        assertEquals("Pytanie towarzystwa mieszkaniowego", asker.get("pl"));
        Map<?, ?> plan = (Map<?, ?>) byName.get("plan").get("description");
        // the rules in each language, the amounts in Western digits in Arabic too
        assertTrue(((String) plan.get("tr")).startsWith("Kiracı örgütünün sorusu — Het budget is van u\nBütçe: 100."));
        assertTrue(((String) plan.get("ar")).contains("الميزانية: 100."), (String) plan.get("ar"));
        assertTrue(((String) plan.get("pl")).contains("Proszę wybrać od 1 do 3 opcji."), (String) plan.get("pl"));
        assertTrue(((String) plan.get("pl")).endsWith("Te zasady sprawdzamy przy wysyłaniu."), (String) plan.get("pl"));
        assertEquals(
                "Speeltuin (maliyeti 60)",
                ((Map<?, ?>) ((Map<?, ?>) ((List<?>) byName.get("plan").get("choices")).get(0)).get("text")).get("tr"));
        assertEquals(
                "لماذا تختارون Speeltuin؟",
                ((Map<?, ?>) byName.get("plan:motivation:playground").get("title")).get("ar"));

        String token = Api.openAndCollectTokens(id, List.of(ref)).get(ref);
        respondent(token)
                .queryParam("flavour", "stock")
                .queryParam("lang", "ar")
                .get(BASE + "/respondent/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("locale", equalTo("ar"))
                .body("pages[0].elements[0].description.ar", equalTo("سؤال من مؤسسة الإسكان"))
                .body("pages[0].elements[1].description.ar", containsString("نتحقق من هذه القواعد عند الإرسال."));
    }

    @Test
    void aStockFormsAnswersAreCheckedByThePweRulesAndStoredAsAPortfolio() {
        List<String> refs = List.of(Api.prefix() + "-s");
        String id = Api.ready("PWE", PWE_ASKED_BY, Api.list(refs), "PSEUDONYMOUS");
        String token = Api.openAndCollectTokens(id, refs).get(refs.get(0));
        List<String> types = respondent(token)
                .queryParam("flavour", "stock")
                .queryParam("lang", "en")
                .get(BASE + "/respondent/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("pages[0].elements[0].description.en", equalTo("Asked by the housing corporation"))
                .extract()
                .jsonPath()
                .getList("pages.elements.flatten().type");
        assertTrue(STOCK_TYPES.containsAll(types), types.toString());

        // over budget (60 + 50), and the two exclude each other: refused, naming the stock form's checkbox
        stock(token, "{\"age\":\"young\",\"plan\":[\"playground\",\"football\"]}")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/response-invalid"))
                .body("errors.field", hasItem("answers.plan"))
                .body("errors.find { it.message.startsWith('budget') }.field", equalTo("answers.plan"))
                .body("errors.message", hasItem(startsWith("exclusive-group")));
        // a motivation for an option not chosen is refused on the comment that holds it
        stock(token, "{\"plan\":[\"benches\",\"bins\"],\"plan:motivation:football\":\"Voetbal!\"}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("answers.plan:motivation:football"))
                .body("errors[0].message", startsWith("motivation-not-chosen"));
        // the custom shape is no stock answer
        stock(token, "{\"plan\":{\"chosen\":[\"benches\",\"bins\"]}}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("answers.plan"));
        respondent(token)
                .contentType(ContentType.JSON)
                .queryParam("flavour", "plain")
                .body("{\"answers\":{\"plan\":[\"bins\"]}}")
                .post(BASE + "/respondent/response")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("flavour"));

        // nothing was stored: the same invitation still answers, within budget, with motivations
        stock(
                        token,
                        "{\"age\":\"young\",\"plan\":[\"playground\",\"benches\",\"bins\"],"
                                + "\"plan:motivation:playground\":\"Voor de kinderen\",\"plan:motivation\":\"Een goed plan\"}")
                .then()
                .statusCode(201)
                .body("status", equalTo("SUBMITTED"));
        List<String> rows = List.of(as("corporation")
                .get(BASE + "/" + id + "/exports/portchoice.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .split("\r\n"));
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).endsWith(",1,0,1,1,60,50,20,10,100,90"), rows.toString());
        String responses = as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(responses.contains("Voor de kinderen") && responses.contains("Een goed plan"), responses);
        stock(token, "{\"plan\":[\"bins\",\"benches\"]}").then().statusCode(409);
    }

    @Test
    void theOpenApiDocumentNamesTheFlavourWhereverItIsTaken() {
        JsonNode paths = Api.read(given().accept("application/json")
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .path("paths");
        for (JsonNode operation : List.of(
                paths.path("/api/v1/consultations/{id}/questionnaire/surveyjs").path("get"),
                paths.path("/api/v1/consultations/respondent/questionnaire/surveyjs")
                        .path("get"),
                paths.path("/api/v1/consultations/respondent/response").path("post"))) {
            JsonNode flavour = null;
            for (JsonNode parameter : operation.path("parameters")) {
                if ("flavour".equals(parameter.path("name").asText())) {
                    flavour = parameter;
                }
            }
            assertTrue(flavour != null, "?flavour= documented on " + operation.path("summary"));
            assertEquals("query", flavour.path("in").asText());
            assertEquals(
                    "[\"custom\",\"stock\"]",
                    flavour.path("schema").path("enum").toString());
            assertEquals("custom", flavour.path("schema").path("default").asText());
            assertTrue(
                    operation
                            .path("responses")
                            .path("400")
                            .path("description")
                            .asText()
                            .contains("flavour"),
                    "400 for an unknown flavour on " + operation.path("summary"));
        }
    }

    private static Response stock(String token, String answers) {
        return respondent(token)
                .contentType(ContentType.JSON)
                .queryParam("flavour", "stock")
                .body("{\"answers\":" + answers + "}")
                .post(BASE + "/respondent/response");
    }
}
