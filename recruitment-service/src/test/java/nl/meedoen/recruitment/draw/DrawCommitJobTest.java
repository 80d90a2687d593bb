package nl.meedoen.recruitment.draw;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The commitment as a job, against the failures a field deployment sees: a second request while one runs
 * (retry, double click, another replica), a worker that dies mid-way, a job nobody can resume.
 */
@QuarkusTest
class DrawCommitJobTest {

    @Inject
    EntityManager em;

    @Test
    void aCommitmentRunningElsewhereBlocksASecondOneAndIsResumedWhenItsWorkerDies() {
        String id = closedCampaignWithSignups(6, 3);
        // Another replica claimed the commitment and is alive (fresh heartbeat).
        UUID job = insertJob(
                DrawCommitJob.KIND,
                id,
                "RUNNING",
                "{\"algorithm\":\"uniform\"}",
                OffsetDateTime.now().plusMinutes(10));

        // A retried request starts no second solver; a withdrawal would change the pool under it.
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/job-in-progress"))
                .body("detail", containsString(job.toString()));
        String someone = as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].tenantRef");
        as("corporation")
                .delete(BASE + "/" + id + "/signups/" + someone)
                .then()
                .statusCode(409)
                .body("detail", containsString("being committed"));

        // That replica dies: its heartbeat goes stale, the job is queued again here and completes.
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE job SET heartbeat_at = now() - interval '1 hour' WHERE id = ?1")
                        .setParameter(1, job)
                        .executeUpdate());
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(column(job, "status")));
        assertEquals(2, ((Number) column(job, "attempts")).intValue());
        JsonPath job2 = as("ops")
                .get("/api/v1/jobs/recruitment/" + job)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("resultLocation", equalTo("/api/v1/campaigns/" + id + "/draw"))
                .extract()
                .jsonPath();
        as("corporation")
                .get(job2.getString("resultLocation"))
                .then()
                .statusCode(200)
                .body("commitment", equalTo(job2.getString("result.commitment")))
                .body("poolSize", equalTo(6));
    }

    @Test
    void aJobWhoseWorkerDiedAndThatCannotResumeFailsWithAProblemInsteadOfRunningForever() {
        UUID job = insertJob(
                "no-such-kind",
                UUID.randomUUID().toString(),
                "RUNNING",
                null,
                OffsetDateTime.now().minusHours(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(column(job, "status")));
        as("ops")
                .get("/api/v1/jobs/recruitment/" + job)
                .then()
                .statusCode(200)
                .body("problem.type", endsWith("/job-interrupted"))
                .body("problem.status", equalTo(503))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndAFinishedOneCannotBe() {
        // a kind this service does not run stays queued: cancel it
        UUID job = insertJob("no-such-kind", UUID.randomUUID().toString(), "QUEUED", null, null);
        as("ops")
                .post("/api/v1/jobs/recruitment/" + job + "/cancel")
                .then()
                .statusCode(202)
                .header("Location", "/api/v1/jobs/recruitment/" + job)
                .body("status", equalTo("CANCELLED"))
                .body("problem.type", endsWith("/job-cancelled"));
        as("ops")
                .post("/api/v1/jobs/recruitment/" + job + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/job-finished"));
        as("ops")
                .get("/api/v1/jobs/recruitment/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("survey-frontend").get("/api/v1/jobs/recruitment/" + job).then().statusCode(403);
    }

    @Test
    void aCommitmentReportsProgressAndItsResultThroughTheJob() {
        String id = closedCampaignWithSignups(10, 4);
        JsonPath job = Fixtures.commitDraw(
                "corporation",
                id,
                Map.of(
                        "algorithm",
                        "leximin",
                        "quotas",
                        List.of(Map.of("attribute", "ageBand", "value", "18-34", "min", 2, "max", 2))));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        assertEquals("done", job.getString("phase"));
        assertEquals(job.getLong("total"), job.getLong("done"));
        assertEquals(1.0, job.getDouble("progress"));
        assertEquals(10, job.getInt("result.poolSize"));
    }

    @Test
    void moreSeatsThanHouseholdsUnderTheHouseholdRuleIsSaidAtOnceAndQueuesNothing() {
        String complex = "C-" + UUID.randomUUID();
        String id =
                Fixtures.openCampaign(Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", 4, complex, "NONE", 0));
        for (int i = 0; i < 6; i++) { // six tenants, three addresses
            String ref = "T-" + UUID.randomUUID();
            Fixtures.member(ref, complex, "18-34", "H-" + complex + "-" + i % 3);
            as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "EVENT"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation")
                .body(Map.of("algorithm", "uniform", "householdRule", true))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/panel-larger-than-pool"))
                .body("detail", containsString("households"));
        assertEquals(
                0L,
                ((Number) QuarkusTransaction.requiringNew()
                                .call(() -> em.createNativeQuery("SELECT count(*) FROM job WHERE subject = ?1")
                                        .setParameter(1, id)
                                        .getSingleResult()))
                        .longValue());
        // without the rule the six sign-ups can fill four seats
        Fixtures.commitCeremony("corporation", id);
        Fixtures.commitDraw("corporation", id, Map.of("algorithm", "uniform"));
    }

    private String closedCampaignWithSignups(int signups, int seats) {
        String complex = "C-" + UUID.randomUUID();
        String id = Fixtures.openCampaign(
                Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", seats, complex, "NONE", 0));
        for (int i = 0; i < signups; i++) {
            String ref = "T-" + UUID.randomUUID();
            Fixtures.member(ref, complex, i % 2 == 0 ? "18-34" : "35-64", "H-" + ref);
            as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "EVENT"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        Fixtures.commitCeremony("corporation", id); // every draw's seed comes from a ceremony
        return id;
    }

    private UUID insertJob(String kind, String subject, String status, String input, OffsetDateTime heartbeat) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("INSERT INTO job (id, kind, subject, status, input, started_by,"
                                + " attempts, worker, heartbeat_at, created_at, started_at, updated_at)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, 'someone', ?6, ?7, ?8, now(), ?8, now())")
                        .setParameter(1, id)
                        .setParameter(2, kind)
                        .setParameter(3, subject)
                        .setParameter(4, status)
                        .setParameter(5, input)
                        .setParameter(6, "RUNNING".equals(status) ? 1 : 0)
                        .setParameter(7, "RUNNING".equals(status) ? "another-replica" : null)
                        .setParameter(8, heartbeat)
                        .executeUpdate());
        return id;
    }

    private Object column(UUID job, String column) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT " + column + " FROM job WHERE id = ?1")
                        .setParameter(1, job)
                        .getSingleResult());
    }
}
