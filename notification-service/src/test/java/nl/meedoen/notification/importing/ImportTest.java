package nl.meedoen.notification.importing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ImportTest {

    static String prefix() {
        return "I" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    static String upload(String contentType, String body) {
        return as("corporation").contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tenant-imports")
                .then().statusCode(202).header("Location", containsString("/api/v1/tenant-imports/"))
                .extract().jsonPath().getString("id");
    }

    static JsonPath awaitDone(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                !as("ops").get("/api/v1/tenant-imports/" + id).then().extract().jsonPath().getString("status").matches("QUEUED|RUNNING"));
        return as("ops").get("/api/v1/tenant-imports/" + id).then().statusCode(200).extract().jsonPath();
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
        as("ops").get("/api/v1/tenants/" + p + "2").then().statusCode(200).body("name", equalTo("Jansen, Piet"))
                .body("address.postcode", equalTo("2345 CD")).body("preferredChannel", equalTo("LETTER"));
        as("ops").get("/api/v1/tenants/" + p + "4").then().statusCode(404);
        as("corporation").get("/api/v1/tenant-imports/" + id + "/errors").then().statusCode(200)
                .body("items.field", hasItems("email", "address.postcode", "language", "profile.householdType", "address.houseNumber", "tenantRef"))
                .body("items.find { it.row == 4 }.tenantRef", equalTo(p + "4"))
                .body("items.find { it.row == 4 }.message", containsString("1234 AB"));
        var page = as("corporation").queryParam("limit", 2).get("/api/v1/tenant-imports/" + id + "/errors").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, page.getList("items").size());
        as("corporation").queryParam("after", page.getString("next")).get("/api/v1/tenant-imports/" + id + "/errors").then().statusCode(200)
                .body("items[0].row", org.hamcrest.Matchers.greaterThanOrEqualTo(4));

        JsonPath again = awaitDone(upload("text/csv", csv(p)));
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(3, again.getInt("unchanged"));
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
        as("ops").get("/api/v1/tenants/" + p + "2").then().statusCode(200).body("name", equalTo("Nguyễn; Văn\r\nAnh"))
                .body("address.street", equalTo("Kerkweg; achter")).body("preferredChannel", equalTo("LETTER"));
        as("ops").get("/api/v1/tenants/" + p + "5").then().statusCode(200).body("name", equalTo("İlkay Şahin"));
        as("ops").get("/api/v1/tenants/" + p + "3").then().statusCode(404);
        // the rows are the data rows (1 = the first after the header), the field the CSV column
        var errors = as("corporation").get("/api/v1/tenant-imports/" + done.getString("id") + "/errors").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(3, 4), errors.getList("items.row", Integer.class));
        assertEquals(List.of("name", "houseNumber"), errors.getList("items.field"));
        assertEquals(List.of(p + "3", p + "4"), errors.getList("items.tenantRef"));
        assertTrue(errors.getString("items[0].message").contains("quotes"), errors.getString("items[0].message"));
        assertTrue(errors.getString("items[1].message").contains("4 of the 9 values"), errors.getString("items[1].message"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLine() {
        byte[] windows1252 = ("tenantRef;name\r\nT-1;Anna\r\nT-2;Ren\u00e9e\r\n").getBytes(StandardCharsets.ISO_8859_1);
        as("corporation").contentType("text/csv").body(windows1252).post("/api/v1/tenant-imports").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("line 3 is not UTF-8"));
    }

    @jakarta.inject.Inject
    ImportService imports;

    @Test
    void anImportCutOffByAStopIsTakenOverAndResumesAfterTheRowsItHadStored() throws Exception {
        // the state a crash or shutdown leaves: RUNNING, no heartbeat for long, its spool file still there, 2 of 4 rows stored
        String p = prefix();
        java.nio.file.Path spool = java.nio.file.Files.createTempFile("tenant-import-", ".upload");
        java.nio.file.Files.writeString(spool, """
                tenantRef,name,email,street,houseNumber,postcode,city,language,preferredChannel
                %1$s1,Eerste,,Dorpsstraat,1,1234 AB,Utrecht,nl,LETTER
                %1$s2,Tweede,,Dorpsstraat,2,1234 AB,Utrecht,nl,LETTER
                %1$s3,Derde,,Dorpsstraat,3,1234 AB,Utrecht,nl,LETTER
                %1$s4,Vierde,not-an-email,Dorpsstraat,4,1234 AB,Utrecht,nl,EMAIL
                """.formatted(p));
        UUID id = unfinishedImport(spool.toString(), 4, 2, java.time.OffsetDateTime.now().minusMinutes(3));

        imports.takeOverStale(); // what every replica does every 30 s

        JsonPath done = awaitDone(id.toString());
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(4, done.getInt("processed"));
        assertEquals(3, done.getInt("created"));
        assertEquals(1, done.getInt("rejected"));
        as("ops").get("/api/v1/tenants/" + p + "1").then().statusCode(404); // stored before the stop: not read again
        as("ops").get("/api/v1/tenants/" + p + "3").then().statusCode(200).body("name", equalTo("Derde"));
        as("corporation").get("/api/v1/tenant-imports/" + id + "/errors").then().statusCode(200)
                .body("items[0].row", equalTo(4)).body("items[0].field", equalTo("email"));
        assertEquals(false, java.nio.file.Files.exists(spool));
    }

    /** A RUNNING import as its process left it: {@code stored} of {@code rows} rows done, last heartbeat then. */
    static UUID unfinishedImport(String spoolPath, int rows, int stored, java.time.OffsetDateTime heartbeat) {
        UUID id = UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            TenantImport i = new TenantImport();
            i.id = id;
            i.format = "CSV";
            i.status = TenantImport.Status.RUNNING.name();
            i.totalRows = rows;
            i.processed = stored;
            i.created = stored;
            i.spoolPath = spoolPath;
            i.createdAt = java.time.OffsetDateTime.now().minusMinutes(30);
            i.heartbeatAt = heartbeat;
            i.persist();
        });
        return id;
    }

    @Test
    void anImportRunningOnAnotherReplicaIsLeftAloneAndOneWhoseProcessIsGoneForLongFails() {
        String elsewhere = "/nonexistent/tenant-import.upload"; // another replica's spool file
        UUID alive = unfinishedImport(elsewhere, 10, 0, java.time.OffsetDateTime.now());
        UUID lost = unfinishedImport(elsewhere, 10, 0, java.time.OffsetDateTime.now().minusMinutes(5));
        imports.takeOverStale();
        as("ops").get("/api/v1/tenant-imports/" + alive).then().statusCode(200).body("status", equalTo("RUNNING"));
        as("ops").get("/api/v1/tenant-imports/" + lost).then().statusCode(200).body("status", equalTo("FAILED"));
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
        as("ops").get("/api/v1/tenants/" + p + "5").then().statusCode(200).body("profile.dwellingType", equalTo("SENIOR_HOUSING"));
    }

    @Test
    void oversizedUploadsAre413AndBadUploadsAreProblems() {
        StringBuilder many = new StringBuilder("tenantRef,name,street,houseNumber,postcode,city\n");
        for (int i = 0; i < 1001; i++) {
            many.append("R").append(i).append(",N,S,1,1234 AB,C\n");
        }
        as("corporation").contentType("text/csv").body(many.toString().getBytes()).post("/api/v1/tenant-imports")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("1000 rows"));
        byte[] huge = new byte[1_100_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        as("corporation").contentType("application/x-ndjson").body(huge).post("/api/v1/tenant-imports")
                .then().statusCode(413).contentType("application/problem+json");
        as("corporation").contentType("text/csv").body("tenantRef,shoeSize\nT-1,44\n".getBytes()).post("/api/v1/tenant-imports")
                .then().statusCode(422).body("detail", containsString("shoeSize"));
        as("corporation").contentType("text/csv").body(new byte[0]).post("/api/v1/tenant-imports").then().statusCode(422);
        as("corporation").contentType("application/json").body("{}").post("/api/v1/tenant-imports").then().statusCode(415);
        as("ops").get("/api/v1/tenant-imports/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().contentType("text/csv").body("x".getBytes()).post("/api/v1/tenant-imports").then().statusCode(401);
        as("ops").contentType("text/csv").body("x".getBytes()).post("/api/v1/tenant-imports").then().statusCode(403);
        as("tenant-organisation").get("/api/v1/tenant-imports/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void anIdempotencyKeyReplaysTheImport() {
        String p = prefix();
        String key = "imp-" + UUID.randomUUID();
        String first = as("corporation").header("Idempotency-Key", key).contentType("text/csv").body(csv(p).getBytes())
                .post("/api/v1/tenant-imports").then().statusCode(202).extract().jsonPath().getString("id");
        as("corporation").header("Idempotency-Key", key).contentType("text/csv").body(csv(p).getBytes())
                .post("/api/v1/tenant-imports").then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        as("corporation").header("Idempotency-Key", key).contentType("text/csv").body(csv(prefix()).getBytes())
                .post("/api/v1/tenant-imports").then().statusCode(422);
        awaitDone(first);
    }
}
