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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Privacy guarantees of the running platform: personal contact data has one home (notification),
 * it never reaches a log, one call answers the right of access, reading or erasing it is audited, and
 * the development token issuer is refused outside the local profile.
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
