package nl.meedoen.consultation.export;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.submit;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.consultation.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Exports of any size as jobs: 202 + Location, progress, the download equal to the direct export, refusals
 * that queue nothing, cancellation, a worker that dies mid-export, and the direct route's size limit.
 */
@QuarkusTest
class ExportJobTest {

    static final String JOBS = "/api/v1/jobs/consultation/";
    /** Responses seeded for the large cases: the "100,000 responses". */
    static final int LARGE = 100_000;

    private static String large;

    @Inject
    EntityManager em;

    @Test
    void aResponsesExportJobGivesTheSameFileAsTheDirectExportInBothDialects() {
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        submit(
                        tokens.get(refs.get(0)),
                        "{\"kids\":\"yes\",\"howMany\":2,\"use\":[\"slide\",\"swings\"],\"priority\":[\"green\",\"safety\",\"play\"],\"remarks\":\"=1+1, \\\"hi\\\"\"}")
                .then()
                .statusCode(201);
        submit(tokens.get(refs.get(1)), "{\"kids\":\"no\",\"satisfaction\":3}")
                .then()
                .statusCode(201);

        for (String dialect : List.of("rfc4180", "excel-nl")) {
            String location = Api.json(as("corporation"), Map.of("format", "responses.csv", "dialect", dialect))
                    .post(BASE + "/" + id + "/exports")
                    .then()
                    .statusCode(202)
                    .header("Location", matchesPattern(JOBS + "[0-9a-f-]{36}"))
                    .header("Retry-After", "1")
                    .body("kind", equalTo(ResponseExportJob.KIND))
                    .body("status", equalTo("QUEUED"))
                    .extract()
                    .header("Location");
            JsonPath job = finished(location);
            assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
            assertEquals(2, job.getLong("total"));
            assertEquals(2, job.getLong("done"));
            assertEquals(1.0, job.getDouble("progress"));
            assertEquals(2, job.getInt("result.responses"));
            assertEquals(dialect, job.getString("result.dialect"));
            String download = job.getString("resultLocation");
            assertEquals(BASE + "/" + id + "/exports/" + location.substring(JOBS.length()), download);

            byte[] direct = as("corporation")
                    .queryParam("dialect", dialect)
                    .get(BASE + "/" + id + "/exports/responses.csv")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            byte[] stored = as("corporation")
                    .get(download)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/csv"))
                    .header("Content-Disposition", "attachment; filename=\"responses.csv\"")
                    .header("Content-Length", String.valueOf(direct.length))
                    .extract()
                    .asByteArray();
            assertArrayEquals(direct, stored, new String(stored, StandardCharsets.UTF_8));
            assertTrue(new String(stored, StandardCharsets.UTF_8).contains("'=1+1"), "formula defused");
            for (String ref : refs) {
                assertTrue(!new String(stored, StandardCharsets.UTF_8).contains(ref), "no tenantRef in the export");
            }
            // who may not export may not download either; a tenant organisation sees no other party's consultation
            as("ops").get(download).then().statusCode(403).contentType("application/problem+json");
            as("survey-frontend").get(download).then().statusCode(403);
            given().get(download).then().statusCode(401);
            Api.asClient("some-other-organisation", "tenant-organisation")
                    .get(download)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            // the job is its starter's (and ops') to read
            as("ops").get(location).then().statusCode(200);
        }
        // finished jobs are counted by kind and outcome; waiting ones are a gauge: what the alerts and dashboard read
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> metrics = given().get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString()
                    .lines()
                    .toList();
            assertTrue(
                    metrics.stream()
                            .anyMatch(l -> l.startsWith("meedoen_jobs_finished_total{")
                                    && l.contains("kind=\"" + ResponseExportJob.KIND + "\"")
                                    && l.contains("status=\"SUCCEEDED\"")
                                    && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 2),
                    "two export jobs counted as SUCCEEDED");
            assertTrue(metrics.stream()
                    .anyMatch(l -> l.startsWith("meedoen_jobs_live{") && l.contains("status=\"QUEUED\"")));
            assertTrue(metrics.stream().anyMatch(l -> l.startsWith("meedoen_jobs_queued_age_seconds")));
        });
    }

    @Test
    void pweExportJobsGiveTheSameFilesAsTheDirectExports() {
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2");
        String id = Api.ready("PWE", Api.PWE, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        submit(tokens.get(refs.get(0)), "{\"plan\":{\"chosen\":[\"playground\",\"benches\",\"bins\"]}}")
                .then()
                .statusCode(201);
        submit(tokens.get(refs.get(1)), "{\"age\":\"old\",\"plan\":{\"chosen\":[\"football\"]}}")
                .then()
                .statusCode(201);
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        for (Map<String, String> request : List.of(
                Map.of("format", "portchoice.csv", "dialect", "excel-nl"),
                Map.of("format", "portchoice.csv"),
                Map.of("format", "pabulib.pb"),
                Map.of("format", "responses.csv"))) {
            String location = Api.json(as("corporation"), request)
                    .post(BASE + "/" + id + "/exports")
                    .then()
                    .statusCode(202)
                    .extract()
                    .header("Location");
            JsonPath job = finished(location);
            assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
            String format = request.get("format");
            byte[] direct = as("corporation")
                    .queryParam("dialect", request.getOrDefault("dialect", ""))
                    .get(BASE + "/" + id + "/exports/" + format)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            byte[] stored = as("corporation")
                    .get(job.getString("resultLocation"))
                    .then()
                    .statusCode(200)
                    .contentType(containsString(format.endsWith(".pb") ? "text/plain" : "text/csv"))
                    .header(
                            "Content-Disposition",
                            containsString(format.endsWith(".pb") ? "consultation-" + id + ".pb" : format))
                    .extract()
                    .asByteArray();
            assertArrayEquals(direct, stored, request + ": " + new String(stored, StandardCharsets.UTF_8));
        }
    }

    @Test
    void badRequestsAreProblemsAndQueueNothing() {
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(List.of("T-nobody")), "ANONYMOUS");
        String exports = BASE + "/" + id + "/exports";
        Api.json(as("corporation"), Map.of("format", "responses.xlsx"))
                .post(exports)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("format"));
        Api.json(as("corporation"), Map.of("dialect", "excel-nl"))
                .post(exports)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("format"));
        as("corporation")
                .contentType(ContentType.JSON)
                .post(exports)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Api.json(as("corporation"), "{\"format\":")
                .post(exports)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Api.json(as("corporation"), Map.of("format", "responses.csv", "dialect", "xlsx"))
                .post(exports)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("dialect"));
        Api.json(as("corporation"), Map.of("format", "pabulib.pb", "dialect", "excel-nl"))
                .post(exports)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("dialect"));
        Api.json(as("corporation"), Map.of("format", "portchoice.csv"))
                .post(exports)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("PWE"));
        Api.json(as("corporation"), Map.of("format", "responses.csv"))
                .post(BASE + "/" + UUID.randomUUID() + "/exports")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        Api.json(Api.asClient("some-other-organisation", "tenant-organisation"), Map.of("format", "responses.csv"))
                .post(exports)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.json(as("ops"), Map.of("format", "responses.csv"))
                .post(exports)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.json(as("survey-frontend"), Map.of("format", "responses.csv"))
                .post(exports)
                .then()
                .statusCode(403);
        Api.json(given(), Map.of("format", "responses.csv"))
                .post(exports)
                .then()
                .statusCode(401);
        assertEquals(0L, count("SELECT count(*) FROM job WHERE subject LIKE ?1", id + "%"));
        assertEquals(0L, count("SELECT count(*) FROM response_export WHERE consultation_id = CAST(?1 AS uuid)", id));
        as("corporation")
                .get(exports + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("corporation").get(exports + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void aLargeExportIsCancelledMidWayAndLeavesNothingBehind() throws Exception {
        String id = large();
        String location;
        // A lock on the file's chunks holds the job at its first full chunk (about a tenth of the rows), so the cancel
        // lands mid-way however fast the machine writes the rest.
        try (java.sql.Connection blocker = java.sql.DriverManager.getConnection(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("quarkus.datasource.jdbc.url", String.class),
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("quarkus.datasource.username", String.class),
                "")) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE response_export_chunk IN EXCLUSIVE MODE");
            location = Api.json(as("corporation"), Map.of("format", "responses.csv"))
                    .post(BASE + "/" + id + "/exports")
                    .then()
                    .statusCode(202)
                    .extract()
                    .header("Location");
            // a double click starts no second export: 409 naming the job
            Api.json(as("corporation"), Map.of("format", "responses.csv"))
                    .post(BASE + "/" + id + "/exports")
                    .then()
                    .statusCode(409)
                    .body("type", endsWith("/job-in-progress"))
                    .body("detail", containsString(location));
            // no counts at all until the job knows its total
            String running = location;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Number done = as("corporation")
                        .get(running)
                        .then()
                        .extract()
                        .jsonPath()
                        .get("done");
                return done != null && done.longValue() > 0;
            });
            // progress while it runs: responses done of the total, a share, an estimate, and when to ask again
            JsonPath job = as("corporation")
                    .get(location)
                    .then()
                    .statusCode(200)
                    .header("Retry-After", "2")
                    .extract()
                    .jsonPath();
            assertEquals("RUNNING", job.getString("status"), job.prettify());
            assertEquals("writing responses", job.getString("phase"));
            assertEquals(LARGE, job.getLong("total"));
            assertTrue(job.getLong("done") > 0 && job.getLong("done") < LARGE, job.prettify());
            assertTrue(job.getDouble("progress") < 1, job.prettify()); // a share, rounded: a few rows of LARGE read 0.0
            assertTrue(job.get("etaSeconds") != null, job.prettify());
            as("corporation").post(location + "/cancel").then().statusCode(202).body("cancelRequested", equalTo(true));
            blocker.rollback(); // the job goes on, sees the cancel at its next row and stops
        }
        JsonPath job = finished(location);
        assertEquals("CANCELLED", job.getString("status"), job.prettify());
        assertTrue(job.getLong("done") < LARGE, job.prettify());
        assertEquals(LARGE, job.getLong("total"));
        UUID exportId = UUID.fromString(location.substring(JOBS.length()));
        assertEquals(0L, count("SELECT count(*) FROM response_export WHERE id = ?1", exportId));
        assertEquals(0L, count("SELECT count(*) FROM response_export_chunk WHERE export_id = ?1", exportId));
        as("corporation").get(BASE + "/" + id + "/exports/" + exportId).then().statusCode(404);
    }

    @Test
    void aLargeExportRunsAsAJobWhileTheDirectRouteRefusesIt() {
        String id = large();
        as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/export-too-large"))
                .body("detail", containsString("POST /api/v1/consultations/" + id + "/exports"));
        long started = System.nanoTime();
        String location = Api.json(as("corporation"), Map.of("format", "responses.csv", "dialect", "excel-nl"))
                .post(BASE + "/" + id + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        JsonPath job = finished(location);
        long jobMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        assertEquals(LARGE, job.getLong("done"));
        long t = System.nanoTime();
        byte[] file = as("corporation")
                .get(job.getString("resultLocation"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        long downloadMs = (System.nanoTime() - t) / 1_000_000;
        String csv = new String(file, StandardCharsets.UTF_8);
        assertEquals(LARGE + 1, csv.split("\r\n").length);
        assertTrue(csv.contains(";'=HYPERLINK(x) 7;"), "formulas defused");
        System.out.printf(
                "MEASURE export job: %,d responses, excel-nl, %,d bytes: job %,d ms (202 to SUCCEEDED), download %,d ms%n",
                LARGE, file.length, jobMs, downloadMs);
    }

    /**
     * The direct route and the job at the size (figures in the README):
     * {@code ./mvnw -pl consultation-service test -Dtest='ExportJobTest#measure*' -Dexport.measure=true -Dmeedoen.consultation.sync-export-limit=1000000}
     */
    @Test
    @EnabledIfSystemProperty(named = "export.measure", matches = "true")
    void measureTheDirectExportOfALargeConsultation() {
        String id = large();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            byte[] file = as("corporation")
                    .get(BASE + "/" + id + "/exports/responses.csv")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            System.out.printf(
                    "MEASURE direct GET responses.csv: %,d responses, %,d bytes in %,d ms%n",
                    LARGE, file.length, (System.nanoTime() - t) / 1_000_000);
        }
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            String location = Api.json(as("corporation"), Map.of("format", "responses.csv"))
                    .post(BASE + "/" + id + "/exports")
                    .then()
                    .statusCode(202)
                    .extract()
                    .header("Location");
            JsonPath job = finished(location);
            long jobMs = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            byte[] file = as("corporation")
                    .get(job.getString("resultLocation"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            System.out.printf(
                    "MEASURE export job responses.csv: %,d responses, %,d bytes: job %,d ms (202 to SUCCEEDED), download %,d ms%n",
                    LARGE, file.length, jobMs, (System.nanoTime() - t) / 1_000_000);
        }
    }

    @Test
    void anExportExpiresAfterTheRetentionPeriodAndIsDeleted() {
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(List.of("T-nobody")), "ANONYMOUS");
        seed(id, 3);
        String location = Api.json(as("corporation"), Map.of("format", "responses.csv"))
                .post(BASE + "/" + id + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        JsonPath job = finished(location);
        UUID exportId = UUID.fromString(job.getString("result.exportId"));
        OffsetDateTime expiresAt = OffsetDateTime.parse(job.getString("result.expiresAt"));
        assertTrue(
                expiresAt.isAfter(OffsetDateTime.now().plusDays(6))
                        && expiresAt.isBefore(OffsetDateTime.now().plusDays(8)),
                "P7D: " + expiresAt);
        as("corporation").get(job.getString("resultLocation")).then().statusCode(200);
        // a week later: not served, and the scheduler deletes it with its chunks
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE response_export SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                        .setParameter(1, exportId)
                        .executeUpdate());
        as("corporation")
                .get(job.getString("resultLocation"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM response_export_chunk WHERE export_id = ?1", exportId) == 0
                        && count("SELECT count(*) FROM response_export WHERE id = ?1", exportId) == 0);
    }

    @Test
    void anExportWhoseWorkerDiedIsResumedAndOneOutOfAttemptsFailsCleanly() {
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(List.of("T-nobody")), "PSEUDONYMOUS");
        seed(id, 25);
        String input = "{\"consultationId\":\"" + id
                + "\",\"format\":\"responses.csv\",\"dialect\":\"rfc4180\",\"requestedBy\":\"someone\"}";
        // another replica was writing this export when it died: a half file and a RUNNING job with a stale heartbeat
        UUID job = insertRunningJob(id + "/responses.csv/rfc4180/someone", input, 1);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery(
                            "INSERT INTO response_export (id, consultation_id, format, dialect, filename, media_type, requested_by, created_at, expires_at)"
                                    + " VALUES (?1, CAST(?2 AS uuid), 'responses.csv', 'rfc4180', 'responses.csv', 'text/csv', 'someone', now(), now() + interval '1 day')")
                    .setParameter(1, job)
                    .setParameter(2, id)
                    .executeUpdate();
            em.createNativeQuery(
                            "INSERT INTO response_export_chunk (export_id, seq, data) VALUES (?1, 0, CAST('half a file' AS bytea))")
                    .setParameter(1, job)
                    .executeUpdate();
        });
        JsonPath resumed = finished(JOBS + job, "ops");
        assertEquals("SUCCEEDED", resumed.getString("status"), resumed.prettify());
        assertEquals(2L, count("SELECT attempts FROM job WHERE id = ?1", job));
        byte[] direct = as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        byte[] stored = as("corporation")
                .get(resumed.getString("resultLocation"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(direct, stored);

        // one that already had its attempts fails with a problem instead of running forever, and leaves no file to
        // download
        UUID spent = insertRunningJob(id + "/responses.csv/excel-nl/someone", input.replace("rfc4180", "excel-nl"), 3);
        JsonPath failed = finished(JOBS + spent, "ops");
        assertEquals("FAILED", failed.getString("status"), failed.prettify());
        assertEquals("https://meedoen.nl/problems/job-interrupted", failed.getString("problem.type"));
        as("corporation").get(BASE + "/" + id + "/exports/" + spent).then().statusCode(404);
    }

    @Test
    void theJobRouteIsDocumentedWith202AndLocation() {
        io.restassured.path.json.JsonPath doc = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> post = doc.getMap("paths.'/api/v1/consultations/{id}/exports'.post");
        assertTrue(post != null, "POST .../exports documented");
        assertEquals(
                Boolean.TRUE,
                doc.get("paths.'/api/v1/consultations/{id}/exports'.post.responses.'202'.headers.Location") != null);
        for (String status : List.of("400", "401", "403", "404", "409")) {
            assertTrue(
                    doc.get("paths.'/api/v1/consultations/{id}/exports'.post.responses.'" + status + "'") != null,
                    status);
        }
        assertTrue(doc.get("paths.'/api/v1/consultations/{id}/exports/{exportId}'.get.responses.'200'") != null);
        assertTrue(doc.get("paths.'/api/v1/jobs/consultation/{id}'.get") != null);
        assertTrue(doc.get("paths.'/api/v1/jobs/consultation/{id}/cancel'.post") != null);
    }

    private JsonPath finished(String location) {
        return finished(location, "corporation");
    }

    private JsonPath finished(String location, String role) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String status = as(role).get(location)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
                    return !"QUEUED".equals(status) && !"RUNNING".equals(status);
                });
        return as(role).get(location).then().statusCode(200).extract().jsonPath();
    }

    /** One consultation with {@link #LARGE} responses, seeded once with SQL (the respondent API is tested elsewhere). */
    private synchronized String large() {
        if (large == null) {
            String id = Api.ready("SURVEY", Api.SURVEY, Api.list(List.of("T-nobody")), "PSEUDONYMOUS");
            long t = System.nanoTime();
            seed(id, LARGE);
            System.out.printf("MEASURE seeded %,d responses in %,d ms%n", LARGE, (System.nanoTime() - t) / 1_000_000);
            large = id;
        }
        return large;
    }

    private void seed(String id, int n) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "INSERT INTO response (id, consultation_id, questionnaire_version, submitted_on, answers)"
                                        + " SELECT gen_random_uuid(), c.id, c.questionnaire_version, current_date - (i % 20),"
                                        + " '{\"kids\":\"' || CASE WHEN i % 3 = 0 THEN 'no' ELSE 'yes' END || '\",\"howMany\":' || (1 + i % 4)"
                                        + " || ',\"use\":[\"slide\",\"swings\"],\"satisfaction\":' || (1 + i % 5) || ',\"remarks\":\"=HYPERLINK(x) ' || (i % 10) || '\""
                                        + ",\"priority\":[\"green\",\"safety\",\"play\"]}'"
                                        + " FROM consultation c, generate_series(1, ?2) i WHERE c.id = CAST(?1 AS uuid)")
                        .setParameter(1, id)
                        .setParameter(2, n)
                        .executeUpdate());
    }

    private UUID insertRunningJob(String subject, String input, int attempts) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("INSERT INTO job (id, kind, subject, status, input, started_by,"
                                + " attempts, worker, heartbeat_at, created_at, started_at, updated_at, phase)"
                                + " VALUES (?1, ?2, ?3, 'RUNNING', ?4, 'someone', ?5, 'another-replica', now() - interval '1 hour', now(), now() - interval '1 hour', now(),"
                                + " 'writing responses')")
                        .setParameter(1, id)
                        .setParameter(2, ResponseExportJob.KIND)
                        .setParameter(3, subject)
                        .setParameter(4, input)
                        .setParameter(5, attempts)
                        .executeUpdate());
        return id;
    }

    private long count(String sql, Object parameter) {
        return ((Number) QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery(sql)
                                .setParameter(1, parameter)
                                .getSingleResult()))
                .longValue();
    }
}
