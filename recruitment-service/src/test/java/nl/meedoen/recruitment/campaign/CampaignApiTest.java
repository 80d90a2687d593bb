package nl.meedoen.recruitment.campaign;

import static io.restassured.RestAssured.given;
import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignApiTest {

    @Test
    void everyFormCanBeCreatedAndAspirantsAreOpenEnded() {
        for (Form f : Form.values()) {
            Map<String, Object> body = new HashMap<>(Fixtures.campaign(f.name(), "corporation", 10, "C-1", "NONE", 0));
            if (f == Form.PROJECT_GROUP) {
                body.put("mandate", "Adviseert over het renovatieplan; besluit niet");
            }
            if (f == Form.ASPIRANT_BOARD_MEMBER) {
                body.remove("termEnd");
            }
            as("corporation")
                    .body(body)
                    .post(BASE)
                    .then()
                    .statusCode(201)
                    .body("form", equalTo(f.name()))
                    .body("openEnded", equalTo(f == Form.ASPIRANT_BOARD_MEMBER));
        }
    }

    @Test
    void invalidCampaignsAreProblems() {
        Map<String, Object> body =
                new HashMap<>(Fixtures.campaign("PROJECT_GROUP", "corporation", 501, "C-1", "PER_SESSION", 0));
        body.put("eligibility", List.of(Map.of("attribute", "shoeSize", "values", List.of("42"))));
        as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("seats"))
                .body("errors.field", hasItem("mandate"))
                .body("errors.field", hasItem("eligibility[0].attribute"))
                .body("errors.field", hasItem("compensation.amountCents"));
        body = new HashMap<>(Fixtures.campaign("WORK_GROUP", "corporation", 5, "C-1", "NONE", 0));
        body.remove("termEnd");
        as("corporation").body(body).post(BASE).then().statusCode(400).body("errors.field", hasItem("termEnd"));
        body = new HashMap<>(Fixtures.campaign("WORK_GROUP", "corporation", 5, "C-1", "NONE", 0));
        body.remove("organiserParty");
        as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("organiserParty"));
        as("corporation").body("{\"form\":").post(BASE).then().statusCode(400).contentType("application/problem+json");
    }

    /** A caller with its own client id: tenant organisations are told apart by it. */
    static io.restassured.specification.RequestSpecification asClient(String client, String role) {
        java.nio.file.Path dir = java.nio.file.Path.of(
                        java.net.URI.create(nl.meedoen.devinfra.TestInfra.publicKeyLocation()))
                .getParent();
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(nl.meedoen.devinfra.DevTokens.inDirectory(dir).token(client, role))
                .contentType(io.restassured.http.ContentType.JSON);
    }

    @Test
    void rolesAndOrganiserParty() {
        // a corporation's form outside the toolkit's formal part (§5.8): formal ones every tenant organisation reads
        // (TenantOrganisationPartyTest)
        var body = Fixtures.campaign("CUSTOMER_ARENA", "corporation", 30, "C-1", "NONE", 0);
        given().contentType("application/json")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        as("survey-frontend").body(body).post(BASE).then().statusCode(403).contentType("application/problem+json");
        as("tenant-organisation").body(body).post(BASE).then().statusCode(403);
        String corp = as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ho = as("tenant-organisation")
                .body(Fixtures.campaign("NEIGHBOURHOOD_INSPECTION", "tenant-organisation", 12, "C-1", "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // a tenant organisation sees and changes only what it organises
        as("tenant-organisation").get(BASE + "/" + corp).then().statusCode(404);
        as("tenant-organisation").post(BASE + "/" + corp + "/open").then().statusCode(404);
        as("tenant-organisation")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(ho))
                .body("id", not(hasItem(corp)));
        // ...and not another tenant organisation's campaign; one a corporation made for them is everyone's
        asClient("ho-other", "tenant-organisation").get(BASE + "/" + ho).then().statusCode(404);
        asClient("ho-other", "tenant-organisation")
                .post(BASE + "/" + ho + "/close")
                .then()
                .statusCode(404);
        asClient("ho-other", "tenant-organisation")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", not(hasItem(ho)));
        String forAll = as("corporation")
                .body(Fixtures.campaign("TENANT_DAY", "tenant-organisation", 40, "C-1", "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asClient("ho-other", "tenant-organisation")
                .get(BASE + "/" + forAll)
                .then()
                .statusCode(200);
        as("tenant-organisation").get(BASE + "/" + forAll).then().statusCode(200);
        as("corporation").get(BASE + "/" + ho).then().statusCode(200);
        Fixtures.open("tenant-organisation", ho).then().statusCode(200);
        as("tenant-organisation")
                .post(BASE + "/" + ho + "/open")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        // the portal signs up through every source; a tenant organisation records only sign-ups from its own events
        as("tenant-organisation")
                .body(Map.of("tenantRef", "T-1", "source", "WEBSITE"))
                .post(BASE + "/" + ho + "/signups")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("source"));
        as("corporation")
                .get(BASE + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("ops").get(BASE + "/compensation/ledger?year=1800").then().statusCode(400);
        as("ops")
                .get(BASE + "/compensation/ledger?year=abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json"); // not the 404 of a failed Integer conversion
        as("tenant-organisation")
                .get(BASE + "/compensation/ledger?year=2024")
                .then()
                .statusCode(403);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNotConverted() {
        var body = new java.util.HashMap<>(Fixtures.campaign("THEME_EVENING", "corporation", 30, "C-1", "NONE", 0));
        body.put("title", 2.3e-167);
        as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("title"));
        body.put("title", "Thema-avond");
        body.put("seats", "30");
        as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("seats"));
    }

    @Test
    void everyFormHasTheToolkitsSelectionModeAndTheOrganiserMayChooseAnother() {
        Map<Form, String> expected = Map.of(
                Form.ADVISORY_COUNCIL,
                "APPOINTMENT",
                Form.FOCUS_GROUP,
                "APPOINTMENT",
                Form.THEME_EVENING,
                "OPEN_UP_TO_CAPACITY",
                Form.NEIGHBOURHOOD_INSPECTION,
                "OPEN_UP_TO_CAPACITY",
                Form.TENANT_COUNCIL_ONE_OFF,
                "LOTTERY_WHEN_OVERSUBSCRIBED",
                Form.TENANT_COUNCIL_STANDING,
                "LOTTERY_WHEN_OVERSUBSCRIBED");
        expected.forEach((form, mode) -> as("corporation")
                .body(Fixtures.campaign(form.name(), "corporation", 5, "C-1", "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo(mode))
                .body("seating", org.hamcrest.Matchers.nullValue()));
        var body = Fixtures.campaign("WORK_GROUP", "corporation", 5, "C-1", "NONE", 0);
        body.put("selectionMode", "OPEN_UP_TO_CAPACITY");
        as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("OPEN_UP_TO_CAPACITY"));
        body.put("selectionMode", "COIN_TOSS");
        as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("selectionMode"));
    }

    /** The former dead end: a lottery campaign with fewer sign-ups than seats draws nothing — and seats everyone. */
    @Test
    void fewerSignupsThanSeatsNeedsNoLotteryAndEveryoneIsSeated() {
        String complex = "C-" + UUID.randomUUID();
        String ref = "T-" + UUID.randomUUID();
        Fixtures.member(ref, complex, "18-34", "H-" + ref);
        String id = as("corporation")
                .body(Fixtures.campaign("LISTENING_PANEL", "corporation", 3, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("LOTTERY_WHEN_OVERSUBSCRIBED"))
                .extract()
                .path("id");
        Fixtures.open("corporation", id).then().statusCode(200);
        as("corporation")
                .body(Map.of("tenantRef", ref, "source", "LETTER"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201)
                .body("outcome", org.hamcrest.Matchers.nullValue());
        // seating before the close names the state
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("campaign is OPEN"));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        // no lottery: the draw is refused and nothing is committed
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("/no-lottery-needed"))
                .body("detail", org.hamcrest.Matchers.containsString("1 active sign-up(s) for 3 seats"));
        as("corporation").post(BASE + "/" + id + "/draw/seed").then().statusCode(404);
        // appointing is for appointment campaigns
        as("corporation")
                .body(Map.of("tenantRef", ref, "reason", "ervaring"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("LOTTERY_WHEN_OVERSUBSCRIBED"));
        as("corporation")
                .get(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", org.hamcrest.Matchers.nullValue())
                .body("undersubscribed", equalTo(true));
        // the organiser goes ahead smaller: everyone seated, recorded as such, no draw record
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("status", equalTo("SEATED"))
                .body("seating", equalTo("EVERYONE_SEATED"))
                .body("lottery", equalTo(false))
                .body("seated", equalTo(1))
                .body(
                        "summary",
                        equalTo("everyone seated, no lottery needed: 1 sign-up for 3 seats (went ahead smaller)"))
                .body("participants[0].outcome", equalTo("SELECTED"));
        as("corporation").get(BASE + "/" + id + "/draw").then().statusCode(404);
        as("corporation")
                .get(BASE + "/" + id)
                .then()
                .body("status", equalTo("SEATED"))
                .body("seating", equalTo("EVERYONE_SEATED"));
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.startsWith("campaign is SEATED"));
        as("corporation")
                .body(Map.of(
                        "signupCloses", java.time.LocalDate.now().plusDays(3).toString()))
                .post(BASE + "/" + id + "/reopen")
                .then()
                .statusCode(409);
        as("corporation").delete(BASE + "/" + id + "/signups/" + ref).then().statusCode(409);
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + ref + "/confirm")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("CONFIRMED"));
    }
}
