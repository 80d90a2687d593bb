package nl.meedoen.notification.mailing;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitMail;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.invitation;
import static nl.meedoen.notification.TestData.newNeighbourhood;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.send;
import static nl.meedoen.notification.TestData.tenantIn;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.TestInfra;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A tenant organisation mails its constituency: its own purpose, opt-out and mailings; the contact budget applies. */
@QuarkusTest
class TenantOrganisationMailingTest {

    static final String ORGANISATION =
            "hv-de-vogel-" + UUID.randomUUID().toString().substring(0, 6);

    /** A caller with its own client id: tenant organisations are told apart by it. */
    static RequestSpecification asClient(String client, String role) {
        Path dir = Path.of(URI.create(TestInfra.publicKeyLocation())).getParent();
        return given().auth().oauth2(DevTokens.inDirectory(dir).token(client, role));
    }

    static RequestSpecification organisation() {
        return asClient(ORGANISATION, "tenant-organisation");
    }

    static String body(String purpose, String templateKey, String audience) {
        return """
                {"name":"Ledenavond april","templateKey":"%s","purpose":"%s",
                 "data":{"organisationName":"HV De Vogel","subject":"Ledenavond 14 april","body":"Kom naar de ledenavond.\\nOp 14 april in het buurthuis."},
                 "audience":%s}""".formatted(templateKey, purpose, audience);
    }

    static String segment(String hood) {
        return "{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}";
    }

    static String email(String hood) {
        String ref = newRef();
        return tenantIn(ref, emailFor(ref), "nl", "EMAIL", hood, 1970);
    }

    @Test
    void aTenantOrganisationMailsItsConstituencyWithItsOwnOptOutAndTheBudgetAndSeesOnlyCounts() throws Exception {
        String hood = newNeighbourhood();
        String reached = email(hood);
        String optedOutOfUs = email(hood);
        String optedOutOfAll = email(hood);
        String optedOutOfRecruitment = email(hood);
        String budgetUsed = email(hood);
        String letter = tenantIn(newRef(), null, "nl", "EMAIL", hood, 1950);
        as("corporation")
                .put("/api/v1/tenants/" + optedOutOfUs + "/opt-outs/tenant-organisation")
                .then()
                .statusCode(201);
        as("corporation")
                .put("/api/v1/tenants/" + optedOutOfAll + "/opt-outs/all")
                .then()
                .statusCode(201);
        as("corporation")
                .put("/api/v1/tenants/" + optedOutOfRecruitment + "/opt-outs/recruitment")
                .then()
                .statusCode(201);
        for (int i = 0; i < 4; i++) {
            send(invitation("req-" + UUID.randomUUID(), budgetUsed))
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("QUEUED"));
        }

        String id = organisation()
                .contentType(ContentType.JSON)
                .body(body("tenant-organisation", "tenant-organisation.message", segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract()
                .jsonPath()
                .getString("id");
        organisation()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/start")
                .then()
                .statusCode(200)
                .body("progress.audienceSize", equalTo(6));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED"
                        .equals(organisation()
                                .get("/api/v1/mailings/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("status")));
        String view = organisation()
                .get("/api/v1/mailings/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath done = JsonPath.from(view);
        assertEquals(
                2, done.getInt("progress.counts.SENT"), view); // reached, and the one who opted out of recruitment only
        assertEquals(1, done.getInt("progress.counts.QUEUED"), view); // the letter
        assertEquals(3, done.getInt("progress.counts.SUPPRESSED"), view); // its own opt-out, everything, the budget
        assertEquals(2, done.getInt("progress.channels.EMAIL"), view);
        assertEquals(1, done.getInt("progress.channels.LETTER"), view);
        assertFalse(
                view.contains("@") || view.contains("Anna") || view.contains("Dorpsstraat") || view.contains(reached),
                "counts only: " + view);

        // ops sees why; the corporation does not see the tenant organisation's mailing or its deliveries
        JsonPath held = as("ops")
                .queryParam("mailingId", id)
                .queryParam("status", "SUPPRESSED")
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of("BUDGET_EXHAUSTED", "OPTED_OUT", "OPTED_OUT"),
                held.getList("items.reason", String.class).stream().sorted().toList());
        as("ops").get("/api/v1/mailings/" + id).then().statusCode(200);
        as("corporation").get("/api/v1/mailings/" + id).then().statusCode(404).contentType("application/problem+json");
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/cancel")
                .then()
                .statusCode(404);
        as("corporation")
                .get("/api/v1/mailings?limit=500")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(id)));
        as("corporation")
                .queryParam("mailingId", id)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        String letterDelivery = as("ops")
                .queryParam("mailingId", id)
                .queryParam("tenantRef", letter)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items[0].channel", equalTo("LETTER"))
                .extract()
                .jsonPath()
                .getString("items[0].id");
        as("corporation").get("/api/v1/deliveries/" + letterDelivery).then().statusCode(404);
        // nor does another tenant organisation
        asClient("another-organisation", "tenant-organisation")
                .get("/api/v1/mailings/" + id)
                .then()
                .statusCode(404);
        asClient("another-organisation", "tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/pause")
                .then()
                .statusCode(404);
        asClient("another-organisation", "tenant-organisation")
                .get("/api/v1/mailings")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(id)));
        organisation().get("/api/v1/mailings").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        organisation().get("/api/v1/deliveries").then().statusCode(403);

