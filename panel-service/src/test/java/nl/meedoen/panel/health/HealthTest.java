package nl.meedoen.panel.health;

import static nl.meedoen.panel.PanelTests.anonymous;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.consultationEvent;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.record;
import static nl.meedoen.panel.PanelTests.signedTheme;
import static nl.meedoen.panel.PanelTests.tenants;
import static nl.meedoen.panel.PanelTests.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void healthComparesCompositionResponsesAndChurnAndAdvisesWhomToRecruit() {
        // a population of its own age bands: 60 "a", 40 "b" (plus whatever else the population holds)
        String a = unique("a");
        String b = unique("b");
        List<String> popA = tenants(unique("PA"), 60, a, "SINGLE");
        List<String> popB = tenants(unique("PB"), 40, b, "SINGLE");
        String panel = panel(20, ",\"targetComposition\":{\"ageBand\":{\"%s\":0.5,\"%s\":0.5}}".formatted(a, b));
        List<String> members = new ArrayList<>(popA.subList(0, 10));
        members.addAll(popB.subList(0, 2));
        record(panel, members);
        String theme = signedTheme(panel, "Wonen");
        String consultation = UUID.randomUUID().toString();
        String wave = as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":12}".formatted(consultation, theme))
                .post("/api/v1/panels/" + panel + "/waves")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        for (String ref : popA.subList(0, 6)) {
            consultationEvent(
                    ConsultationEventV1.PARTICIPATION_RECORDED,
                    consultation,
                    panel,
                    wave,
                    ref,
                    "PSEUDONYMOUS",
                    null,
                    null);
        }
        consultationEvent(
                ConsultationEventV1.PARTICIPATION_RECORDED,
                consultation,
                panel,
                wave,
                popB.get(0),
                "PSEUDONYMOUS",
                null,
                null);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get("/api/v1/panels/" + panel + "/waves/" + wave)
                        .then()
                        .body("responses.responded", equalTo(7)));
        as("corporation")
                .post("/api/v1/panels/" + panel + "/members/" + popA.get(9) + "/leave")
                .then()
                .statusCode(200);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/" + panel + "/members/" + popA.get(8) + "/pause")
                .then()
                .statusCode(200);

        JsonPath h = as("tenant-organisation")
                .get("/api/v1/panels/" + panel + "/health")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(20, h.getInt("targetSize"));
        assertEquals(Map.of("ACTIVE", 10, "LEFT", 1, "PAUSED", 1), h.getMap("members"));
        // composition: 8 active "a" and 2 "b" against a 50/50 target and a 60/40 population
        Map<String, Object> compA = row(h, "composition[0].values", a);
        assertEquals(8, compA.get("members"));
        assertEquals(0.8, ((Number) compA.get("memberShare")).doubleValue(), 1e-9);
        assertEquals(0.5, ((Number) compA.get("targetShare")).doubleValue(), 1e-9);
        assertEquals(60, compA.get("population"));
        assertEquals(0.3, ((Number) compA.get("gap")).doubleValue(), 1e-9);
        assertEquals("EXPLICIT", h.getString("composition[0].targetSource"));
        // responses per wave and per group
        assertEquals(12, h.getInt("responses.waves[0].responses.invited"));
        assertEquals(1, h.getInt("responses.waves[0].responses.cancelled"), "the member who left before responding");
        assertEquals(0.6364, h.getDouble("responses.waves[0].responses.rate"), 1e-9); // 7 of the 11 still invited
        Map<String, Object> groupA = row(h, "responses.byGroup", a);
        assertEquals(9, groupA.get("invited"));
        assertEquals(6, groupA.get("responded"));
        Map<String, Object> groupB = row(h, "responses.byGroup", b);
        assertEquals(true, groupB.get("suppressed"), "2 invited: withheld");
        assertNull(groupB.get("rate"));
        // churn
        assertEquals(1, h.getInt("churn.left.STAFF"));
        assertEquals(1, h.getInt("churn.paused.STAFF"));
        // recruitment advice: target 10 + 10; "b" has 2 active, needs 8 more; "a" has 8 active, needs 2 more
        Map<String, Object> needB = row(h, "recruitment.groups", b);
        assertEquals(10, needB.get("target"));
        assertEquals(2, needB.get("active"));
        assertEquals(8, needB.get("needed"));
        assertEquals(38, needB.get("reachable"));
        assertEquals(Map.of("ageBand", List.of(b)), needB.get("segment"));
        assertEquals(b, h.getString("recruitment.groups[0].value"), "most needed first");
        assertEquals(10, h.getInt("recruitment.activeMembers"));
        assertEquals(10, h.getInt("recruitment.shortfall"));

        // the advice is an invitation body as it stands
        String invitation = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(needB.get("invitation"))
                .toString();
        List<String> invited = as("corporation")
                .contentType(ContentType.JSON)
                .body(invitation)
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getList("invited");
        assertEquals(((Number) needB.get("suggestedInvitations")).intValue(), invited.size());
        assertTrue(popB.containsAll(invited));
    }

    @Test
    void healthIsForThePanelsPartiesAndOps() {
        String panel = panel("");
        as("ops")
                .get("/api/v1/panels/" + panel + "/health")
                .then()
                .statusCode(200)
                .body("recruitment.shortfall", equalTo(100));
        as("corporation")
                .queryParam("days", "0")
                .get("/api/v1/panels/" + panel + "/health")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("days"));
        as("corporation")
                .queryParam("days", "week")
                .get("/api/v1/panels/" + panel + "/health")
                .then()
                .statusCode(400);
        as("survey-frontend").get("/api/v1/panels/" + panel + "/health").then().statusCode(403);
        anonymous().get("/api/v1/panels/" + panel + "/health").then().statusCode(401);
        as("corporation")
                .get("/api/v1/panels/" + UUID.randomUUID() + "/health")
                .then()
                .statusCode(404);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath h, String list, String value) {
        return ((List<Map<String, Object>>) (List<?>) h.getList(list))
                .stream()
                        .filter(r -> value.equals(r.get("value")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no " + value + " in " + list));
    }
}
