package nl.meedoen.notification.organisation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.Events;
import nl.meedoen.devinfra.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The register of tenant organisations and residents' committees: its API, who may do what, and its event. */
@QuarkusTest
class OrganisationResourceTest {

    static final String BASE = "/api/v1/organisations/";

    static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role)).contentType(ContentType.JSON);
    }

    /** A token for one client (JWT subject) in a role. */
    static RequestSpecification asClient(String client, String role) {
        java.nio.file.Path dir = java.nio.file.Path.of(java.net.URI.create(TestInfra.publicKeyLocation()))
                .getParent();
        return RestAssured.given()
                .auth()
                .oauth2(DevTokens.inDirectory(dir).token(client, role))
                .contentType(ContentType.JSON);
    }

    static String newId() {
        return "hv-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String tenantOrganisation(String name, String clients, String email) {
        return """
                {"name":"%s","kind":"TENANT_ORGANISATION","clients":%s,"contactEmail":"%s"}""".formatted(name, clients, email);
    }

    @Test
    void theCorporationRegistersChangesAndDeactivatesAnOrganisationAndEveryChangeIsPublishedWithoutContactData() {
        String id = newId();
        try (var consumer = Events.consumer("organisations.v1")) {
            as("corporation")
                    .body(tenantOrganisation(
                            "Huurdersvereniging Vogelbuurt",
                            "[\"" + id + "\",\"" + id + "-secretaris\"]",
                            "secretaris@hv-vogelbuurt.nl"))
                    .put(BASE + id)
                    .then()
                    .statusCode(201)
                    .header("Location", "/api/v1/organisations/" + id)
                    .body("id", equalTo(id))
                    .body("kind", equalTo("TENANT_ORGANISATION"))
                    .body("clients", equalTo(List.of(id, id + "-secretaris")))
                    .body("contactEmail", equalTo("secretaris@hv-vogelbuurt.nl"))
                    .body("active", equalTo(true));
            // the same data again: 200 and nothing published
            as("corporation")
                    .body(tenantOrganisation(
                            "Huurdersvereniging Vogelbuurt",
                            "[\"" + id + "\",\"" + id + "-secretaris\"]",
                            "secretaris@hv-vogelbuurt.nl"))
                    .put(BASE + id)
                    .then()
                    .statusCode(200);
            as("ops").post(BASE + id + "/deactivate").then().statusCode(200).body("active", equalTo(false));
            as("corporation")
                    .post(BASE + id + "/deactivate")
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false)); // idempotent

            List<ConsumerRecord<String, String>> records =
                    Events.await(consumer, r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(
                    2,
                    records.size(),
                    "registration and deactivation, not the unchanged PUT nor the second deactivation");
            assertTrue(
                    Events.restOnceRelayed(
                                    consumer,
                                    r -> id.equals(r.key()),
                                    Arc.container()
                                            .instance(AgroalDataSource.class)
                                            .get())
                            .isEmpty(),
                    "nothing more for " + id);
            for (ConsumerRecord<String, String> r : records) {
                assertEquals("nl.meedoen.notification.organisation-changed.v1", Events.header(r, "ce_type"));
                assertTrue(Events.matchesSchema("organisation-changed.v1.schema.json", r.value()), r.value());
                assertFalse(r.value().contains("secretaris@"), "no contact data on the topic: " + r.value());
            }
            JsonPath first = new JsonPath(records.get(0).value());
            assertEquals(List.of(id, id + "-secretaris"), first.getList("clients"));
            assertTrue(first.getBoolean("active"));
            assertFalse(new JsonPath(records.get(1).value()).getBoolean("active"));
        }
    }

    @Test
    void aResidentsCommitteeBelongsToComplexesAndClientsDefaultToItsId() {
        String id = "bc-" + UUID.randomUUID().toString().substring(0, 8);
        as("ops")
                .body("""
                {"name":"Bewonerscommissie De Merel","kind":"RESIDENTS_COMMITTEE","complexIds":["C-001","C-002"]}""")
                .put(BASE + id)
                .then()
                .statusCode(201)
                .body("complexIds", equalTo(List.of("C-001", "C-002")))
                .body("clients", equalTo(List.of(id)))
                .body("contactEmail", nullValue());
        as("corporation")
                .get(BASE + id)
                .then()
                .statusCode(200)
                .header("ETag", not(nullValue()))
                .body("name", equalTo("Bewonerscommissie De Merel"));
    }

    @Test
    void badInputIsA422NamingTheField() {
        String id = newId();
        expect422(as("corporation").body("{\"kind\":\"TENANT_ORGANISATION\"}").put(BASE + id), "name");
        expect422(
                as("corporation")
                        .body("{\"name\":\"X\",\"kind\":\"HOUSING_ASSOCIATION\"}")
                        .put(BASE + id),
                "kind");
        expect422(as("corporation").body("{\"name\":\"X\"}").put(BASE + id), "kind");
        expect422(
                as("corporation")
                        .body("{\"name\":\"BC\",\"kind\":\"RESIDENTS_COMMITTEE\"}")
                        .put(BASE + id),
                "complexIds");
        expect422(
                as("corporation")
                        .body("{\"name\":\"BC\",\"kind\":\"RESIDENTS_COMMITTEE\",\"complexIds\":[\"C 1\"]}")
                        .put(BASE + id),
                "complexIds[0]");
        expect422(
                as("corporation")
                        .body("{\"name\":\"X\",\"kind\":\"TENANT_ORGANISATION\",\"clients\":[\"a b\"]}")
                        .put(BASE + id),
                "clients[0]");
        expect422(
                as("corporation")
                        .body("{\"name\":\"X\",\"kind\":\"TENANT_ORGANISATION\",\"contactEmail\":\"not-an-address\"}")
                        .put(BASE + id),
                "contactEmail");
        expect422(
                as("corporation")
                        .body("{\"name\":\"X\",\"kind\":\"TENANT_ORGANISATION\"}")
                        .put(BASE + "Upper%20Case"),
                "id");
        expect422(
                as("corporation")
                        .body("{\"name\":\"X\",\"kind\":\"TENANT_ORGANISATION\"}")
                        .put(BASE + "x".repeat(65)),
                "id");
        expect422(as("corporation").put(BASE + id), "body");
        as("corporation").body("{\"name\":").put(BASE + id).then().statusCode(400);
        as("corporation").get(BASE + id).then().statusCode(404); // nothing of the above was stored

        // a client acts for one organisation only
        String first = newId();
        as("corporation")
                .body(tenantOrganisation("Eerste", "[\"" + first + "\",\"shared-" + first + "\"]", "a@example.nl"))
                .put(BASE + first)
                .then()
                .statusCode(201);
        expect422(
                as("corporation")
                        .body(tenantOrganisation("Tweede", "[\"shared-" + first + "\"]", "b@example.nl"))
                        .put(BASE + id),
                "clients");
    }

    private static void expect422(io.restassured.response.Response response, String field) {
        response.then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @Test
    void unknownIdsAre404() {
        as("corporation")
                .get(BASE + "no-such-organisation")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("corporation").post(BASE + "no-such-organisation/deactivate").then().statusCode(404);
        as("tenant-organisation").get(BASE + "NOT%20AN%20ID").then().statusCode(404);
    }

    @Test
    void aTenantOrganisationReadsEveryOrganisationButOnlyItsOwnContactData() {
        String own = newId();
        String other = newId();
        as("corporation")
                .body(tenantOrganisation("Eigen", "[\"" + own + "\",\"" + own + "-2\"]", "eigen@example.nl"))
                .put(BASE + own)
                .then()
                .statusCode(201);
        as("corporation")
                .body(tenantOrganisation("Ander", "[\"" + other + "\"]", "ander@example.nl"))
                .put(BASE + other)
                .then()
                .statusCode(201);

        // the second client of the organisation sees its contact data too
        asClient(own + "-2", "tenant-organisation")
                .get(BASE + own)
                .then()
                .statusCode(200)
                .body("contactEmail", equalTo("eigen@example.nl"));
        asClient(own, "tenant-organisation")
                .get(BASE + other)
                .then()
                .statusCode(200)
                .body("name", equalTo("Ander"))
                .body("contactEmail", nullValue());
        JsonPath list = asClient(own, "tenant-organisation")
                .get(BASE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("eigen@example.nl", list.getString("find { it.id == '" + own + "' }.contactEmail"));
        assertEquals(null, list.getString("find { it.id == '" + other + "' }.contactEmail"));
        as("corporation")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItems(own, other))
                .body("find { it.id == '" + other + "' }.contactEmail", equalTo("ander@example.nl"));
        as("ops").get(BASE + other).then().statusCode(200).body("contactEmail", equalTo("ander@example.nl"));
    }

    @Test
    void onlyTheCorporationAndOpsChangeTheRegister() {
        String id = newId();
        String body = tenantOrganisation("X", "[\"" + id + "\"]", "x@example.nl");
        as("tenant-organisation").body(body).put(BASE + id).then().statusCode(403);
        as("survey-frontend").body(body).put(BASE + id).then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).put(BASE + id).then().statusCode(401);
        as("corporation").body(body).put(BASE + id).then().statusCode(201);

        as("tenant-organisation").post(BASE + id + "/deactivate").then().statusCode(403);
        as("survey-frontend").post(BASE + id + "/deactivate").then().statusCode(403);
        given().post(BASE + id + "/deactivate").then().statusCode(401);

        as("survey-frontend").get(BASE + id).then().statusCode(403);
        as("survey-frontend").get(BASE).then().statusCode(403);
        given().get(BASE + id).then().statusCode(401);
        given().get(BASE).then().statusCode(401);
        as("corporation").get(BASE + id).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void ifMatchGuardsAChange() {
        String id = newId();
        String etag = as("corporation")
                .body(tenantOrganisation("X", "[\"" + id + "\"]", "x@example.nl"))
                .put(BASE + id)
                .then()
                .statusCode(201)
                .extract()
                .header("ETag");
        as("corporation")
                .header("If-Match", etag)
                .body(tenantOrganisation("Y", "[\"" + id + "\"]", "x@example.nl"))
                .put(BASE + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Y"));
        as("corporation")
                .header("If-Match", etag)
                .body(tenantOrganisation("Z", "[\"" + id + "\"]", "x@example.nl"))
                .put(BASE + id)
                .then()
                .statusCode(412);
    }
}
