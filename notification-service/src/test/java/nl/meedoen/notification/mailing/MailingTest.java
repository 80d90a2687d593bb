package nl.meedoen.notification.mailing;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.newNeighbourhood;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.tenantIn;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.meedoen.notification.Smtp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MailingTest {

    @Inject
    EntityManager em;

    static final String DATA =
            "{\"consultationTitle\":\"Groen in de wijk\",\"goal\":\"kiezen\",\"closesOn\":\"1 mei\",\"invitationUrl\":\"https://example.nl/c/9\"}";

    static String mailing(String audience) {
        return """
                {"name":"Groen in de wijk","templateKey":"consultation.invitation","purpose":"consultation","data":%s,"audience":%s}""".formatted(DATA, audience);
    }

    static String create(String body) {
        return as("corporation")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/mailings")
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract()
                .jsonPath()
                .getString("id");
    }

    static JsonPath action(String id, String action) {
        return as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/" + action)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath get(String id) {
        return as("ops")
                .get("/api/v1/mailings/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath awaitMailing(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(get(id).getString("status")));
        return get(id);
    }

    static long count(JsonPath mailing, String status) {
        Object n = mailing.get("progress.counts." + status);
        return n == null ? 0 : ((Number) n).longValue();
    }

    static List<String> emailTenants(String neighbourhood, int n) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ref = newRef();
            refs.add(tenantIn(ref, emailFor(ref), i % 3 == 0 ? "en" : "nl", "EMAIL", neighbourhood, 1950 + i));
        }
        return refs;
    }

    @Test
    void aSegmentMailingReachesEveryoneOnceWithReasonsForThoseHeldBack() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 12);
        String letter = tenantIn(newRef(), null, "nl", "LETTER", hood, 1960);
        as("corporation")
                .put("/api/v1/tenants/" + refs.get(0) + "/opt-outs/consultation")
                .then()
                .statusCode(201);

        as("tenant-organisation")
                .queryParam("neighbourhoodCode", hood)
                .get("/api/v1/segments/count")
                .then()
                .statusCode(200)
                .body("count", equalTo(13));
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}"));
        action(id, "start");
        JsonPath done = awaitMailing(id, "COMPLETED");
        assertEquals(13, done.getInt("progress.audienceSize"));
        assertEquals(13, done.getInt("progress.materialised"));
        assertEquals(11, done.getInt("progress.counts.SENT"));
        assertEquals(1, done.getInt("progress.counts.SUPPRESSED"));
        assertEquals(1, done.getInt("progress.counts.QUEUED")); // the letter, waiting for a print batch
        assertEquals(0, done.getInt("progress.etaSeconds"), "no email left to send");
        for (String ref : refs.subList(1, refs.size())) {
            assertEquals(1, Smtp.messagesTo(emailFor(ref)).size(), ref);
        }
        assertEquals(0, Smtp.messagesTo(emailFor(refs.get(0))).size());
        as("ops")
                .queryParam("mailingId", id)
                .queryParam("status", "SUPPRESSED")
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].reason", equalTo("OPTED_OUT"))
                .body("items[0].tenantRef", equalTo(refs.get(0)));
        as("ops")
                .queryParam("mailingId", id)
                .queryParam("tenantRef", letter)
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].channel", equalTo("LETTER"));
        // without a source of its own, a mailing is its deliveries' source
        assertEquals("mailing:" + id, done.getString("source"));
        as("ops")
                .queryParam("source", "mailing:" + id)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(13));
    }

    @Test
    void aCampaignsOutreachMailingGivesItsDeliveriesTheCampaignAsSource() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 2);
        String campaign = "campaign:" + UUID.randomUUID();
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}")
                .replace("\"audience\"", "\"source\":\"" + campaign + "\",\"audience\""));
        action(id, "start");
        assertEquals(campaign, awaitMailing(id, "COMPLETED").getString("source"));
        as("ops")
                .queryParam("source", campaign)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.mailingId", everyItem(equalTo(id)));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{}}").replace("\"audience\"", "\"source\":\"campaign 1\",\"audience\""))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("source"));
    }

    @Test
    void pauseResumeAndALostCursorNeverSendTwice() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 20);
        String id = create(mailing(
                "{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"],\"ageBand\":[\"50-64\",\"65-79\",\"80+\"]}}"));
        action(id, "start");
        assertEquals("PAUSED", action(id, "pause").getString("status"));
        // messages already handed to the SMTP client when the pause came finish; nothing new starts
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollDelay(Duration.ofMillis(600))
                .until(() -> count(get(id), "SENDING") == 0);
        long sentWhilePaused = count(get(id), "SENT");
        Awaitility.await().pollDelay(Duration.ofMillis(800)).until(() -> true);
        assertEquals(sentWhilePaused, count(get(id), "SENT"), "nothing is sent while paused");

        // simulate a crash that lost the cursor: materialising starts again from the first tenant
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE mailing SET cursor_ref = NULL, materialised = false WHERE id = ?1")
                        .setParameter(1, UUID.fromString(id))
                        .executeUpdate());
        action(id, "resume");
        JsonPath done = awaitMailing(id, "COMPLETED");
        assertEquals(20, done.getInt("progress.counts.SENT"));
        Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        for (String ref : refs) {
            assertEquals(1, Smtp.messagesTo(emailFor(ref)).size(), ref);
        }
    }

    @Test
    void anExplicitListWithAnUnknownTenantAndScheduling() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 3);
        String ghost = "T-ghost-" + UUID.randomUUID().toString().substring(0, 6);
        String id = create(mailing("{\"tenantRefs\":[\"" + refs.get(0) + "\",\"" + refs.get(1) + "\",\"" + ghost
                + "\",\"" + refs.get(0) + "\"]}"));
        String startAt = OffsetDateTime.now().plusSeconds(2).toString();
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"startAt\":\"" + startAt + "\"}")
                .post("/api/v1/mailings/" + id + "/start")
                .then()
                .statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("progress.audienceSize", equalTo(3));
        JsonPath done = awaitMailing(id, "COMPLETED");
        assertEquals(2, done.getInt("progress.counts.SENT"));
        as("ops")
                .queryParam("mailingId", id)
                .queryParam("status", "SUPPRESSED")
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].reason", equalTo("UNKNOWN_TENANT"));
        assertEquals(0, Smtp.messagesTo(emailFor(refs.get(2))).size());
    }

    @Test
    void cancelStopsWhatIsNotYetSent() {
        String hood = newNeighbourhood();
        emailTenants(hood, 5);
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}"));
        action(id, "start");
        action(id, "pause");
        JsonPath cancelled = action(id, "cancel");
        assertEquals("CANCELLED", cancelled.getString("status"));
        Awaitility.await().pollDelay(Duration.ofMillis(600)).until(() -> true);
        JsonPath after = get(id);
        assertTrue(after.get("progress.counts.QUEUED") == null);
        assertEquals(after.getLong("progress.materialised"), count(after, "CANCELLED") + count(after, "SENT"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/resume")
                .then()
                .statusCode(409);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/cancel")
                .then()
                .statusCode(409);
    }

    @Test
    void badMailingsAreProblems() {
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{\"ageBand\":[\"90+\"]}}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("audience.segment.ageBand"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("audience"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"tenantRefs\":[\"bad ref\"]}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("audience.tenantRefs[0]"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{}}").replace("consultation.invitation", "nope.nope"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("templateKey"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{}}").replace("\"goal\":\"kiezen\",", ""))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("data.goal"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{\"shoeSize\":[\"42\"]}}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(400);
        as("corporation")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{}}").replace("\"purpose\":\"consultation\",", ""))
                .post("/api/v1/mailings")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("purpose"));
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + newNeighbourhood() + "\"]}}"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/pause")
                .then()
                .statusCode(409);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + UUID.randomUUID() + "/start")
                .then()
                .statusCode(404);
        as("ops").get("/api/v1/mailings/nope").then().statusCode(404);
        as("ops")
                .queryParam("ageBand", "old")
                .get("/api/v1/segments/count")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("ageBand"));
        // roles
        given().contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{}}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(401);
        as("ops")
                .contentType(ContentType.JSON)
                .body(mailing("{\"segment\":{}}"))
                .post("/api/v1/mailings")
                .then()
                .statusCode(403);
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/mailings/" + id + "/start")
                .then()
                .statusCode(404); // not theirs
        as("tenant-organisation")
                .get("/api/v1/mailings")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        as("tenant-organisation").get("/api/v1/segments/members").then().statusCode(403);
        given().get("/api/v1/segments/count").then().statusCode(401);
    }

    @Test
    void segmentMembersArePagedWithAttributesOnly() {
        String hood = newNeighbourhood();
        emailTenants(hood, 5);
        JsonPath page = as("corporation")
                .queryParam("neighbourhoodCode", hood)
                .queryParam("limit", 3)
                .get("/api/v1/segments/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(3, page.getList("items").size());
        assertTrue(page.getString("items[0].ageBand") != null);
        assertTrue(page.getString("items[0].email") == null);
        as("corporation")
                .queryParam("neighbourhoodCode", hood)
                .queryParam("after", page.getString("next"))
                .get("/api/v1/segments/members")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2));
        as("ops")
                .queryParam("neighbourhoodCode", hood)
                .queryParam("language", "en")
                .get("/api/v1/segments/count")
                .then()
                .body("count", equalTo(2));
    }

    @Test
    void aStartedMailingCreatesItsMessagesAsAJobWithProgressInRecipients() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 9); // two chunks of 7
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}"));
        JsonPath started = action(id, "start");
        String job = started.getString("job");
        assertTrue(job.startsWith("/api/v1/jobs/notification/"), started.prettify());
        JsonPath done = nl.meedoen.notification.TestData.awaitJob(job);
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals("mailing", done.getString("kind"));
        assertEquals(9, done.getInt("total"));
        assertEquals(9, done.getInt("done"));
        assertEquals("/api/v1/mailings/" + id, done.getString("resultLocation"));
        as("corporation")
                .get(job)
                .then()
                .statusCode(200)
                .body("result.recipients", equalTo(9)); // the caller who started it reads it
        as("corporation")
                .post(job + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json"); // pause the mailing instead
        JsonPath mailing = awaitMailing(id, "COMPLETED");
        assertEquals(job, mailing.getString("job"));
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        for (String ref : refs) {
            assertEquals(1, Smtp.messagesTo(emailFor(ref)).size(), ref);
        }
    }

    /** A mailing in {@code status} whose job was RUNNING on a worker that stopped long ago (a crash); its job's id. */
    UUID stoppedMailingJob(String mailingId, String status, int audience) {
        UUID job = UUID.randomUUID();
        OffsetDateTime then = OffsetDateTime.now().minusMinutes(2);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE mailing SET status = ?2, started_at = ?3, audience_size = ?4 WHERE id = ?1")
                    .setParameter(1, UUID.fromString(mailingId))
                    .setParameter(2, status)
                    .setParameter(3, then)
                    .setParameter(4, audience)
                    .executeUpdate();
            em.createNativeQuery("""
                            INSERT INTO job (id, kind, subject, status, phase, started_by, attempts, worker, heartbeat_at, created_at, started_at, updated_at)
                            VALUES (?1, 'mailing', ?2, 'RUNNING', 'creating the messages', 'system', 1, 'a-stopped-worker', ?3, ?3, ?3, ?3)""")
                    .setParameter(1, job)
                    .setParameter(2, mailingId)
                    .setParameter(3, then)
                    .executeUpdate();
        });
        return job;
    }

    @Test
    void aMailingJobCutOffByAStopIsResumedAndSendsEachMessageOnce() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 9);
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}"));
        UUID job = stoppedMailingJob(id, "RUNNING", 9);

        JsonPath done = nl.meedoen.notification.TestData.awaitJob(
                "/api/v1/jobs/notification/" + job); // queued again, run again
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals(9, done.getInt("done"));
        JsonPath mailing = awaitMailing(id, "COMPLETED");
        assertEquals(9, mailing.getInt("progress.counts.SENT"));
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        for (String ref : refs) {
            assertEquals(1, Smtp.messagesTo(emailFor(ref)).size(), ref);
        }
    }

    @Test
    void aPausedMailingsJobEndsCancelledAndResumeStartsANewOne() {
        String hood = newNeighbourhood();
        List<String> refs = emailTenants(hood, 8);
        String id = create(mailing("{\"segment\":{\"neighbourhoodCode\":[\"" + hood + "\"]}}"));
        UUID paused = stoppedMailingJob(id, "PAUSED", 8);

        JsonPath ended = nl.meedoen.notification.TestData.awaitJob("/api/v1/jobs/notification/" + paused);
        assertEquals("CANCELLED", ended.getString("status"), "pause = the job is cancelled: " + ended.prettify());
        assertEquals("https://meedoen.nl/problems/job-cancelled", ended.getString("problem.type"));
        assertEquals(0L, get(id).getLong("progress.materialised"), "nothing created while paused");

        JsonPath resumed = action(id, "resume");
        assertEquals("RUNNING", resumed.getString("status"));
        String job = resumed.getString("job");
        assertTrue(!job.endsWith(paused.toString()), "a new job: " + job);
        assertEquals("SUCCEEDED", nl.meedoen.notification.TestData.awaitJob(job).getString("status"));
        assertEquals(8, awaitMailing(id, "COMPLETED").getInt("progress.counts.SENT"));
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        for (String ref : refs) {
            assertEquals(1, Smtp.messagesTo(emailFor(ref)).size(), ref);
        }
    }
}
