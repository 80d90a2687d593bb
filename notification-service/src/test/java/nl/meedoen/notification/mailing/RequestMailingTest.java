package nl.meedoen.notification.mailing;

import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitJob;
import static nl.meedoen.notification.TestData.awaitMail;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.emailTenant;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.contracts.MailingRequestV1;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.notification.Smtp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A campaign outreach as recruitment-service sends it: a mailing request, then one message request per tenant naming the
 * mailing, each with its own link — fed through the real broker, as the contract records. The other side (recruitment
 * writing them) is recruitment-service's OutreachMailingTest; only the local-stack journey runs both.
 */
@QuarkusTest
class RequestMailingTest {

    static String mailingRequest(UUID mailingId, String source, Integer requested) {
        String json = """
                {"mailingId":"%s","name":"Buurtraad Oost: werving","purpose":"recruitment","templateKey":"recruitment.outreach",
                 "source":"%s","owner":null,"requested":%s}""".formatted(mailingId, source, requested);
        assertTrue(Events.matchesSchema("mailing-requested.v1.schema.json", json), json);
        return json;
    }

    static String outreach(UUID mailingId, String source, String tenantRef) {
        String json = """
                {"requestId":"recruitment:%s:outreach:MAILING:%s","tenantRef":"%s","purpose":"recruitment","templateKey":"recruitment.outreach",
                 "data":{"campaignTitle":"Buurtraad Oost","description":"meepraten","signUpDeadline":"2027-03-01","signUpUrl":"https://example.nl/aanmelden#%s"},
                 "channel":null,"source":"%s","mailingId":"%s"}""".formatted(source.substring(9), tenantRef, tenantRef, tenantRef, source, mailingId);
        assertTrue(Events.matchesSchema("message-requested.v1.schema.json", json), json);
        return json;
    }

    static void publishMailing(UUID mailingId, String source, Integer requested) {
        Events.publish(
                MailingRequestV1.TOPIC,
                mailingId.toString(),
                UUID.randomUUID().toString(),
                MailingRequestV1.TYPE,
                mailingRequest(mailingId, source, requested));
    }

    static void publishMessage(UUID mailingId, String source, String tenantRef) {
        Events.publish(
                MessageRequestV1.TOPIC,
                tenantRef,
                UUID.randomUUID().toString(),
                MessageRequestV1.TYPE,
                outreach(mailingId, source, tenantRef));
    }

    static JsonPath mailing(UUID id) {
        return as("corporation")
                .get("/api/v1/mailings/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath deliveries(String param, Object value) {
        return as("ops")
                .queryParam(param, value)
                .queryParam("limit", 100)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static void awaitDeliveries(UUID mailingId, int n) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> deliveries("mailingId", mailingId).getList("items").size() == n);
    }

    static String letterTenant() {
        String ref = newRef();
        return tenant(ref, null, "nl", "EMAIL"); // no email address: the register makes it a letter
    }

    @Test
    void aCampaignOutreachIsOneMailingThatPausesResumesAndNeverSendsTwice() {
        UUID mailingId = UUID.randomUUID();
        String source = "campaign:" + UUID.randomUUID();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            emails.add(emailTenant(i % 2 == 0 ? "nl" : "en"));
        }
        List<String> letters = List.of(letterTenant(), letterTenant(), letterTenant());
        // another source's letter, waiting beside the campaign's: not in its print batch
        String other = letterTenant();
        Events.publish(
                MessageRequestV1.TOPIC,
                other,
                UUID.randomUUID().toString(),
                MessageRequestV1.TYPE,
                outreach(UUID.randomUUID(), "campaign:" + UUID.randomUUID(), other)
                        .replaceAll(",\"mailingId\":\"[^\"]+\"", ""));

        // a message request may come before its mailing request (another key, another partition): the mailing opens
        // from it
        publishMessage(mailingId, source, emails.get(0));
        assertEquals(1, awaitMail(emailFor(emails.get(0)), 1).size());
        assertEquals(source, mailing(mailingId).getString("source"), "opened from the request: its source already");
        publishMailing(mailingId, source, null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "Buurtraad Oost: werving".equals(mailing(mailingId).getString("name")));
        JsonPath opened = mailing(mailingId);
        assertEquals("RUNNING", opened.getString("status"));
        assertEquals(source, opened.getString("source"));
        assertEquals("recruitment.outreach", opened.getString("templateKey"));

        publishMessage(mailingId, source, emails.get(1));
        publishMessage(mailingId, source, emails.get(2));
        publishMessage(mailingId, source, letters.get(0));
        awaitMail(emailFor(emails.get(1)), 1);
        awaitMail(emailFor(emails.get(2)), 1);
        awaitDeliveries(mailingId, 4);

