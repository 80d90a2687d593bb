package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Privacy guarantees of the running platform: personal contact data has one home (notification),
 * it never reaches a log, one call answers the right of access, reading or erasing it is audited, an erasure
 * leaves nothing in any database but what the retention table keeps, and the development token issuer is refused
 * outside the local profile.
 */
@ExtendWith(PlatformExtension.class)
class PrivacyIT {

    /** Column names that hold (or smell of) personal contact data. */
    static final Pattern PERSONAL = Pattern.compile(
            "(first_|last_|full_|display_|tenant_|sur)?name|e_?mail(_address)?|phone(_number)?|telephone|mobile"
                    + "|address|street|postcode|postal_code|zip(_code)?|house_number(_suffix)?|city|birth_?date|date_of_birth|iban|bsn");

    /** Reviewed exceptions: a column matching the pattern that is not about a person. */
    static final Map<String, String> NOT_PERSONAL = Map.of(
            "flyway_schema_history.script", "migration file name",
            "panel.name", "the panel's own name",
            "known_organisation.name",
                    "a tenant organisation's name: a party, not a person (its contact data stays in notification)");

    @Test
    void personalContactDataLivesOnlyInNotification(Platform platform) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String database : List.of("consultation", "panel", "recruitment")) {
            try (Connection db = DriverManager.getConnection(platform.jdbcUrl(database), "postgres", "");
                    ResultSet columns = db.createStatement()
                            .executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                                    + " WHERE table_schema = 'public' ORDER BY 1, 2")) {
                int seen = 0;
                while (columns.next()) {
                    seen++;
                    String column = columns.getString(1) + "." + columns.getString(2);
                    if (PERSONAL.matcher(columns.getString(2)).matches() && !NOT_PERSONAL.containsKey(column)) {
                        found.add(database + ": " + column);
                    }
                }
                assertTrue(seen > 20, database + " has its schema migrated (" + seen + " columns)");
            }
        }
        assertEquals(List.of(), found, "personal contact data outside notification-service");

        // The check would notice: notification holds exactly such columns.
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl("notification"), "postgres", "");
                ResultSet columns = db.createStatement()
                        .executeQuery(
                                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'")) {
            boolean personal = false;
            while (columns.next()) {
                personal |= PERSONAL.matcher(columns.getString(1)).matches();
            }
            assertTrue(personal, "the scan recognises notification's personal columns");
        }
    }

    @Test
    void personalDataNeverReachesALogAndItsUseIsAudited(Platform platform) throws IOException {
        String ref = Platform.newTenantRef();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String name = "Zoë Privacytest" + marker;
        String email = "privacy-" + marker + "@example.nl";
        String street = "Geheimstraat" + marker;
        String json = Platform.tenantJson(Platform.NEIGHBOURHOOD)
                .replace("Anna de Vries", name)
                .replace("anna@example.nl", email)
                .replace("Dorpsstraat", street);
        String correlationId = "privacy-" + marker;

        platform.api().body(json).put("/api/v1/tenants/" + ref).then().statusCode(201);
        platform.api()
                .header("X-Correlation-Id", correlationId)
                .get("/api/v1/tenants/" + ref)
                .then()
                .statusCode(200)
                .body("email", equalTo(email));
        // The profile reaches the other services, then the erasure removes it everywhere.
        for (String segment : List.of("consultations", "panels", "campaigns")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> platform.polling()
                                    .get("/api/v1/" + segment + "/population/members/" + ref)
                                    .statusCode()
                            == 200);
        }
        // Right of access: one call, through the gateway, answers what every service holds.
        JsonPath access = platform.api()
                .header("X-Correlation-Id", correlationId + "-access")
                .get("/api/v1/data-subjects/" + ref)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(ref, access.getString("tenantRef"));
        assertEquals(email, access.getString("services.notification.tenant[0].email"));
        for (String service : List.of("consultation", "panel", "recruitment")) {
            assertEquals(ref, access.getString("services." + service + ".population_member[0].tenant_ref"), service);
        }
        platform.anonymous()
                .header("Authorization", "Bearer " + platform.token("tenant-organisation"))
                .get("/api/v1/data-subjects/" + ref)
                .then()
                .statusCode(403);
        platform.api()
                .header("X-Correlation-Id", correlationId + "-erase")
                .delete("/api/v1/tenants/" + ref)
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> platform.polling()
                                .get("/api/v1/panels/population/members/" + ref)
                                .statusCode()
                        == 404);

        // Audited: who read and erased the personal data, with the caller's correlation id; ops only.
        String ops = "Bearer " + platform.token("ops");
        JsonPath audit = platform.anonymous()
                .header("Authorization", ops)
                .queryParam("subjectType", "tenant")
                .queryParam("subjectId", ref)
                .get("/api/v1/audit/notification")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of("tenant.erased", "data-subject.accessed", "tenant.personal-data.read"),
                audit.getList("items.action"));
        assertEquals(
                List.of("corporation-client", "corporation-client", "corporation-client"),
                audit.getList("items.actor"));
        assertEquals(List.of("corporation", "corporation", "corporation"), audit.getList("items.actorRoles"));
        assertEquals(
                List.of(correlationId + "-erase", correlationId + "-access", correlationId),
                audit.getList("items.correlationId"));
        // Each service records the erasure it received by the tombstone.
        for (String service : List.of("consultation", "panel", "recruitment")) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> platform.anonymous()
                            .header("Authorization", ops)
                            .queryParam("subjectType", "tenant")
                            .queryParam("subjectId", ref)
                            .get("/api/v1/audit/" + service)
                            .then()
                            .statusCode(200)
                            .body("items.action", hasItem("tenant.erased")));
        }
        platform.anonymous()
                .header("Authorization", "Bearer " + platform.token("corporation"))
                .get("/api/v1/audit/notification")
                .then()
                .statusCode(403);

        for (App app : App.values()) {
            String log = Files.readString(platform.log(app));
            for (String personal : List.of(name, email, street, "Privacytest" + marker)) {
                assertFalse(log.contains(personal), app.module + ".log contains personal data: " + personal);
            }
        }
    }

    /** The service databases; each is scanned whole. */
    static final List<String> DATABASES = List.of("notification", "consultation", "panel", "recruitment");

    /**
     * What the retention table (docs/retention.md) keeps of an erased tenant: {@code database.table} (or
     * {@code *.table} in every database) and which of her traces may stay there. Anything else the scan finds after
     * the erasure is a failure.
     */
    static final Map<String, Set<String>> KEPT_AFTER_ERASURE = Map.of(
            "*.audit_log", Set.of("tenantRef"), // who erased and who read her data: accountability
            "notification.outbox_event", Set.of("tenantRef"), // the tombstone (and held-back deliveries) until purged
            "recruitment.compensation_payment", Set.of("tenantRef"), // fiscal retention of payments
            "recruitment.compensation_paid_elsewhere", Set.of("tenantRef"),
            "recruitment.draw", Set.of("householdKey")); // the committed draw record stays verifiable

    /**
     * The right to be forgotten, as someone with every database in hand would check it: one tenant in every service
     * (panel member, campaign sign-up whose motivation names her street, pseudonymous consultation response naming it
     * too, deliveries), erased through the gateway; then every text column of every table of every service database
     * is searched for her tenantRef, name, email, street and household key.
     */
    @Test
    void erasureLeavesOnlyWhatTheRetentionTableKeeps(Platform platform) throws SQLException {
        String ref = Platform.newTenantRef();
        String tag = Journeys.tag();
        String name = "Erika Wisproef" + tag;
        String email = Journeys.email(ref); // the address whose mails Journeys waits for
        String street = "Vergeetstraat" + tag;
        String complex = "C-" + tag;
        platform.api()
                .body(Platform.tenantJson(Journeys.neighbourhood())
                        .replace("Anna de Vries", name)
                        .replace("anna@example.nl", email)
                        .replace("Dorpsstraat", street)
                        // a house number of her own: the household key is postcode + number, and other tests' tenants
                        // at the contract's address share it (their rows are no trace of her)
                        .replace(
                                "\"houseNumber\":12",
                                "\"houseNumber\":"
                                        + java.util.concurrent.ThreadLocalRandom.current()
                                                .nextInt(20_000, 100_000))
                        .replace("C-001", complex))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(201);
        for (String resource : List.of("consultations", "panels", "campaigns")) {
            Journeys.awaitPopulation(platform, resource, List.of(ref));
        }
        String householdKey = platform.api()
                .get("/api/v1/data-subjects/" + ref)
                .then()
                .statusCode(200)
                .extract()
                .path("services.consultation.population_member[0].household_key");

        joinAPanel(platform, ref, tag);
        signUpForACampaign(platform, ref, complex, tag, "Ik woon aan de " + street + " en wil meedenken.");
        respondPseudonymously(platform, ref, tag, "De stoep voor " + street + " 12 is kapot.");

        Map<String, String> her =
                Map.of("tenantRef", ref, "name", name, "email", email, "street", street, "householdKey", householdKey);
        // The scan would notice: before the erasure it finds her in every service, free text included.
        Map<String, Set<String>> before = scan(platform, her);
        for (String expected : List.of(
                "notification.tenant.name",
                "notification.delivery.tenant_ref",
                "consultation.population_member.household_key",
                "consultation.invitation.tenant_ref",
                "consultation.response.answers",
                "panel.panel_member.tenant_ref",
                "recruitment.outreach_invitation.tenant_ref",
                "recruitment.signup.motivation")) {
            assertTrue(before.containsKey(expected), expected + " not found by the scan before the erasure: " + before);
        }

        long erasedAt = System.nanoTime();
        platform.api().delete("/api/v1/tenants/" + ref).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertEquals(Map.of(), notKept(scan(platform, her)), "left after the erasure"));
        System.out.printf(
                "[PrivacyIT] no trace of the erased tenant outside the retention table %.1f s after DELETE%n",
                (System.nanoTime() - erasedAt) / 1e9);

        // The right of access afterwards shows only what the retention table keeps.
        JsonPath access = platform.api()
                .get("/api/v1/data-subjects/" + ref)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String database : DATABASES) {
            Map<String, Object> held = access.getMap("services." + database);
            assertTrue(held != null, database + " answered the right of access: " + access.prettify());
            for (String table : held.keySet()) {
                assertTrue(kept(database, table, "tenantRef"), database + "." + table + " still answers: " + held);
            }
        }
        // ... and nothing came back in the meantime (a late event re-creating a row would show here)
        assertEquals(Map.of(), notKept(scan(platform, her)), "back after the erasure");
    }

    /** The combined right of access is in the merged OpenAPI the gateway serves, as the gateway answers it. */
    @Test
    void theMergedOpenApiHasTheCombinedRightOfAccess(Platform platform) {
        platform.anonymous()
                .get("/openapi")
                .then()
                .statusCode(200)
                .body("'x-meedoen-unavailable'", org.hamcrest.Matchers.nullValue())
                .body("paths.'/api/v1/data-subjects/{tenantRef}'.get.operationId", equalTo("getDataSubject"))
                .body(
                        "paths.'/api/v1/data-subjects/{tenantRef}'.get.security[0].bearer",
                        equalTo(List.of("corporation", "ops")))
                .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("bearer"))
                .body(
                        "paths.'/api/v1/data-subjects/{tenantRef}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/DataSubjectAccess"));
    }

    /** Joins a panel through the link mailed to her. */
    private static void joinAPanel(Platform platform, String ref, String tag) {
        String panelName = "Erasure panel " + tag;
        String panel = platform.api()
                .body("""
                        {"name":"%s","purpose":"Meedenken","targetSize":10,"strata":["ageBand"],"consentText":"Ik doe mee."}""".formatted(panelName))
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        platform.api()
                .body(Map.of("tenantRefs", List.of(ref)))
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202);
        String token =
                Journeys.find(mail(platform, ref, "Doe mee met het " + panelName), "panel\\.html#([A-Za-z0-9_-]{40,})");
        Journeys.tenant(platform)
                .body("{\"consent\":true,\"consentVersion\":1,\"channel\":\"ONLINE\"}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    /** Signs up for a campaign of her complex through the outreach link mailed to her. */
    private static void signUpForACampaign(
            Platform platform, String ref, String complex, String tag, String motivation) {
        String title = "Erasure focus group " + tag;
        String campaign = Journeys.openCampaign(platform, Journeys.campaign(title, 4, complex));
        platform.api()
                .body(Map.of("source", "MAILING"))
                .post("/api/v1/campaigns/" + campaign + "/outreach")
                .then()
                .statusCode(202);
        String token = Journeys.find(mail(platform, ref, "Gezocht: huurders voor " + title), Journeys.SIGNUP_TOKEN);
        Journeys.tenant(platform)
                .body(Map.of("token", token, "motivation", motivation))
                .post("/api/v1/campaigns/token-signups")
                .then()
                .statusCode(201);
    }

    /** Answers a pseudonymous survey (one open question) through the invitation mailed to her. */
    private static void respondPseudonymously(Platform platform, String ref, String tag, String answer) {
        String title = "Erasure survey " + tag;
        String id = Journeys.openConsultation(
                platform, """
                        {"kind":"SURVEY","languages":["nl","en"],"title":{"nl":"%s","en":"%s"},"anonymity":"PSEUDONYMOUS",
                         "audience":{"type":"LIST","tenantRefs":["%s"]}}""".formatted(title, title, ref), """
                        {"questions":[{"id":"remarks","type":"TEXT","text":{"nl":"Wilt u nog iets kwijt?","en":"Anything else?"}}]}""", ConsultationJourneyIT.STATEMENT);
        String token = Journeys.find(mail(platform, ref, "Uw mening gevraagd: " + title), "#([A-Za-z0-9_-]{22,})");
        Journeys.tenant(platform)
                .header("Invitation-Token", token)
                .body(Map.of("answers", Map.of("remarks", answer)))
                .post("/api/v1/consultations/respondent/response")
                .then()
                .statusCode(201);
    }

    private static SmtpSink.Mail mail(Platform platform, String ref, String subject) {
        return Journeys.awaitMails(platform, List.of(ref), subject).get(ref);
    }

    /**
     * Every text-like column (text, varchar, JSON, text arrays) of every table of every service database, searched for
     * each of her traces: {@code database.table.column} → the names of the traces found there.
     */
    static Map<String, Set<String>> scan(Platform platform, Map<String, String> traces) throws SQLException {
        Map<String, Set<String>> found = new TreeMap<>();
        for (String database : DATABASES) {
            try (Connection db = platform.database(database);
                    ResultSet columns = db.createStatement()
                            .executeQuery("SELECT c.table_name, c.column_name FROM information_schema.columns c"
                                    + " JOIN information_schema.tables t USING (table_schema, table_name)"
                                    + " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
                                    + " AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')"
                                    + " OR c.udt_name IN ('_text', '_varchar'))")) {
                List<String[]> textColumns = new ArrayList<>();
                while (columns.next()) {
                    textColumns.add(new String[] {columns.getString(1), columns.getString(2)});
                }
                assertTrue(textColumns.size() > 20, database + " has its schema migrated");
                for (String[] column : textColumns) {
                    String value = "CAST(\"" + column[1] + "\" AS TEXT)";
                    StringBuilder sql =
                            new StringBuilder("SELECT " + value + " FROM \"" + column[0] + "\" WHERE false");
                    traces.values()
                            .forEach(trace ->
                                    sql.append(" OR strpos(").append(value).append(", ?) > 0"));
                    try (var query = db.prepareStatement(sql.toString())) {
                        int i = 1;
                        for (String trace : traces.values()) {
                            query.setString(i++, trace);
                        }
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                String text = rows.getString(1);
                                traces.forEach((label, trace) -> {
                                    if (text.contains(trace)) {
                                        found.computeIfAbsent(
                                                        database + "." + column[0] + "." + column[1],
                                                        k -> new TreeSet<>())
                                                .add(label);
                                    }
                                });
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The findings the retention table does not allow. */
    static Map<String, Set<String>> notKept(Map<String, Set<String>> found) {
        Map<String, Set<String>> left = new TreeMap<>();
        found.forEach((location, labels) -> {
            String[] parts = location.split("\\.");
            for (String label : labels) {
                if (!kept(parts[0], parts[1], label)) {
                    left.computeIfAbsent(location, k -> new TreeSet<>()).add(label);
                }
            }
        });
        return left;
    }

    static boolean kept(String database, String table, String trace) {
        return KEPT_AFTER_ERASURE.getOrDefault(database + "." + table, Set.of()).contains(trace)
                || KEPT_AFTER_ERASURE.getOrDefault("*." + table, Set.of()).contains(trace);
    }

    /** The development issuer's key pair sits on developer machines: a production gateway must refuse it. */
    @Test
    void theGatewayRefusesTheDevelopmentIssuerOutsideTheLocalProfile(Platform platform) throws Exception {
        Path jar = LocalStack.findRepoRoot().resolve("gateway/target/quarkus-app/quarkus-run.jar");
        Path output = Files.createTempFile("gateway-prod-", ".log");
        Process gateway = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-Dquarkus.http.port=0",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dmp.jwt.verify.issuer=https://dev-issuer.meedoen.local",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertTrue(gateway.waitFor(90, TimeUnit.SECONDS), "the gateway should stop by itself");
            assertTrue(gateway.exitValue() != 0, "exit value " + gateway.exitValue());
            assertTrue(Files.readString(output).contains("development issuer"), Files.readString(output));
        } finally {
            gateway.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
