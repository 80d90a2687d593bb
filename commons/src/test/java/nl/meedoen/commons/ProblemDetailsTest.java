package nl.meedoen.commons;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.meedoen.devinfra.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemDetailsTest {

    static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role));
    }

    static long count() {
        return as("ops")
                .get("/test/notes/count")
                .then()
                .statusCode(200)
                .extract()
                .as(Long.class);
    }

    @Test
    void aRaceLostAtAUniqueConstraintIsA409ProblemNotA500() {
        String slug = "slug-" + System.nanoTime();
        as("corporation").post("/test/notes/slugs/" + slug).then().statusCode(204);
        as("corporation")
                .post("/test/notes/slugs/" + slug)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/conflict"))
                .body(not(containsString("test_slug")));
    }

    @Test
    void malformedJsonIsA400ProblemAndChangesNothing() {
        long before = count();
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\": \"hi\"")
                .post("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/malformed-json"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/test/notes"))
                .body(not(containsString("at nl.meedoen")));
        assertEquals(before, count());
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsA415ProblemAndChangesNothing() throws Exception {
        long before = count();
        // sent raw: REST Assured refuses to send a Content-Type it cannot parse
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://localhost:" + io.restassured.RestAssured.port + "/test/notes"))
                                .header("Authorization", "Bearer " + TestInfra.token("corporation"))
                                .header("Content-Type", "???")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hi"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(before, count());
    }

    @Test
    void unknownPropertiesAreRejectedNotIgnored() {
        long before = count();
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\": \"hi\", \"colour\": \"red\"}")
                .post("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("colour"));
        assertEquals(before, count());
    }

    @Test
    void wrongTypesNameTheField() {
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\": \"hi\", \"priority\": \"high\"}")
                .post("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("priority"));
    }

    @Test
    void bodyValuesBreakingAConstraintAreA422ListingEveryField() {
        long before = count();
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\": \" \", \"priority\": 11, \"tag\": {}}")
                .post("/test/notes")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/validation"))
                .body("status", equalTo(422))
                .body("errors.field", containsInAnyOrder("text", "priority", "tag.name"));
        assertEquals(before, count());
    }

    @Test
    void theOpenApiDocumentsThe422OfEveryJsonBody() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/test/notes'.post.responses.'422'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/test/notes'.get.responses", not(org.hamcrest.Matchers.hasKey("422")));
    }

    @Test
    void theOpenApiConventionsDocumentWhatTheIdempotentJsonPostAnswers() {
        String post = "paths.'/test/notes'.post.responses.";
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        post + "'400'.description",
                        equalTo("Malformed JSON, a value of the wrong type or an unknown property"))
                .body(post + "'401'.description", equalTo("No or invalid bearer token"))
                .body(post + "'403'.description", equalTo("The role may not do this"))
                .body(post + "'409'.description", equalTo("The same Idempotency-Key still in flight"))
                .body(
                        post + "'409'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                // the validation 422 first (its example kept), then the idempotency case added to it
                .body(
                        post + "'422'.description",
                        equalTo("Well-formed JSON whose values break a rule; errors[] name the fields; "
                                + "or the Idempotency-Key reused with another body"))
                .body(post + "'422'.content.'application/problem+json'.example.status", equalTo(422))
                .body("paths.'/test/notes'.get.responses", not(org.hamcrest.Matchers.hasKey("409")));
    }

    @Test
    void aQueryParameterBreakingAConstraintIsA400NamingIt() {
        as("ops")
                .queryParam("text", "x".repeat(21))
                .get("/test/notes/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/validation"))
                .body("errors.field", containsInAnyOrder("text"));
    }

    @Test
    void anUnreachableDatabaseIsA503ProblemToRetryNotA500() {
        as("ops")
                .get("/test/notes/database-down")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("type", equalTo("https://meedoen.nl/problems/unavailable"))
                .body(not(containsString("localhost:5432")));
    }

    @Test
    void aValueTheDatabaseCannotStoreIsA400ProblemNotA500() {
        long before = count();
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\": \"a\\u0000b\"}") // U+0000: PostgreSQL text cannot hold it
                .post("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/unstorable-value"));
        assertEquals(before, count());
    }

    @Test
    void missingBodyIsA400() {
        as("corporation")
                .contentType(ContentType.JSON)
                .post("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void authenticationAndRolesAnswerWithProblems() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"hi\"}")
                .post("/test/notes")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().auth()
                .oauth2("not-a-jwt")
                .get("/test/notes")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body("{\"text\": \"hi\"}")
                .post("/test/notes")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void httpLevelMistakesAreProblemsToo() {
        as("ops").get("/test/nothing-here").then().statusCode(404).contentType("application/problem+json");
        as("ops").delete("/test/notes").then().statusCode(405).contentType("application/problem+json");
        as("corporation")
                .contentType(ContentType.XML)
                .body("<note/>")
                .post("/test/notes")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void theCorrelationIdIsKeptOrCreatedAndReturned() {
        as("ops")
                .header("X-Correlation-Id", "abc-123")
                .get("/test/notes")
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", "abc-123");
        as("ops")
                .header("X-Correlation-Id", "bad id with spaces\n")
                .get("/test/notes")
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}"));
        as("ops")
                .get("/test/missing")
                .then()
                .header("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("correlationId", matchesPattern("[0-9a-f-]{36}"));
    }
}
