package nl.meedoen.notification.importing;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest {

    static String prefix() {
        return "I" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    static String upload(String contentType, String body) {
        var response = as("corporation")
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/jobs/notification/"))
                .extract();
        assertEquals(response.header("Location"), response.jsonPath().getString("job"), "the import names its job");
        return response.jsonPath().getString("id");
    }

    static JsonPath awaitDone(String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !as("ops")
                        .get("/api/v1/tenant-imports/" + id)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("status")
                        .matches("QUEUED|RUNNING"));
        return as("ops")
                .get("/api/v1/tenant-imports/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String csv(String p) {
        return """
                tenantRef,name,email,street,houseNumber,houseNumberSuffix,postcode,city,language,preferredChannel,neighbourhoodCode,birthYear,householdType
                %1$s1,Anna de Vries,anna@example.nl,Dorpsstraat,12,A,1234 ab,Utrecht,nl,EMAIL,BU03440101,1980,SINGLE
                %1$s2,"Jansen, Piet",,Kerkweg,3,,2345CD,Zeist,en,LETTER,,1950,COUPLE
                %1$s3,Bad Email,not-an-email,Dorpsstraat,1,,1234 AB,Utrecht,nl,EMAIL,,,
                %1$s4,Bad Postcode,,Dorpsstraat,1,,0234 AB,Utrecht,nl,EMAIL,,,
                %1$s5,Bad Language,,Dorpsstraat,1,,1234 AB,Utrecht,dutch,EMAIL,,,
                %1$s6,Castle,,Dorpsstraat,1,,1234 AB,Utrecht,nl,EMAIL,,,CASTLE
                %1$s7,,,Dorpsstraat,one,,1234 AB,Utrecht,nl,EMAIL,,,
                bad ref,Someone,,Dorpsstraat,1,,1234 AB,Utrecht,nl,EMAIL,,,
                %1$s9,Carla,carla@example.nl,Laan,9,,3456 EF,Amersfoort,nl,EMAIL,BU03440102,2001,FAMILY_WITH_CHILDREN
                """.formatted(p);
    }

    @Test
    void aCsvImportReportsEveryBadRowAndKeepsTheGoodOnesAndIsIdempotent() {
        String p = prefix();
        String id = upload("text/csv", csv(p));
        JsonPath done = awaitDone(id);
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(9, done.getInt("totalRows"));
        assertEquals(9, done.getInt("processed"));
        assertEquals(3, done.getInt("created"));
        assertEquals(6, done.getInt("rejected"));
        as("ops")
                .get("/api/v1/tenants/" + p + "2")
                .then()
                .statusCode(200)
                .body("name", equalTo("Jansen, Piet"))
                .body("address.postcode", equalTo("2345 CD"))
                .body("preferredChannel", equalTo("LETTER"));
        as("ops").get("/api/v1/tenants/" + p + "4").then().statusCode(404);
        as("corporation")
                .get("/api/v1/tenant-imports/" + id + "/errors")
                .then()
                .statusCode(200)
                .body(
                        "items.field",
                        hasItems(
                                "email",
                                "address.postcode",
                                "language",
                                "profile.householdType",
                                "address.houseNumber",
                                "tenantRef"))
                .body("items.find { it.row == 4 }.tenantRef", equalTo(p + "4"))
                .body("items.find { it.row == 4 }.message", containsString("1234 AB"));
        var page = as("corporation")
                .queryParam("limit", 2)
                .get("/api/v1/tenant-imports/" + id + "/errors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, page.getList("items").size());
        as("corporation")
                .queryParam("after", page.getString("next"))
                .get("/api/v1/tenant-imports/" + id + "/errors")
                .then()
                .statusCode(200)
                .body("items[0].row", org.hamcrest.Matchers.greaterThanOrEqualTo(4));

        JsonPath again = awaitDone(upload("text/csv", csv(p)));
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(3, again.getInt("unchanged"));
    }

    @jakarta.inject.Inject
    nl.meedoen.notification.tenant.HouseholdKeys householdKeys;

    static void putTenant(String ref, String name, int houseNumber) {
        as("corporation")
                .contentType("application/json")
                .body("""
                        {"name":"%s","address":{"street":"Laan","houseNumber":%d,"postcode":"1234 AB","city":"Utrecht"}}""".formatted(name, houseNumber))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(201)
                .header("ETag", "\"0\"");
    }

    /** The outbox rows of the tenants starting with the prefix, in the order they were written: key → payload. */
    List<String[]> profileEvents(String p) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows =
                    em.createNativeQuery("""
                            SELECT event_key, payload FROM outbox_event
                            WHERE topic = 'tenants.profile.v1' AND event_key LIKE ?1 ORDER BY id""").setParameter(1, p + "%").getResultList();
            return rows.stream()
                    .map(r -> new String[] {(String) r[0], (String) r[1]})
                    .toList();
        });
    }

    long unpublished(String p) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM outbox_event WHERE event_key LIKE ?1 AND published_at IS NULL")
                                .setParameter(1, p + "%")
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void aChunkThatCreatesUpdatesKeepsAndRejectsCountsEachRowAsTheSingleApiWouldAndPublishesEachChange() {
        String p = prefix();
        putTenant(p + "1", "Oud", 1); // changed by the import
        putTenant(p + "2", "Zelfde", 2); // imported as it is
        // 3 new; 4 rejected; 5 new, then changed by a later row of the same chunk; 6 new, then the same again
        String file = """
                tenantRef,name,email,street,houseNumber,houseNumberSuffix,postcode,city,language,birthYear,tenancyStart,dwellingType
                %1$s1,Nieuw,,Laan,1,,1234 AB,Utrecht,,,,
                %1$s2,Zelfde,,Laan,2,,1234 AB,Utrecht,,,,
                %1$s3,"Drie \\ ""tab""\tx",drie@example.nl,Laan,3,b-2,1234ab,Utrecht,en,1990,2015-03-01,APARTMENT
                %1$s4,Vier,not-an-email,Laan,4,,1234 AB,Utrecht,,,,
                %1$s5,Vijf,,Laan,5,,1234 AB,Utrecht,,,,
                %1$s6,Zes,,Laan,6,,1234 AB,Utrecht,,,,
                %1$s5,Vijf,,Laan,55,,1234 AB,Utrecht,,,,
                %1$s6,Zes,,Laan,6,,1234 AB,Utrecht,,,,
                """.formatted(p);
        JsonPath done = awaitDone(upload("text/csv", file));
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(8, done.getInt("processed"));
        assertEquals(3, done.getInt("created"), "3, 5 and 6");
        assertEquals(2, done.getInt("updated"), "1, and 5 by its second row");
        assertEquals(2, done.getInt("unchanged"), "2, and 6 by its second row");
        assertEquals(1, done.getInt("rejected"));
        as("corporation")
                .get("/api/v1/tenant-imports/" + done.getString("id") + "/errors")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].row", equalTo(4))
                .body("items[0].tenantRef", equalTo(p + "4"))
                .body("items[0].field", equalTo("email"));

        as("ops")
                .get("/api/v1/tenants/" + p + "1")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Nieuw"));
        as("ops").get("/api/v1/tenants/" + p + "2").then().statusCode(200).header("ETag", "\"0\"");
        var three = as("ops")
                .get("/api/v1/tenants/" + p + "3")
                .then()
                .statusCode(200)
                .extract();
        assertEquals("\"0\"", three.header("ETag"));
        assertEquals( // every column as the COPY of new tenants wrote it, the household key of the normalised address
                "Drie \\ \"tab\"\tx|drie@example.nl|en|1234 AB|b-2|1990|2015-03-01|APARTMENT|"
                        + householdKeys.of("1234 AB", 3, "B2"),
                String.join(
                        "|",
                        three.path("name"),
                        three.path("email"),
                        three.path("language"),
                        three.path("address.postcode"),
                        three.path("address.houseNumberSuffix"),
                        three.path("profile.birthYear").toString(),
                        three.path("profile.tenancyStart"),
                        three.path("profile.dwellingType"),
                        three.path("householdKey")));
        as("ops").get("/api/v1/tenants/" + p + "4").then().statusCode(404);
        as("ops")
                .get("/api/v1/tenants/" + p + "5")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("address.houseNumber", equalTo(55))
                .body("householdKey", equalTo(householdKeys.of("1234 AB", 55, null)));
        as("ops").get("/api/v1/tenants/" + p + "6").then().statusCode(200).header("ETag", "\"0\"");

        // one event per new or changed row, in row order; the two PUTs wrote the first two
        List<String[]> events = profileEvents(p);
        assertEquals(
                List.of(p + "1", p + "2", p + "1", p + "3", p + "5", p + "6", p + "5"),
                events.stream().map(e -> e[0]).toList());
        assertTrue(
                events.get(3)[1].contains("\"householdKey\":\"" + householdKeys.of("1234 AB", 3, "B2") + "\""),
                events.get(3)[1]);
        assertTrue(events.get(3)[1].contains("\"language\":\"en\""), events.get(3)[1]);
        assertTrue(events.get(4)[1].contains(householdKeys.of("1234 AB", 5, null)), events.get(4)[1]);
        assertTrue(events.get(6)[1].contains(householdKeys.of("1234 AB", 55, null)), events.get(6)[1]);
        Awaitility.await() // and the relay hands them to Kafka like any other
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> unpublished(p) == 0);

        JsonPath again = awaitDone(upload("text/csv", file)); // the file once more: only 5's two rows still differ
        assertEquals(0, again.getInt("created"));
        assertEquals(2, again.getInt("updated"), "5 back to 5, then to 55");
        assertEquals(5, again.getInt("unchanged"));
        as("ops").get("/api/v1/tenants/" + p + "5").then().header("ETag", "\"3\"");
        assertEquals(9, profileEvents(p).size());
    }

    @Test
    void aFileAsDutchExcelSavesItIsImportedRowByRowAndABrokenRowIsReportedWithItsColumn() {
        // "CSV UTF-8 (gescheiden door lijstscheidingsteken)": byte-order mark, ';', CRLF, quotes only where needed
        String p = prefix();
        String file = "\uFEFFtenantRef;name;email;street;houseNumber;postcode;city;language;preferredChannel\r\n"
                + p + "1;Łukasz Żółć;lukasz@example.pl;Dorpsstraat;1;1234 AB;Utrecht;pl;EMAIL\r\n"
                + p + "2;\"Nguyễn; Văn\r\nAnh\";;\"Kerkweg; achter\";2;2345 CD;Zeist;vi;LETTER\r\n"
                + p + "3;\"Anna \"de\" Vries\";;Laan;3;3456 EF;Ede;nl;LETTER\r\n"
                + p + "4;Piet;;Laan\r\n"
                + p + "5;İlkay Şahin;ilkay@example.nl;Laan;5;3456 EF;Amersfoort;tr;EMAIL\r\n";
        JsonPath done = awaitDone(upload("text/csv", file));
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(5, done.getInt("totalRows"), "the line break inside the quoted value is no row");
        assertEquals(5, done.getInt("processed"));
        assertEquals(3, done.getInt("created"));
        assertEquals(2, done.getInt("rejected"));
        as("ops").get("/api/v1/tenants/" + p + "1").then().statusCode(200).body("name", equalTo("Łukasz Żółć"));
        as("ops")
                .get("/api/v1/tenants/" + p + "2")
                .then()
                .statusCode(200)
                .body("name", equalTo("Nguyễn; Văn\r\nAnh"))
                .body("address.street", equalTo("Kerkweg; achter"))
                .body("preferredChannel", equalTo("LETTER"));
        as("ops").get("/api/v1/tenants/" + p + "5").then().statusCode(200).body("name", equalTo("İlkay Şahin"));
        as("ops").get("/api/v1/tenants/" + p + "3").then().statusCode(404);
        // the rows are the data rows (1 = the first after the header), the field the CSV column
        var errors = as("corporation")
                .get("/api/v1/tenant-imports/" + done.getString("id") + "/errors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(3, 4), errors.getList("items.row", Integer.class));
        assertEquals(List.of("name", "houseNumber"), errors.getList("items.field"));
        assertEquals(List.of(p + "3", p + "4"), errors.getList("items.tenantRef"));
        assertTrue(errors.getString("items[0].message").contains("quotes"), errors.getString("items[0].message"));
        assertTrue(
                errors.getString("items[1].message").contains("4 of the 9 values"),
                errors.getString("items[1].message"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLine() {
        byte[] windows1252 = ("tenantRef;name\r\nT-1;Anna\r\nT-2;Ren\u00e9e\r\n").getBytes(StandardCharsets.ISO_8859_1);
        as("corporation")
                .contentType("text/csv")
                .body(windows1252)
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("line 3 is not UTF-8"));
    }

    @Test
    void theLocationIsAJobThatShowsRowsDoneAndLinksTheImportWhenDone() {
        String p = prefix();
        var response = as("corporation")
                .contentType("text/csv")
                .body(csv(p).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(202)
                .header("Retry-After", "1")
                .body("status", equalTo("QUEUED"))
                .body("totalRows", equalTo(9))
                .extract();
        String job = response.header("Location");
        String id = response.jsonPath().getString("id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "SUCCEEDED"
                        .equals(as("corporation")
                                .get(job)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("status")));
        as("corporation")
                .get(job)
                .then()
                .statusCode(200)
                .body("kind", equalTo("tenant-import"))
                .body("subject", equalTo(id))
                .body("done", equalTo(9))
                .body("total", equalTo(9))
                .body("progress", equalTo(1.0f))
                .body("resultLocation", equalTo("/api/v1/tenant-imports/" + id))
                .body("result.created", equalTo(3))
                .body("result.rejected", equalTo(6))
                .body("self", equalTo(job));
        as("corporation")
                .get("/api/v1/tenant-imports/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("job", equalTo(job));
        assertEquals(
                0L,
                uploadParts(UUID.fromString(id)),
                "the staged upload (personal data) is deleted when the import is done");
        // a finished job cannot be cancelled; a job of somebody else does not exist for the caller
        as("corporation").post(job + "/cancel").then().statusCode(409).contentType("application/problem+json");
        as("tenant-organisation").get(job).then().statusCode(404).contentType("application/problem+json");
        as("corporation")
                .get("/api/v1/jobs/notification/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @Test
    void anImportCutOffByAStopIsResumedByTheJobRunnerAfterTheRowsItHadStored() {
        // the state a crash leaves: the import RUNNING with 2 of 4 rows stored, its job RUNNING on a worker that
        // stopped long ago
        String p = prefix();
        UUID id = unfinishedImport(
                """
                tenantRef,name,email,street,houseNumber,postcode,city,language,preferredChannel
                %1$s1,Eerste,,Dorpsstraat,1,1234 AB,Utrecht,nl,LETTER
                %1$s2,Tweede,,Dorpsstraat,2,1234 AB,Utrecht,nl,LETTER
                %1$s3,Derde,,Dorpsstraat,3,1234 AB,Utrecht,nl,LETTER
                %1$s4,Vierde,not-an-email,Dorpsstraat,4,1234 AB,Utrecht,nl,EMAIL
                """.formatted(p), 4, 2, 1, java.time.OffsetDateTime.now().minusMinutes(3));

        JsonPath done =
                awaitDone(id.toString()); // the runner sees the silent worker and queues the resumable job again
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(4, done.getInt("processed"));
        assertEquals(3, done.getInt("created"));
        assertEquals(1, done.getInt("rejected"));
        as("ops").get("/api/v1/tenants/" + p + "1").then().statusCode(404); // stored before the stop: not read again
        as("ops").get("/api/v1/tenants/" + p + "3").then().statusCode(200).body("name", equalTo("Derde"));
        as("corporation")
                .get("/api/v1/tenant-imports/" + id + "/errors")
                .then()
                .statusCode(200)
                .body("items[0].row", equalTo(4))
                .body("items[0].field", equalTo("email"));
        as("ops")
                .get(done.getString("job"))
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("resultLocation", equalTo("/api/v1/tenant-imports/" + id));
        assertEquals(0L, uploadParts(id));
    }

    @Test
    void anImportWhoseWorkerStoppedTooOftenFailsCleanlyAndOneStillAliveElsewhereIsLeftAlone() {
        String p = prefix();
        String file = "tenantRef,name,street,houseNumber,postcode,city\n" + p + "1,Een,Laan,1,1234 AB,Utrecht\n";
        UUID alive = unfinishedImport(
                file.replace(p, p + "A"),
                1,
                0,
                1,
                java.time.OffsetDateTime.now().plusSeconds(2));
        UUID lost = unfinishedImport(
                file, 1, 0, 3, java.time.OffsetDateTime.now().minusMinutes(5)); // meedoen.jobs.max-attempts: 3
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "FAILED"
                        .equals(as("ops")
                                .get("/api/v1/tenant-imports/" + lost)
                                .then()
                                .extract()
                                .path("status")));
        as("ops").get("/api/v1/tenant-imports/" + alive).then().statusCode(200).body("status", equalTo("RUNNING"));
        String job =
                as("ops").get("/api/v1/tenant-imports/" + lost).then().extract().path("job");
        as("ops")
                .get(job)
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("problem.type", equalTo("https://meedoen.nl/problems/job-interrupted"))
                .body("problem.status", equalTo(503));
        assertEquals(0L, uploadParts(lost), "a failed import's upload is deleted");
        as("ops").get("/api/v1/tenants/" + p + "1").then().statusCode(404);
    }

    @Test
    void anImportWhoseUploadIsGoneFailsWithAProblemAndStoresNothing() {
        String p = prefix();
        UUID id = unfinishedImport(
                "tenantRef,name,street,houseNumber,postcode,city\n" + p + "1,Een,Laan,1,1234 AB,Utrecht\n",
                1,
                0,
                1,
                java.time.OffsetDateTime.now().minusMinutes(3));
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("DELETE FROM tenant_import_upload WHERE import_id = ?1")
                        .setParameter(1, id)
                        .executeUpdate());
        JsonPath done = awaitDone(id.toString());
        assertEquals("FAILED", done.getString("status"));
        assertEquals(0, done.getInt("processed"));
        as("ops")
                .get(done.getString("job"))
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("problem.type", equalTo("https://meedoen.nl/problems/import-upload-gone"))
                .body("problem.status", equalTo(410))
                .body("resultLocation", org.hamcrest.Matchers.nullValue());
        as("ops").get("/api/v1/tenants/" + p + "1").then().statusCode(404);
    }

    @Test
    void aCancelledImportKeepsWhatItStoredAndDropsItsUpload() {
        // a job running on a worker that is alive but slow: cancel asks it to stop; when it stops (here: falls silent),
        // it is CANCELLED
        String p = prefix();
        UUID id = unfinishedImport(
                "tenantRef,name,street,houseNumber,postcode,city\n" + p + "1,Een,Laan,1,1234 AB,Utrecht\n" + p
                        + "2,Twee,Laan,2,1234 AB,Utrecht\n",
                2,
                1,
                1,
                java.time.OffsetDateTime.now());
        String job =
                as("ops").get("/api/v1/tenant-imports/" + id).then().extract().path("job");
        as("ops")
                .post(job + "/cancel")
                .then()
                .statusCode(202)
                .body("cancelRequested", equalTo(true))
                .header("Location", job);
        JsonPath done = awaitDone(id.toString());
        assertEquals("CANCELLED", done.getString("status"));
        assertEquals(1, done.getInt("processed"), "the rows stored before the cancel stay counted");
        as("ops")
                .get(job)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("problem.type", equalTo("https://meedoen.nl/problems/job-cancelled"));
        assertEquals(0L, uploadParts(id));
        as("ops").get("/api/v1/tenants/" + p + "2").then().statusCode(404);
    }

    /**
     * An import as a stopped process left it: {@code stored} of {@code rows} rows done, its upload staged, its job
     * RUNNING on a worker that last gave a sign of life at {@code heartbeat}, in its {@code attempt}th run.
     */
    UUID unfinishedImport(String file, int rows, int stored, int attempt, java.time.OffsetDateTime heartbeat) {
        UUID id = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            TenantImport i = new TenantImport();
            i.id = id;
            i.format = "CSV";
            i.status = TenantImport.Status.RUNNING.name();
            i.totalRows = rows;
            i.processed = stored;
            i.created = stored;
            i.createdAt = java.time.OffsetDateTime.now().minusMinutes(30);
            i.jobId = job;
            i.persist();
            em.flush();
            em.createNativeQuery("INSERT INTO tenant_import_upload (import_id, part, data) VALUES (?1, 0, ?2)")
                    .setParameter(1, id)
                    .setParameter(2, file.getBytes(StandardCharsets.UTF_8))
                    .executeUpdate();
            em.createNativeQuery("""
                            INSERT INTO job (id, kind, subject, status, phase, done, total, started_by, attempts, worker, heartbeat_at,
                                             created_at, started_at, updated_at)
                            VALUES (?1, 'tenant-import', ?2, 'RUNNING', 'importing rows', ?3, ?4, 'system', ?5, 'a-stopped-worker', ?6, ?7, ?7, ?6)""")
                    .setParameter(1, job)
                    .setParameter(2, id.toString())
                    .setParameter(3, (long) stored)
                    .setParameter(4, (long) rows)
                    .setParameter(5, attempt)
                    .setParameter(6, heartbeat)
                    .setParameter(7, java.time.OffsetDateTime.now().minusMinutes(30))
                    .executeUpdate();
        });
        return id;
    }

    long uploadParts(UUID id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> ((Number)
                                em.createNativeQuery("SELECT count(*) FROM tenant_import_upload WHERE import_id = ?1")
                                        .setParameter(1, id)
                                        .getSingleResult())
                        .longValue());
    }

    @Test
    void ndjsonRowsWithUnknownFieldsOrBrokenJsonAreRejectedOneByOne() {
        String p = prefix();
        String body = """
                {"tenantRef":"%1$s1","name":"Anna","email":"anna@example.nl","address":{"street":"Dorpsstraat","houseNumber":12,"postcode":"1234 AB","city":"Utrecht"},"language":"en"}
                {"tenantRef":"%1$s2","name":"Bob","address":{"street":"Dorpsstraat","houseNumber":12,"postcode":"1234 AB","city":"Utrecht"},"shoeSize":44}
                {"tenantRef":"%1$s3","name":
                [1,2]

                {"tenantRef":"%1$s5","name":"Eve","address":{"street":"Dorpsstraat","houseNumber":14,"postcode":"1234 AB","city":"Utrecht"},"profile":{"dwellingType":"SENIOR_HOUSING"}}
                """.formatted(p);
        JsonPath done = awaitDone(upload("application/x-ndjson", body));
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(2, done.getInt("created"));
        assertEquals(3, done.getInt("rejected"));
        as("ops")
                .get("/api/v1/tenants/" + p + "5")
                .then()
                .statusCode(200)
                .body("profile.dwellingType", equalTo("SENIOR_HOUSING"));
    }

    @Test
    void oversizedUploadsAre413AndBadUploadsAreProblems() {
        StringBuilder many = new StringBuilder("tenantRef,name,street,houseNumber,postcode,city\n");
        for (int i = 0; i < 1001; i++) {
            many.append("R").append(i).append(",N,S,1,1234 AB,C\n");
        }
        as("corporation")
                .contentType("text/csv")
                .body(many.toString().getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("1000 rows"));
        byte[] huge = new byte[1_100_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        as("corporation")
                .contentType("application/x-ndjson")
                .body(huge)
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        as("corporation")
                .contentType("text/csv")
                .body("tenantRef,shoeSize\nT-1,44\n".getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(422)
                .body("detail", containsString("shoeSize"));
        as("corporation")
                .contentType("text/csv")
                .body(new byte[0])
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(422);
        as("corporation")
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(415);
        as("ops")
                .get("/api/v1/tenant-imports/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType("text/csv")
                .body("x".getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(401);
        as("ops")
                .contentType("text/csv")
                .body("x".getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(403);
        as("tenant-organisation")
                .get("/api/v1/tenant-imports/" + UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    @Test
    void anIdempotencyKeyReplaysTheImport() {
        String p = prefix();
        String key = "imp-" + UUID.randomUUID();
        var created = as("corporation")
                .header("Idempotency-Key", key)
                .contentType("text/csv")
                .body(csv(p).getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(202)
                .extract();
        String first = created.jsonPath().getString("id");
        as("corporation")
                .header("Idempotency-Key", key)
                .contentType("text/csv")
                .body(csv(p).getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first))
                .header("Location", equalTo(created.header("Location")));
        as("corporation")
                .header("Idempotency-Key", key)
                .contentType("text/csv")
                .body(csv(prefix()).getBytes())
                .post("/api/v1/tenant-imports")
                .then()
                .statusCode(422);
        awaitDone(first);
    }
}