        // paused: the rest is recorded but nothing more goes out, by mail or to print
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + mailingId + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"));
        for (String ref : List.of(emails.get(3), emails.get(4), emails.get(5), letters.get(1), letters.get(2))) {
            publishMessage(mailingId, source, ref);
        }
        awaitDeliveries(mailingId, 9);
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> emails.subList(3, 6).stream()
                        .allMatch(ref -> Smtp.messagesTo(emailFor(ref)).isEmpty()));
        as("corporation")
                .queryParam("source", source)
                .post("/api/v1/print-batches")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        JsonPath paused = mailing(mailingId);
        assertEquals(3L, ((Number) paused.get("progress.counts.SENT")).longValue(), paused.prettify());
        assertEquals(6L, ((Number) paused.get("progress.counts.QUEUED")).longValue(), paused.prettify());

        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + mailingId + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("RUNNING"));
        for (String ref : emails.subList(3, 6)) {
            awaitMail(emailFor(ref), 1);
        }
        // a republished request (the producer's retry) and the closing count: still one message per tenant
        publishMessage(mailingId, source, emails.get(1));
        publishMailing(mailingId, source, 9);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(mailing(mailingId).getString("status")));
        for (String ref : emails) {
            assertEquals(1, Smtp.messagesTo(emailFor(ref)).size(), "one mail to " + ref);
        }
        JsonPath done = mailing(mailingId);
        assertEquals(9, done.getInt("progress.audienceSize"));
        assertEquals(9L, done.getLong("progress.materialised"));
        assertEquals(6L, ((Number) done.get("progress.counts.SENT")).longValue(), done.prettify());
        assertEquals(3L, ((Number) done.get("progress.counts.QUEUED")).longValue(), done.prettify());
        assertEquals(6L, ((Number) done.get("progress.channels.EMAIL")).longValue(), done.prettify());
        assertEquals(3L, ((Number) done.get("progress.channels.LETTER")).longValue(), done.prettify());

        JsonPath bySource = deliveries("source", source);
        assertEquals(9, bySource.getList("items").size());
        as("ops")
                .queryParam("source", source)
                .queryParam("limit", 100)
                .get("/api/v1/deliveries")
                .then()
                .body("items.mailingId", everyItem(equalTo(mailingId.toString())))
                .body("items.source", everyItem(equalTo(source)));

        // its print batch holds its three letters, nobody else's
        String job = as("corporation")
                .queryParam("source", source)
                .post("/api/v1/print-batches")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        JsonPath finished = awaitJob(job);
        assertEquals("SUCCEEDED", finished.getString("status"), finished.prettify());
        as("corporation")
                .get(finished.getString("resultLocation"))
                .then()
                .statusCode(200)
                .body("letters", equalTo(3))
                .body("source", equalTo(source));
        as("ops")
                .queryParam("source", source)
                .queryParam("status", "BATCHED")
                .get("/api/v1/deliveries")
                .then()
                .body(
                        "items.tenantRef.sort()",
                        equalTo(letters.stream().sorted().toList()));
        assertEquals(
                "QUEUED",
                deliveries("tenantRef", other).getString("items[0].status"),
                "another source's letter still waits");

        // a finished mailing cannot be paused; an unknown one is not there
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + mailingId + "/pause")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + UUID.randomUUID() + "/pause")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aCancelledOutreachSendsNothingMoreEvenToLateRequests() {
        UUID mailingId = UUID.randomUUID();
        String source = "campaign:" + UUID.randomUUID();
        String first = emailTenant("nl");
        String queued = emailTenant("nl");
        String late = emailTenant("nl");
        publishMailing(mailingId, source, null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        as("corporation").get("/api/v1/mailings/" + mailingId).statusCode() == 200);
        publishMessage(mailingId, source, first);
        awaitMail(emailFor(first), 1);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + mailingId + "/pause")
                .then()
                .statusCode(200);
        publishMessage(mailingId, source, queued);
        awaitDeliveries(mailingId, 2);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + mailingId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        publishMessage(mailingId, source, late);
        awaitDeliveries(mailingId, 3);
        assertEquals("SENT", deliveries("tenantRef", first).getString("items[0].status"), "what was sent stays sent");
        assertEquals("CANCELLED", deliveries("tenantRef", queued).getString("items[0].status"));
        assertEquals("CANCELLED", deliveries("tenantRef", late).getString("items[0].status"));
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> Smtp.messagesTo(emailFor(queued)).isEmpty()
                        && Smtp.messagesTo(emailFor(late)).isEmpty());
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + mailingId + "/resume")
                .then()
                .statusCode(409);
    }

    @Test
    void aRequestNamingAnApiMailingOrAMalformedMailingRequestIsParked() {
        String apiMailing = MailingTest.create(MailingTest.mailing("{\"tenantRefs\":[\"T-nobody\"]}"));
        String ref = emailTenant("nl");
        UUID bad = UUID.randomUUID();
        try (var dlq = Events.consumer(MessageRequestV1.TOPIC + ".dlq")) {
            publishMessage(UUID.fromString(apiMailing), "campaign:" + UUID.randomUUID(), ref);
            Events.publish(
                    MailingRequestV1.TOPIC,
                    bad.toString(),
                    UUID.randomUUID().toString(),
                    MailingRequestV1.TYPE,
                    mailingRequest(bad, "campaign:x", null).replace("recruitment.outreach", "recruitment.unknown"));
            Events.publish(
                    MailingRequestV1.TOPIC,
                    "not-the-id",
                    UUID.randomUUID().toString(),
                    MailingRequestV1.TYPE,
                    mailingRequest(bad, "campaign:x", null));
            var parked = Events.await(
                    dlq,
                    r -> ref.equals(r.key()) || bad.toString().equals(r.key()) || "not-the-id".equals(r.key()),
                    3,
                    Duration.ofSeconds(30));
            assertEquals(3, parked.size());
        }
        assertEquals(0, deliveries("tenantRef", ref).getList("items").size());
        as("corporation").get("/api/v1/mailings/" + bad).then().statusCode(404);
    }
}
