package nl.meedoen.notification.optout;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitMail;
import static nl.meedoen.notification.TestData.awaitStatus;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.emailTenant;
import static nl.meedoen.notification.TestData.invitation;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OptOutAndBudgetTest {

    static String panelInvitation(String ref) {
        return """
                {"requestId":"%s","tenantRef":"%s","purpose":"panel","templateKey":"panel.invitation",
                 "data":{"panelName":"Huurderspanel","joinUrl":"https://example.nl/p"}}""".formatted("req-" + UUID.randomUUID(), ref);
    }

    @Test
    void oneClickUnsubscribeFromTheListUnsubscribeHeaderOptsOutOfThatPurposeOnly() {
        String ref = emailTenant("nl");
        String id = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(id, "SENT");
        MimeMessage mail = awaitMail(emailFor(ref), 1).get(0);
        String url;
        try {
            url = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        String path = url.substring(url.indexOf("/api/v1/unsubscribe/"));

        given().get(path)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("raadplegingen"));
        as("ops").get("/api/v1/tenants/" + ref + "/opt-outs").then().body("$", hasSize(0)); // GET changed nothing

        try (var events = Events.consumer(NotificationEventV1.TOPIC)) {
            // what a mail client does (RFC 8058): POST with the one-click body, no credentials
            given().contentType(ContentType.URLENC)
                    .formParam("List-Unsubscribe", "One-Click")
                    .post(path)
                    .then()
                    .statusCode(200)
                    .body("purpose", equalTo("consultation"))
                    .body("changed", equalTo(true));
            given().contentType(ContentType.URLENC)
                    .formParam("List-Unsubscribe", "One-Click")
                    .post(path)
                    .then()
                    .statusCode(200)
                    .body("changed", equalTo(false));
            var optedOut = Events.await(
                    events,
                    r -> ref.equals(r.key()) && NotificationEventV1.OPTED_OUT.equals(Events.header(r, "ce_type")),
                    1,
                    Duration.ofSeconds(20));
            assertEquals(1, optedOut.size());
            assertTrue(
                    Events.matchesSchema(
                            "opted-out.v1.schema.json", optedOut.get(0).value()),
                    optedOut.get(0).value());
        }
        as("ops")
                .get("/api/v1/tenants/" + ref + "/opt-outs")
                .then()
                .body("purpose", org.hamcrest.Matchers.contains("consultation"))
                .body("[0].source", equalTo("LINK"));
        // a confirmation (transactional) arrives
        MimeMessage confirmation = awaitMail(emailFor(ref), 2).get(1);
        try {
            assertEquals("U bent afgemeld", confirmation.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .body("status", equalTo("SUPPRESSED"))
                .body("reason", equalTo("OPTED_OUT"));
        send(panelInvitation(ref)).then().statusCode(202).body("status", equalTo("QUEUED"));

        given().contentType(ContentType.URLENC)
                .post(path + "?scope=all")
                .then()
                .statusCode(200)
                .body("purpose", equalTo("all"));
        send(panelInvitation(ref)).then().statusCode(202).body("reason", equalTo("OPTED_OUT"));
        given().post(path + "?scope=everything").then().statusCode(422);
    }

    @Test
    void aPreferencesPageReadsAndSetsTheOptOutsPerPurposeThroughTheLink() {
        String ref = emailTenant("nl");
        String id = send(panelInvitation(ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(id, "SENT");
        MimeMessage mail = awaitMail(emailFor(ref), 1).get(0);
        String url;
        try {
            url = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        String path = url.substring(url.indexOf("/api/v1/unsubscribe/")) + "/preferences";

        given().get(path)
                .then()
                .statusCode(200)
                .body("language", equalTo("nl"))
                .body("messageScope", equalTo("panel"))
                .body("scopes", org.hamcrest.Matchers.hasItems("consultation", "panel", "recruitment", "all"))
                .body("optedOut", hasSize(0));
        // an unknown purpose, or no list: 422 naming the field, nothing changed
        given().contentType(ContentType.JSON)
                .body("{\"optedOut\":[\"panel\",\"everything\"]}")
                .put(path)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("optedOut[1]"));
        given().contentType(ContentType.JSON).body("{}").put(path).then().statusCode(422);
        as("ops").get("/api/v1/tenants/" + ref + "/opt-outs").then().body("$", hasSize(0));

        given().contentType(ContentType.JSON)
                .body("{\"optedOut\":[\"panel\",\"recruitment\"]}")
                .put(path)
                .then()
                .statusCode(200)
                .body("optedOut", org.hamcrest.Matchers.contains("panel", "recruitment"));
        as("ops")
                .get("/api/v1/tenants/" + ref + "/opt-outs")
                .then()
                .body("purpose", org.hamcrest.Matchers.contains("panel", "recruitment"))
                .body("source", org.hamcrest.Matchers.everyItem(equalTo("LINK")));
        send(panelInvitation(ref)).then().statusCode(202).body("reason", equalTo("OPTED_OUT"));
        // the tenant changes her mind about the panel: opted in again, recruitment stays out
        given().contentType(ContentType.JSON)
                .body("{\"optedOut\":[\"recruitment\"]}")
                .put(path)
                .then()
                .statusCode(200)
                .body("optedOut", org.hamcrest.Matchers.contains("recruitment"));
        send(panelInvitation(ref)).then().statusCode(202).body("status", equalTo("QUEUED"));
        given().get("/api/v1/unsubscribe/not-a-token/preferences").then().statusCode(404);
    }

    @Test
    void forgedOrUnknownLinksAreRefused() {
        given().get("/api/v1/unsubscribe/not-a-token").then().statusCode(404).contentType("application/problem+json");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        given().post("/api/v1/unsubscribe/" + forged).then().statusCode(404);
        // genuine signature, but no such delivery
        String unknown = new UnsubscribeTokens("test-link-secret-0123456789abcdef").token(UUID.randomUUID());
        given().post("/api/v1/unsubscribe/" + unknown).then().statusCode(404);
    }

    @Test
    void theCorporationManagesOptOutsThroughTheApi() {
        String ref = emailTenant("nl");
        as("corporation")
                .put("/api/v1/tenants/" + ref + "/opt-outs/panel")
                .then()
                .statusCode(201);
        as("corporation")
                .put("/api/v1/tenants/" + ref + "/opt-outs/panel")
                .then()
                .statusCode(200);
        send(panelInvitation(ref))
                .then()
                .statusCode(202)
                .body("status", equalTo("SUPPRESSED"))
                .body("reason", equalTo("OPTED_OUT"));
        send(invitation("req-" + UUID.randomUUID(), ref)).then().statusCode(202).body("status", equalTo("QUEUED"));
        as("corporation")
                .delete("/api/v1/tenants/" + ref + "/opt-outs/panel")
                .then()
                .statusCode(204);
        as("corporation")
                .delete("/api/v1/tenants/" + ref + "/opt-outs/panel")
                .then()
                .statusCode(404);
        send(panelInvitation(ref)).then().statusCode(202).body("status", equalTo("QUEUED"));

        as("corporation")
                .put("/api/v1/tenants/" + ref + "/opt-outs/newsletter")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("purpose"));
        as("corporation")
                .put("/api/v1/tenants/" + newRef() + "/opt-outs/panel")
                .then()
                .statusCode(404);
        given().put("/api/v1/tenants/" + ref + "/opt-outs/panel").then().statusCode(401);
        as("tenant-organisation")
                .put("/api/v1/tenants/" + ref + "/opt-outs/panel")
                .then()
                .statusCode(403);
        as("ops").put("/api/v1/tenants/" + ref + "/opt-outs/panel").then().statusCode(403);
        as("survey-frontend").get("/api/v1/tenants/" + ref + "/opt-outs").then().statusCode(403);
    }

    @Test
    void theContactBudgetHoldsBackTheFifthNonTransactionalMessageButNotServiceMail() {
        String ref = emailTenant("nl");
        for (int i = 0; i < 2; i++) {
            send(invitation("req-" + UUID.randomUUID(), ref))
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("QUEUED"));
            send(panelInvitation(ref)).then().statusCode(202).body("status", equalTo("QUEUED"));
        }
        send(panelInvitation(ref))
                .then()
                .statusCode(202)
                .body("status", equalTo("SUPPRESSED"))
                .body("reason", equalTo("BUDGET_EXHAUSTED"));
        send("""
                {"requestId":"%s","tenantRef":"%s","purpose":"service","templateKey":"recruitment.draw-selected",
                 "data":{"campaignTitle":"Klankbord","nextSteps":"We bellen u.","pseudonym":"p-1","drawUrl":"https://x/loting#d"}}""".formatted("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .body("status", equalTo("QUEUED"));
        var held = as("ops")
                .queryParam("tenantRef", ref)
                .queryParam("status", "SUPPRESSED")
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, held.getList("items").size());
        assertTrue(awaitMail(emailFor(ref), 5).size() == 5);
    }

    @Test
    void aFeedbackMailsLinkOptsOutOfEverythingTheOnlyOptOutFeedbackHeeds() throws Exception {
        String ref = emailTenant("nl");
        String id = send("""
                {"requestId":"%s","tenantRef":"%s","purpose":"feedback","templateKey":"recruitment.feedback",
                 "data":{"campaignTitle":"Focusgroep huurbeleid","outcome":"1. Meer groen: overgenomen.\\n2. Stalling: niet overgenomen."}}""".formatted("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(id, "SENT");
        MimeMessage mail = awaitMail(emailFor(ref), 1).get(0);
        assertEquals("Dit is er gedaan met Focusgroep huurbeleid", mail.getSubject());
        String url = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
        String path = url.substring(url.indexOf("/api/v1/unsubscribe/"));
        given().get(path).then().statusCode(200).body(containsString("alle berichten"));
        given().contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(path)
                .then()
                .statusCode(200)
                .body("purpose", equalTo("all"));
        send(invitation("req-" + UUID.randomUUID(), ref)).then().statusCode(202).body("reason", equalTo("OPTED_OUT"));
    }
}
