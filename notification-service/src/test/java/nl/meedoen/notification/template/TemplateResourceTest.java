package nl.meedoen.notification.template;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateResourceTest {

    static String key() {
        return "custom.t" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(String html) {
        return """
                {"subject":"Over {topic}","html":"%s","text":"Beste {tenantName}, {topic}. {unsubscribeUrl}",
                 "sampleData":{"topic":"de tuin"}}""".formatted(html);
    }

    static io.restassured.response.Response save(String key, String language, String body) {
        return as("corporation")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/templates/" + key + "/" + language);
    }

    @Test
    void defaultTemplatesExistForEveryMessageKindInEveryLanguage() {
        var list = as("tenant-organisation")
                .get("/api/v1/templates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (var kind : DefaultTemplates.KINDS) {
            for (String language : DefaultTemplates.LANGUAGES) {
                org.junit.jupiter.api.Assertions.assertTrue(
                        list.getList("findAll { it.templateKey == '" + kind.key() + "' && it.language == '" + language
                                                + "' }")
                                        .size()
                                == 1,
                        kind.key() + " " + language);
            }
        }
        as("ops")
                .get("/api/v1/templates/recruitment.draw-waitlisted/en")
                .then()
                .statusCode(200)
                .body("subject", equalTo("You are on the waiting list for {campaignTitle}"))
                .body("sampleData.waitlistPosition", equalTo("3"));
    }

    @Test
    void savingMakesVersionsAndTheSameContentAgainChangesNothing() {
        String key = key();
        save(key, "nl", body("<p>{topic}</p>"))
                .then()
                .statusCode(201)
                .body("version", equalTo(1))
                .header("Location", "/api/v1/templates/" + key + "/nl");
        save(key, "nl", body("<p>{topic}</p>")).then().statusCode(200).body("version", equalTo(1));
        save(key, "nl", body("<p><b>{topic}</b></p>")).then().statusCode(201).body("version", equalTo(2));
        as("ops")
                .get("/api/v1/templates/" + key + "/nl/versions")
                .then()
                .statusCode(200)
                .body("version", hasItems(1, 2));
        as("ops").get("/api/v1/templates/" + key + "/nl").then().statusCode(200).body("version", equalTo(2));
        as("ops")
                .get("/api/v1/templates/" + key + "/en")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void unknownPlaceholdersAreRefusedAtSaveTimeNamingThePlaceholder() {
        String key = key();
        save(key, "nl", body("<p>{topik}</p>"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("html"))
                .body("detail", containsString("'topik'"));
        save(key, "nl", body("{#if topic}{secret}{/if}"))
                .then()
                .statusCode(422)
                .body("detail", containsString("'secret'"));
        save(key, "nl", body("{inject:mailer}")).then().statusCode(422).body("detail", containsString("inject"));
        save(
                        key,
                        "nl",
                        body("{#for item in topics}{item}{/for}")
                                .replace("\"topic\":\"de tuin\"", "\"topic\":\"de tuin\",\"topics\":[\"a\",\"b\"]"))
                .then()
                .statusCode(201); // loop aliases are fine
        save(key, "en", body("{#if topic}"))
                .then()
                .statusCode(422)
                .body("detail", containsString("not a valid Qute template"));
        save(key, "en", body("x").replace("\"topic\":\"de tuin\"", "\"tenantName\":\"x\""))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("sampleData.tenantName"));
        save(key, "en", "{\"subject\":\"s\",\"html\":\"h\"}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("text"));
        save(key, "english", body("x")).then().statusCode(400);
        save("Bad Key!", "nl", body("x")).then().statusCode(400);
        as("ops").get("/api/v1/templates/" + key + "/en").then().statusCode(404); // nothing half-written
    }

    @Test
    void previewRendersSampleDataEscapesHtmlAndRefusesUnknownData() {
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/templates/consultation.invitation/nl/preview")
                .then()
                .statusCode(200)
                .body("subject", equalTo("Uw mening gevraagd: Nieuwe speeltuin in de Vogelbuurt"))
                .body("text", containsString("Beste Anna de Vries,"))
                .body("html", containsString("<a href=\"https://meedoen.example/c/abc123\">"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"consultationTitle\":\"<script>x</script>\"}}")
                .post("/api/v1/templates/consultation.invitation/nl/preview")
                .then()
                .statusCode(200)
                .body("html", containsString("&lt;script&gt;"))
                .body("html", not(containsString("<script>")))
                .body("text", containsString("<script>x</script>"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"nope\":1}}")
                .post("/api/v1/templates/consultation.invitation/nl/preview")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("data.nope"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/templates/consultation.nothing/nl/preview")
                .then()
                .statusCode(404);
    }

    @Test
    void rolesAreEnforced() {
        given().get("/api/v1/templates").then().statusCode(401).contentType("application/problem+json");
        as("survey-frontend").get("/api/v1/templates").then().statusCode(403);
        for (String role : new String[] {"tenant-organisation", "ops", "survey-frontend"}) {
            as(role).contentType(ContentType.JSON)
                    .body(body("x"))
                    .put("/api/v1/templates/" + key() + "/nl")
                    .then()
                    .statusCode(403);
        }
        given().contentType(ContentType.JSON)
                .body(body("x"))
                .put("/api/v1/templates/" + key() + "/nl")
                .then()
                .statusCode(401);
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/templates/consultation.invitation/nl/preview")
                .then()
                .statusCode(403);
    }
}
