package nl.meedoen.panel.panel;

import static io.restassured.RestAssured.given;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.count;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.tenant;
import static nl.meedoen.panel.PanelTests.unique;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PanelResourceTest {

    static final String BODY = """
            {"name":"Digitaal huurderspanel","purpose":"Huurders een paar keer per jaar vragen","coOwnerParty":"tenant-organisation",
             "tenantOrganisation":"tenant-organisation-client","targetSize":500,
             "strata":["ageBand","householdType"],"targetComposition":{"ageBand":{"young":0.3,"old":0.7}},
             "membershipTermMonths":24,"consentText":"Ik doe mee aan het panel."}""";

    @Test
    void aCorporationCreatesAPanelWithDefaultsAndATargetThatFollowsThePopulationWhereNotGiven() {
        String household = unique("HH");
        tenant(unique("T"), "young", household);
        var created = as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/panels/"))
                .header("ETag", notNullValue())
                .body("ownerParty", equalTo("corporation"))
                .body("coOwnerParty", equalTo("tenant-organisation"))
                .body("tenantOrganisation", equalTo("tenant-organisation-client"))
                .body("fatigueCap", equalTo(4))
                .body("cooldownDays", equalTo(30))
                .body("membershipTermMonths", equalTo(24))
                .body("consentVersion", equalTo(1))
                .body("consentText", equalTo("Ik doe mee aan het panel."))
                .body("target[0].attribute", equalTo("ageBand"))
                .body("target[0].source", equalTo("EXPLICIT"))
                .body("target[0].shares.young", closeTo(0.3, 1e-9))
                .body("target[1].attribute", equalTo("householdType"))
                .body("target[1].source", equalTo("POPULATION"))
                .body("target[1].shares", org.hamcrest.Matchers.hasKey(household))
                .extract()
                .jsonPath();
        String id = created.getString("id");
        double sum = created.getMap("target[1].shares").values().stream()
                .mapToDouble(v -> ((Number) v).doubleValue())
                .sum();
        assertEquals(1.0, sum, 1e-6);
        as("tenant-organisation")
                .get("/api/v1/panels/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("name", equalTo("Digitaal huurderspanel"));
        as("ops").get("/api/v1/panels/" + id).then().statusCode(200);
        // defaults: the three default strata
        String plain = as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"HO panel\",\"purpose\":\"Achterban\",\"targetSize\":50,\"consentText\":\"Ja\"}")
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .body("ownerParty", equalTo("tenant-organisation"))
                .body("tenantOrganisation", equalTo("tenant-organisation-client"))
                .body("coOwnerParty", org.hamcrest.Matchers.nullValue())
                .body("strata", equalTo(List.of("ageBand", "householdType", "neighbourhoodCode")))
                .extract()
                .jsonPath()
                .getString("id");
        // a tenant-organisation-only panel is not the corporation's
        as("corporation").get("/api/v1/panels/" + plain).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTenantOrganisationSeesOnlyPanelsItOwnsOrCoOwns() {
        String shared = panel("");
        String corporationOnly = as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Intern\",\"purpose\":\"p\",\"targetSize\":10,\"consentText\":\"Ja\"}")
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        String otherOrganisation = as("corporation")
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Ander","purpose":"p","targetSize":10,"consentText":"Ja","coOwnerParty":"tenant-organisation","tenantOrganisation":"bc-vogelbuurt"}""")
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        as("tenant-organisation").get("/api/v1/panels/" + shared).then().statusCode(200);
        as("tenant-organisation")
                .get("/api/v1/panels/" + corporationOnly)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("tenant-organisation")
                .get("/api/v1/panels/" + otherOrganisation)
                .then()
                .statusCode(404);
        as("tenant-organisation")
                .get("/api/v1/panels/" + otherOrganisation + "/health")
                .then()
                .statusCode(404);
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"title\":\"x\"}")
                .post("/api/v1/panels/" + otherOrganisation + "/themes")
                .then()
                .statusCode(404);
        List<String> listed = as("tenant-organisation")
                .queryParam("limit", 500)
                .get("/api/v1/panels")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        org.hamcrest.MatcherAssert.assertThat(listed, hasItem(shared));
        org.hamcrest.MatcherAssert.assertThat(listed, not(hasItem(corporationOnly)));
        org.hamcrest.MatcherAssert.assertThat(listed, not(hasItem(otherOrganisation)));
        as("corporation")
                .queryParam("limit", 1)
                .get("/api/v1/panels")
                .then()
                .statusCode(200)
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .body("items.size()", equalTo(1));
    }

    @Test
    void rolesAndTokens() {
        String id = panel("");
        given().get("/api/v1/panels/" + id).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/panels")
                .then()
                .statusCode(401);
        as("survey-frontend")
                .get("/api/v1/panels/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/panels")
                .then()
                .statusCode(403);
        as("ops")
                .contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/panels")
                .then()
                .statusCode(403);
        as("ops").get("/api/v1/panels/" + id + "/audit").then().statusCode(200);
        as("corporation")
                .get("/api/v1/panels/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("corporation")
                .get("/api/v1/panels/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badPanelsAreRefusedWithFieldErrorsAndNothingIsCreated() {
        long before = count("SELECT count(*) FROM panel");
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"householdType\"]", "\"email\"]"))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("strata[1]"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"old\":0.7", "\"old\":0.5"))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("targetComposition.ageBand"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"targetComposition\":{", "\"targetComposition\":{\"language\":{\"nl\":1},"))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("targetComposition.language"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"coOwnerParty\":\"tenant-organisation\"", "\"coOwnerParty\":\"corporation\""))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("coOwnerParty"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"tenantOrganisation\":\"tenant-organisation-client\",", ""))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tenantOrganisation"));
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body(BODY.replace(
                                "\"tenantOrganisation\":\"tenant-organisation-client\"",
                                "\"tenantOrganisation\":\"someone-else\"")
                        .replace("\"coOwnerParty\":\"tenant-organisation\"", "\"coOwnerParty\":\"corporation\""))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tenantOrganisation"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"name\":\"Digitaal huurderspanel\",", ""))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("name"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"targetSize\":500", "\"targetSize\":0"))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("targetSize"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"targetSize\":500", "\"targetSize\":500,\"colour\":\"blue\""))
                .post("/api/v1/panels")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{nope")
                .post("/api/v1/panels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as("corporation")
                .contentType(ContentType.JSON)
                .post("/api/v1/panels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, count("SELECT count(*) FROM panel"));
    }

    @Test
    void settingsChangeOnlyWithTheCurrentETagAndAreAudited() {
        String id = panel("");
        String settings = """
                {"name":"Renamed","purpose":"Nieuw doel","targetSize":300,"strata":["ageBand"],"targetComposition":{"ageBand":{"a":0.5,"b":0.5}},"fatigueCap":3}""";
        as("corporation")
                .contentType(ContentType.JSON)
                .body(settings)
                .put("/api/v1/panels/" + id)
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        as("corporation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"7\"")
                .body(settings)
                .put("/api/v1/panels/" + id)
                .then()
                .statusCode(412);
        as("ops")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(settings)
                .put("/api/v1/panels/" + id)
                .then()
                .statusCode(403);
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(settings)
                .put("/api/v1/panels/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Renamed"))
                .body("fatigueCap", equalTo(3))
                .body("targetComposition.ageBand.a", closeTo(0.5, 1e-9));
        as("corporation")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(settings)
                .put("/api/v1/panels/" + id)
                .then()
                .statusCode(412);
        as("corporation")
                .queryParam("subject", "panel")
                .get("/api/v1/panels/" + id + "/audit")
                .then()
                .statusCode(200)
                .body("items.action", equalTo(List.of("CREATED", "CHANGED")))
                .body("items[1].party", equalTo("tenant-organisation"))
                .body("items[1].actor", equalTo("tenant-organisation-client"))
                .body("items[1].detail.name.to", equalTo("Renamed"))
                .body("items[1].detail.fatigueCap.from", equalTo("4"));
    }

    @Test
    void anIdempotencyKeyReplaysTheCreatedPanel() {
        String key = "k-" + UUID.randomUUID();
        String id = as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(BODY)
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(BODY.replace("500", "501"))
                .post("/api/v1/panels")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
    }
}
