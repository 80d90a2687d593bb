package nl.meedoen.panel.theme;

import static nl.meedoen.panel.PanelTests.anonymous;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.outboxPayloads;
import static nl.meedoen.panel.PanelTests.panel;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ThemeTest {

    static String propose(String role, String panel, String title) {
        return as(role).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"description\":\"Waarom dit thema\"}")
                .post("/api/v1/panels/" + panel + "/themes")
                .then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .body("status", equalTo("PROPOSED"))
                .body("proposedByParty", equalTo(role))
                .extract()
                .jsonPath()
                .getString("id");
    }

    @Test
    void eitherPartyProposesAndOnlyTheOtherCoSigns() {
        String panel = panel("");
        String theme = propose("tenant-organisation", panel, "Geluidsoverlast");
        String path = "/api/v1/panels/" + panel + "/themes/" + theme;
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post(path + "/signature")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/proposer-cannot-cosign"));
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"eigen\"}")
                .post(path + "/decline")
                .then()
                .statusCode(403);
        as("ops")
                .contentType(ContentType.JSON)
                .body("{}")
                .post(path + "/signature")
                .then()
                .statusCode(403);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(path + "/signature")
                .then()
                .statusCode(401);
        as("corporation").get(path).then().body("status", equalTo("PROPOSED")); // nothing changed

        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\":\"Graag ook over parkeren\"}")
                .post(path + "/comments")
                .then()
                .statusCode(201);
        as("corporation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body("{\"comment\":\"Akkoord\"}")
                .post(path + "/signature")
                .then()
                .statusCode(200)
                .body("status", equalTo("SIGNED"))
                .body("decidedByParty", equalTo("corporation"))
                .body("decidedBy", equalTo("corporation-client"))
                .body("decisionComment", equalTo("Akkoord"))
                .body("decidedAt", notNullValue());
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post(path + "/signature")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/already-decided"));

        as("ops")
                .get(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("history.action", equalTo(List.of("PROPOSED", "COMMENTED", "SIGNED")))
                .body("history.party", equalTo(List.of("tenant-organisation", "corporation", "corporation")))
                .body("history[1].detail.text", equalTo("Graag ook over parkeren"));
        assertEquals(
                "corporation",
                outboxPayloads("panel.events.v1", panel, "nl.meedoen.panel.theme-signed.v1")
                        .get(0)
                        .path("decidedByParty")
                        .asText());
        assertEquals(
                "tenant-organisation",
                outboxPayloads("panel.events.v1", panel, "nl.meedoen.panel.theme-proposed.v1")
                        .get(0)
                        .path("proposedByParty")
                        .asText());
    }

    @Test
    void aDeclineIsRecordedWithItsReasonAndAChangeAsksForCoSigningAgain() {
        String panel = panel("");
        String theme = propose("corporation", panel, "Huurverhoging");
        String path = "/api/v1/panels/" + panel + "/themes/" + theme;
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post(path + "/decline")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("reason"));
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"5\"")
                .body("{}")
                .post(path + "/signature")
                .then()
                .statusCode(412);
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"Dit hoort in het formele overleg\"}")
                .post(path + "/decline")
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("decisionComment", equalTo("Dit hoort in het formele overleg"));

        String change = "{\"title\":\"Huurverhoging: uitleg en vragen\"}";
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(change)
                .put(path)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://meedoen.nl/problems/not-the-proposer"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(change)
                .put(path)
                .then()
                .statusCode(428);
        as("corporation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(change)
                .put(path)
                .then()
                .statusCode(412);
        as("corporation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(change)
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("status", equalTo("PROPOSED"))
                .body("title", equalTo("Huurverhoging: uitleg en vragen"))
                .body("decidedByParty", org.hamcrest.Matchers.nullValue());
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"2\"")
                .body("{}")
                .post(path + "/signature")
                .then()
                .statusCode(200)
                .body("status", equalTo("SIGNED"));
        as("tenant-organisation")
                .get(path)
                .then()
                .body("history.action", equalTo(List.of("PROPOSED", "DECLINED", "CHANGED", "SIGNED")))
                .body("history[1].detail.reason", equalTo("Dit hoort in het formele overleg"))
                .body("history[2].detail.from.title", equalTo("Huurverhoging"))
                .body("history[2].detail.previousStatus", equalTo("DECLINED"))
                .body("history[2].actor", equalTo("corporation-client"));
        as("corporation")
                .queryParam("subject", "theme:" + theme)
                .get("/api/v1/panels/" + panel + "/audit")
                .then()
                .statusCode(200)
                .body("items.action", equalTo(List.of("PROPOSED", "DECLINED", "CHANGED", "SIGNED")));
        as("corporation")
                .get("/api/v1/panels/" + panel + "/themes")
                .then()
                .statusCode(200)
                .body("id", hasItem(theme));
    }

    @Test
    void unknownThemesAndBadBodies() {
        String panel = panel("");
        String other = panel("");
        String foreign = propose("corporation", other, "Elders");
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/" + panel + "/themes/" + foreign + "/signature")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("corporation")
                .get("/api/v1/panels/" + panel + "/themes/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        as("corporation").get("/api/v1/panels/" + panel + "/themes/nope").then().statusCode(404);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"title\":\"\"}")
                .post("/api/v1/panels/" + panel + "/themes")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("title"));
        as("survey-frontend").get("/api/v1/panels/" + panel + "/themes").then().statusCode(403);
    }
}