        // the mail: the organisation's text with its line breaks, and a link that opts out of the organisation's mail
        // only
        MimeMessage mail = awaitMail(emailFor(reached), 1).get(0);
        assertEquals("HV De Vogel: Ledenavond 14 april", mail.getSubject());
        String url = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
        String path = url.substring(url.indexOf("/api/v1/unsubscribe/"));
        given().get(path)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("berichten van uw huurdersorganisatie"));
        given().contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(path)
                .then()
                .statusCode(200)
                .body("purpose", equalTo("tenant-organisation"));
        send(invitation("req-" + UUID.randomUUID(), reached))
                .then()
                .statusCode(202)
                .body("status", equalTo("QUEUED"));
        assertEquals(1, awaitMail(emailFor(optedOutOfRecruitment), 1).size());
        assertTrue(awaitMail(emailFor(optedOutOfUs), 0).isEmpty());
    }

    @Test
    void aTenantOrganisationMailsOnlyWithItsOwnPurposeAndTemplateToASegmentAndTheCorporationNeverWithIts() {
        String hood = newNeighbourhood();
        String ref = email(hood);
        organisation()
                .contentType(ContentType.JSON)
                .body(body("consultation", "tenant-organisation.message", segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("purpose"));
        organisation()
                .contentType(ContentType.JSON)
                .body(body("tenant-organisation", "recruitment.outreach", segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("templateKey"));
        organisation()
                .contentType(ContentType.JSON)
                .body(body("tenant-organisation", "tenant-organisation.message", "{\"tenantRefs\":[\"" + ref + "\"]}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("audience.tenantRefs"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body("tenant-organisation", "tenant-organisation.message", segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("purpose"));
        // the corporation's own mailing is not the tenant organisation's to see or run
        String corporations = as("corporation")
                .contentType(ContentType.JSON)
                .body("""
                {"name":"Groen","templateKey":"consultation.invitation","purpose":"consultation",
                 "data":{"consultationTitle":"Groen","goal":"kiezen","closesOn":"1 mei","invitationUrl":"https://example.nl/c/9"},"audience":%s}""".formatted(segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        organisation().get("/api/v1/mailings/" + corporations).then().statusCode(404);
        organisation()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + corporations + "/start")
                .then()
                .statusCode(404);
        as("corporation")
                .get("/api/v1/mailings/" + corporations)
                .then()
                .statusCode(200)
                .body("status", equalTo("DRAFT"));
        as("ops")
                .contentType(ContentType.JSON)
                .body(body("tenant-organisation", "tenant-organisation.message", segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + corporations + "/start")
                .then()
                .statusCode(401);
    }

    @Test
    void everyClientOfARegisteredOrganisationSeesAndRunsItsMailingsAndNoOtherClientDoes() {
        String organisation = "hv-" + UUID.randomUUID().toString().substring(0, 8);
        String secretary = organisation + "-secretariaat";
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Huurdersvereniging\",\"kind\":\"TENANT_ORGANISATION\",\"clients\":[\"" + organisation
                        + "\",\"" + secretary + "\"]}")
                .put("/api/v1/organisations/" + organisation)
                .then()
                .statusCode(201);
        String hood = newNeighbourhood();
        email(hood);
        String id = asClient(secretary, "tenant-organisation")
                .contentType(ContentType.JSON)
                .body(body("tenant-organisation", "tenant-organisation.message", segment(hood)))
                .post("/api/v1/mailings")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        // the organisation's other client acts for the same organisation: it sees the mailing and may run it
        asClient(organisation, "tenant-organisation")
                .get("/api/v1/mailings/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DRAFT"));
        asClient(organisation, "tenant-organisation")
                .get("/api/v1/mailings")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        asClient(organisation, "tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        // a client the register does not name acts only for itself
        asClient(secretary + "-x", "tenant-organisation")
                .get("/api/v1/mailings/" + id)
                .then()
                .statusCode(404);
    }
}
