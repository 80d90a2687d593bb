package nl.meedoen.consultation;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-cutting promises: every operation documented and guarded, caller mistakes never a 500. */
@QuarkusTest
class ApiContractTest {

    @Test
    void everyOperationHasASummaryTagsAndItsErrorResponses() {
        JsonNode doc = Api.read(given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                if (o.path("summary").asText().isBlank() || o.path("tags").isEmpty()) {
                    problems.add(name + ": summary or tags missing");
                }
                if (!o.path("responses").has("401")) {
                    problems.add(name + ": no 401 response");
                }
                boolean tokenOperation = path.getKey().contains("/respondent/");
                if (!tokenOperation && !o.path("responses").has("403")) {
                    problems.add(name + ": no 403 response");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Management operations: no token → 401, a survey frontend → 403 (before any lookup, so any id will do). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "POST /",
                "PUT /{id}",
                "PUT /{id}/schedule",
                "PUT /{id}/statement",
                "POST /{id}/alignment",
                "POST /{id}/open",
                "POST /{id}/close",
                "POST /{id}/results/publish",
                "PUT /{id}/questionnaire",
                "GET /{id}/questionnaire",
                "GET /{id}/invitations/counts",
                "POST /{id}/reminders",
                "GET /{id}/exports/responses.csv",
                "GET /{id}/exports/portchoice.csv",
                "GET /{id}/exports/pabulib.pb",
                "POST /{id}/exports",
                "PUT /{id}/questionnaire/surveyjs",
                "POST /{id}/feedback",
                "GET /{id}",
                "PUT /{id}/corporation-access",
                "DELETE /{id}/corporation-access",
                "POST /{id}/statement/signatures",
                "POST /{id}/paper-responses",
                "GET /{id}/paper-forms/blank",
                "POST /{id}/paper-forms",
                "GET /{id}/paper-forms/4f0e2a8c-1b7d-4c1e-9a55-0d3c6b2e7f10"
            })
    void managementNeedsAToken(String operation) {
        String[] parts = operation.split(" ");
        String path = BASE
                + parts[1].replace("{id}", java.util.UUID.randomUUID().toString())
                        .replaceAll("/$", "");
        given().contentType(ContentType.JSON)
                .body("{}")
                .request(parts[0], path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body("{}")
                .request(parts[0], path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    /** Advice trajectories: no token → 401, a survey frontend → 403 (before any lookup). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "POST /",
                "GET /overview",
                "GET /{id}",
                "PUT /{id}/links",
                "POST /{id}/preparation",
                "POST /{id}/advice",
                "POST /{id}/response",
                "POST /{id}/close"
            })
    void adviceTrajectoriesNeedATokenAndAParty(String operation) {
        String[] parts = operation.split(" ");
        String path = "/api/v1/advice-trajectories"
                + parts[1].replace("{id}", java.util.UUID.randomUUID().toString())
                        .replaceAll("/$", "");
        given().contentType(ContentType.JSON)
                .body("{}")
                .request(parts[0], path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body("{}")
                .request(parts[0], path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    /** Not the expected JSON (wrong types, unknown properties, unknown enum values): 400, never 500. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"questions\":[{\"id\":\"a\",\"type\":\"QUIZ\",\"text\":{\"nl\":\"?\"}}]}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"TEXT\",\"text\":{\"nl\":\"?\"},\"maxLength\":99999999999}]}",
                "{\"questions\":\"none\"}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"TEXT\",\"text\":{\"nl\":\"?\"},\"colour\":\"red\"}]}"
            })
    void aMalformedQuestionnaireIsA400NeverA500(String questionnaire) {
        String id = Api.create(as("corporation"), Api.consultation("PWE", Api.list(List.of("T-nobody"))));
        Api.putQuestionnaire(as("corporation"), id, questionnaire)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** Well-formed, but breaking a rule of the questionnaire: 422 naming the field, never 500. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"questions\":[null]}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"SCALE\",\"text\":{\"nl\":\"?\"},\"min\":0.5,\"max\":1e400}]}",
                "{\"questions\":[{\"id\":\"a\"}]}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"TEXT\",\"text\":{\"nl\":\"?\"}},{\"id\":\"b\",\"type\":\"TEXT\",\"text\":{\"nl\":\"?\"},\"visibleIf\":{\"question\":\"a\",\"op\":\"in\",\"value\":[{\"x\":1}]}}]}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"TEXT\",\"text\":{\"nl\":\"?\"},\"visibleIf\":{\"all\":[]}}]}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"TEXT\",\"text\":{\"nl\":\"?\"},\"visibleIf\":{\"not\":{\"not\":{\"question\":\"a\",\"op\":\"answered\"}}}}]}",
                "{\"questions\":[{\"id\":\"p\",\"type\":\"PWE\",\"text\":{\"nl\":\"?\"},\"pwe\":{}}]}",
                "{\"questions\":[{\"id\":\"p\",\"type\":\"PWE\",\"text\":{\"nl\":\"?\"},\"pwe\":{\"options\":[null,{\"id\":\"x\"}],\"constraint\":{\"type\":\"TARGET\"}}}]}",
                "{\"questions\":[{\"id\":\"p\",\"type\":\"PWE\",\"text\":{\"nl\":\"?\"},\"pwe\":{\"options\":[],\"exclusiveGroups\":[null,[\"a\"]],\"constraint\":{\"type\":\"BUDGET\",\"budget\":-1}}}]}",
                "{\"questions\":[{\"id\":\"a\",\"type\":\"SINGLE_CHOICE\",\"text\":{\"nl\":\"?\"},\"options\":[{\"value\":null},{}]}]}",
                "{\"questions\":[{\"id\":\"p\",\"type\":\"PWE\",\"text\":{\"nl\":\"?\"},\"pwe\":{\"requires\":[null,{\"option\":\"x\"}]}}]}"
            })
    void aQuestionnaireBreakingARuleIsA422NamingTheField(String questionnaire) {
        String id = Api.create(as("corporation"), Api.consultation("PWE", Api.list(List.of("T-nobody"))));
        Api.putQuestionnaire(as("corporation"), id, questionnaire)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.startsWith("questions"));
    }
}
