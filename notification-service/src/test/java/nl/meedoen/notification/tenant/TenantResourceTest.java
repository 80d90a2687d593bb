package nl.meedoen.notification.tenant;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.tenant.Tenants.as;
import static nl.meedoen.notification.tenant.Tenants.body;
import static nl.meedoen.notification.tenant.Tenants.newRef;
import static nl.meedoen.notification.tenant.Tenants.put;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class TenantResourceTest {

    @Test
    void upsertCreatesThenUpdatesWithVersionedETags() {
        String ref = newRef();
        put(ref, body("BU03440101", 1985))
                .then()
                .statusCode(201)
                .header("Location", "/api/v1/tenants/" + ref)
                .header("ETag", "\"0\"")
                .body("tenantRef", equalTo(ref))
                .body("address.postcode", equalTo("1234 AB"))
                .body("householdKey", matchesPattern("[0-9a-f]{32}"));
        put(ref, body("BU03440102", 1985))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("profile.neighbourhoodCode", equalTo("BU03440102"));
        as("ops")
                .get("/api/v1/tenants/" + ref)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("email", equalTo("anna@example.nl"));
    }

    @Test
    void theSameDataAgainChangesNothing() {
        String ref = newRef();
        put(ref, body("BU03440101", 1985)).then().statusCode(201);
        put(ref, body("BU03440101", 1985))
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("version", equalTo(0));
    }

    @Test
    void ifMatchProtectsAgainstLostUpdates() {
        String ref = newRef();
        put(ref, body("BU03440101", 1985)).then().statusCode(201);
        as("corporation")
                .header("If-Match", "\"7\"")
                .contentType(ContentType.JSON)
                .body(body("BU03440109", 1985))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        as("corporation")
                .header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body(body("BU03440109", 1985))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"x\"", // truncated JSON
                "[]", // wrong shape
                "{\"name\":\"x\",\"address\":{\"street\":\"s\",\"houseNumber\":1,\"postcode\":\"1234 AB\",\"city\":\"c\"},\"shoeSize\":42}", // unknown field
                "{\"name\":\"x\",\"address\":{\"street\":\"s\",\"houseNumber\":\"one\",\"postcode\":\"1234 AB\",\"city\":\"c\"}}", // wrong type
                "{\"name\":\"x\",\"address\":{\"street\":\"s\",\"houseNumber\":1,\"postcode\":\"1234 AB\",\"city\":\"c\"},\"profile\":{\"householdType\":\"CASTLE\"}}",
                "{\"name\":\"x\",\"address\":{\"street\":\"s\",\"houseNumber\":1,\"postcode\":\"1234 AB\",\"city\":\"c\"},\"profile\":{\"birthYear\":99999999999}}",
                "null",
                ""
            })
    void aBodyThatIsNotTheExpectedJsonIsA400ProblemAndStoresNothing(String badBody) {
        String ref = newRef();
        put(ref, badBody)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", org.hamcrest.Matchers.notNullValue());
        as("ops").get("/api/v1/tenants/" + ref).then().statusCode(404).contentType("application/problem+json");
    }

    /** Well-formed JSON whose values break a rule: 422 (RFC 9110), naming the field. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            address.postcode            | {"name":"x","address":{"street":"s","houseNumber":1,"postcode":"0234 AB","city":"c"}}
            email                       | {"name":"x","email":"not-an-email","address":{"street":"s","houseNumber":1,"postcode":"1234 AB","city":"c"}}
            language                    | {"name":"x","language":"dutch","address":{"street":"s","houseNumber":1,"postcode":"1234 AB","city":"c"}}
            profile.neighbourhoodCode   | {"name":"x","address":{"street":"s","houseNumber":1,"postcode":"1234 AB","city":"c"},"profile":{"neighbourhoodCode":"Utrecht-Oost"}}
            address.houseNumber         | {"name":"x","address":{"street":"s","houseNumber":0,"postcode":"1234 AB","city":"c"}}
            name                        | {"address":{"street":"s","houseNumber":1,"postcode":"1234 AB","city":"c"}}
            """)
    void anInvalidValueIsA422NamingTheFieldAndStoresNothing(String field, String badBody) {
        String ref = newRef();
        put(ref, badBody)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("type", equalTo("https://meedoen.nl/problems/validation"))
                .body("errors.field", org.hamcrest.Matchers.contains(field));
        as("ops").get("/api/v1/tenants/" + ref).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void fieldErrorsNameTheJsonPath() {
        put(
                        newRef(),
                        "{\"name\":\"\",\"address\":{\"street\":\"s\",\"houseNumber\":0,\"postcode\":\"12\",\"city\":\"c\"}}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("address.houseNumber"))
                .body("errors.field", hasItem("address.postcode"));
    }

    @Test
    void aBadTenantRefIsRejected() {
        put("has%20space", body("BU03440101", 1985)).then().statusCode(400).contentType("application/problem+json");
        put("x".repeat(65), body("BU03440101", 1985)).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyTheCorporationMayWriteAndOnlyItAndOpsMayRead() {
        String ref = newRef();
        given().contentType(ContentType.JSON)
                .body(body("BU03440101", 1985))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        for (String role : new String[] {"tenant-organisation", "survey-frontend", "ops"}) {
            as(role).contentType(ContentType.JSON)
                    .body(body("BU03440101", 1985))
                    .put("/api/v1/tenants/" + ref)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        put(ref, body("BU03440101", 1985)).then().statusCode(201);
        for (String role : new String[] {"tenant-organisation", "survey-frontend"}) {
            as(role).get("/api/v1/tenants/" + ref).then().statusCode(403);
            as(role).delete("/api/v1/tenants/" + ref).then().statusCode(403);
        }
        given().get("/api/v1/tenants/" + ref).then().statusCode(401);
        given().delete("/api/v1/tenants/" + ref).then().statusCode(401);
        as("ops").get("/api/v1/tenants/" + ref).then().statusCode(200);
    }

    @Test
    void erasureDeletesThePersonalData() {
        String ref = newRef();
        put(ref, body("BU03440101", 1985)).then().statusCode(201);
        as("corporation").delete("/api/v1/tenants/" + ref).then().statusCode(204);
        as("ops").get("/api/v1/tenants/" + ref).then().statusCode(404);
        as("corporation")
                .delete("/api/v1/tenants/" + ref)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theRegisterIsListedAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            put(newRef(), body("BU03440101", 1985)).then().statusCode(201);
        }
        String next = as("ops")
                .queryParam("limit", 2)
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .extract()
                .jsonPath()
                .getString("next");
        as("ops")
                .queryParam("limit", 500)
                .queryParam("after", next)
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("next", nullValue());
        as("ops").queryParam("limit", 501).get("/api/v1/tenants").then().statusCode(400);
    }
}
