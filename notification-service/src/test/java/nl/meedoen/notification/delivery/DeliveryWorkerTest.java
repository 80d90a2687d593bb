package nl.meedoen.notification.delivery;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitMail;
import static nl.meedoen.notification.TestData.awaitStatus;
import static nl.meedoen.notification.TestData.delivery;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.emailTenant;
import static nl.meedoen.notification.TestData.invitation;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.send;
import static nl.meedoen.notification.TestData.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.notification.Smtp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryWorkerTest {

    @Inject
    EmailWorker worker;

    @Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void aTransientSmtpOutageIsRetriedWithBackoffAndSentOnceItIsBack() {
        String ref = emailTenant("nl");
        String id;
        Smtp.stop();
        try {
            id = send(invitation("req-" + UUID.randomUUID(), ref))
                    .then()
                    .statusCode(202)
                    .extract()
                    .jsonPath()
                    .getString("id");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> delivery(id).getInt("attempts") >= 2);
            var d = delivery(id);
            assertEquals("QUEUED", d.getString("status"));
        } finally {
            Smtp.start();
        }
        awaitStatus(id, "SENT");
        assertEquals(1, awaitMail(emailFor(ref), 1).size());
    }

    /** A worker killed between handing messages to SMTP and recording it leaves them SENDING: failed after the lease, never resent. */
    @Test
    void aDeliveryLeftSendingByADeadWorkerIsFailedAndNeverSentAgain() throws Exception {
        String ref = emailTenant("nl");
        String stale;
        String recent;
        try (var events = nl.meedoen.devinfra.Events.consumer(nl.meedoen.commons.contracts.NotificationEventV1.TOPIC)) {
            Smtp.stop(); // the worker claims both and fails to hand them over, so they wait for their backoff
            try {
                stale = send(invitation("dead-" + UUID.randomUUID(), ref))
                        .then()
                        .statusCode(202)
                        .extract()
                        .jsonPath()
                        .getString("id");
                recent = send(invitation("dead-" + UUID.randomUUID(), ref))
                        .then()
                        .statusCode(202)
                        .extract()
                        .jsonPath()
                        .getString("id");
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> delivery(stale).getInt("attempts") >= 1
                                && delivery(recent).getInt("attempts") >= 1);
                // as a worker that died mid-send leaves them: one beyond the lease, one within it
                sql("UPDATE delivery SET status = 'SENDING', updated_at = now() - interval '1 hour' WHERE id = '"
                        + stale + "'");
                sql("UPDATE delivery SET status = 'SENDING', updated_at = now(), next_attempt_at = now() WHERE id = '"
                        + recent + "'");
            } finally {
                Smtp.start();
            }
            assertTrue(worker.failAbandoned() >= 1);
            var d = delivery(stale);
            assertEquals("FAILED", d.getString("status"));
            assertEquals(EmailWorker.ABANDONED, d.getString("reason"));
            assertEquals("SENDING", delivery(recent).getString("status"), "within the lease it is left to its worker");
            worker.sendOnce(); // a SENDING row is never claimed again
            Thread.sleep(1000);
            assertEquals(0, Smtp.messagesTo(emailFor(ref)).size());
            var failed = nl.meedoen.devinfra.Events.await(
                    events,
                    r -> r.value() != null
                            && r.value().contains(stale)
                            && r.value().contains("\"status\":\"FAILED\""),
                    1,
                    Duration.ofSeconds(20));
            assertEquals(1, failed.size(), "the failure is published like any other");
        } finally {
            sql("UPDATE delivery SET status = 'CANCELLED' WHERE status = 'SENDING'");
        }
    }

    private void sql(String statement) throws java.sql.SQLException {
        try (var c = db.getConnection();
                var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void workersRacingForTheQueueNeverSendAMessageTwice() throws Exception {
        List<String> refs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String ref = emailTenant("nl");
            refs.add(ref);
            ids.add(send(invitation("race-" + UUID.randomUUID(), ref))
                    .then()
                    .statusCode(202)
                    .extract()
                    .jsonPath()
                    .getString("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                rounds.add(pool.submit(() -> worker.sendOnce())); // alongside the background worker
            }
            for (Future<Integer> round : rounds) {
                round.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            awaitStatus(id, "SENT");
        }
        Thread.sleep(500);
        for (String ref : refs) {
            assertEquals(
                    1, nl.meedoen.notification.Smtp.messagesTo(emailFor(ref)).size(), ref);
        }
    }

    @Test
    void aHardBounceSuppressesTheAddressAndASoftBounceIsRetried() {
        String ref = emailTenant("nl");
        String first = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(first, "SENT");

        as("ops")
                .contentType(ContentType.JSON)
                .body("{\"deliveryId\":\"" + first + "\",\"type\":\"SOFT\",\"diagnostic\":\"452 mailbox full\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(200)
                .body("status", equalTo("QUEUED"));
        awaitStatus(first, "SENT");
        assertEquals(2, awaitMail(emailFor(ref), 2).size());

        // a DSN as a mail server returns it
        String dsn = """
                Reporting-MTA: dns; mx.example.nl

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 user unknown

                X-Meedoen-Delivery: %s
                """.formatted(emailFor(ref), first);
        as("ops")
                .contentType("message/delivery-status")
                .body(dsn.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/bounces")
                .then()
                .statusCode(200)
                .body("status", equalTo("BOUNCED_HARD"));

        send(invitation("req-" + UUID.randomUUID(), ref).replace("\"purpose\"", "\"channel\":\"EMAIL\",\"purpose\""))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .body("status", equalTo("QUEUED")); // bounced: a letter reaches them
        send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .body("status", equalTo("QUEUED"));

        String other = emailTenant("nl");
        String second = send(invitation("req-" + UUID.randomUUID(), other))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(second, "SENT");
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"deliveryId\":\"" + second + "\",\"type\":\"COMPLAINT\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLAINED"));
    }

    /** A sent email keeps its data (the tenant's link) only within the bounce window; after it, a soft bounce fails it. */
    @Test
    void aSentEmailsLinkIsRemovedAfterTheBounceWindow() throws Exception {
        String ref = emailTenant("nl");
        String recent = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        String old = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(recent, "SENT");
        awaitStatus(old, "SENT");
        try (var c = db.getConnection();
                var ps = c.prepareStatement("UPDATE delivery SET sent_at = now() - interval '4 days' WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(old));
            assertEquals(1, ps.executeUpdate());
        }
        worker.forgetSentData();
        assertNull(storedData(old), "sent four days ago: past the three-day bounce window");
        assertTrue(storedData(recent).contains("https://example.nl/i/abc"), "sent just now: kept for a soft bounce");

        as("ops")
                .contentType(ContentType.JSON)
                .body("{\"deliveryId\":\"" + old + "\",\"type\":\"SOFT\",\"diagnostic\":\"452 mailbox full\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("reason", startsWith("soft bounce after the bounce window"));
        as("ops")
                .contentType(ContentType.JSON)
                .body("{\"deliveryId\":\"" + recent + "\",\"type\":\"HARD\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(200)
                .body("status", equalTo("BOUNCED_HARD"));
        assertNull(storedData(recent), "a hard bounce is never sent again: its link goes at once");
    }

    private static String storedData(String deliveryId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Delivery.<Delivery>findById(UUID.fromString(deliveryId)).data);
    }

    @Test
    void bounceIntakeRejectsNonsense() {
        as("ops")
                .contentType(ContentType.JSON)
                .body("{\"deliveryId\":\"" + UUID.randomUUID() + "\",\"type\":\"HARD\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as("ops")
                .contentType(ContentType.JSON)
                .body("{\"deliveryId\":\"x\",\"type\":\"HARD\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(400);
        as("ops")
                .contentType(ContentType.JSON)
                .body("{\"type\":\"LOUD\"}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(400);
        as("ops")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(400);
        as("ops")
                .contentType("message/delivery-status")
                .body("hello".getBytes())
                .post("/api/v1/bounces")
                .then()
                .statusCode(422);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(401);
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/bounces")
                .then()
                .statusCode(403);
    }

    @Test
    void erasureHoldsBackPendingMessagesRemovesTheirPersonalDataAndPseudonymisesThem() {
        String ref = tenant(newRef(), null, "nl", "LETTER");
        String requestId = "recruitment:" + UUID.randomUUID() + ":outcome:" + ref; // a sender may name her in it
        String id = send(invitation(requestId, ref))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .extract()
                .jsonPath()
                .getString("id");
        // her profile went out on tenants.profile.v1, and its outbox row (with her household key) is kept a while
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> outboxRows(ref, TenantProfileV1.CHANGED, true) > 0);

        as("corporation").delete("/api/v1/tenants/" + ref).then().statusCode(204);
        var d = delivery(id);
        assertEquals("SUPPRESSED", d.getString("status"));
        assertEquals("ERASED", d.getString("reason"));
        Delivery erased = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Delivery.<Delivery>findById(UUID.fromString(id)));
        assertNull(erased.data);
        assertTrue(erased.tenantRef.startsWith("erased-"), erased.tenantRef);
        assertEquals(requestId.replace(ref, erased.tenantRef), erased.requestId);
        assertEquals(0, outboxRows(ref, TenantProfileV1.CHANGED, true), "published profile events naming her go");
        assertEquals(1, outboxRows(ref, TenantProfileV1.ERASED, false), "the tombstone still tells the others");
    }

    /** Outbox rows of the type naming the tenant (as key or in the payload), published ones or all. */
    private long outboxRows(String ref, String type, boolean publishedOnly) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Delivery.getEntityManager()
                                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE type = ?2"
                                        + " AND (event_key = ?1 OR strpos(payload, ?1) > 0)"
                                        + (publishedOnly ? " AND published_at IS NOT NULL" : ""))
                                .setParameter(1, ref)
                                .setParameter(2, type)
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertEquals(Duration.ofSeconds(1), Backoff.after(1, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(4), Backoff.after(3, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(10), Backoff.after(5, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(10), Backoff.after(100, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    }

    @Test
    void theRateLimiterSpacesMessages() {
        RateLimiter limiter = new RateLimiter(100);
        long start = System.nanoTime();
        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 190, "20 intervals of 10 ms took " + millis + " ms");
    }
}
