package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tenant register is the only PII store: an upsert at notification-service reaches the read models
 * of the three other services as a profile without name, email or address; erasure reaches them too.
 */
@ExtendWith(PlatformExtension.class)
class TenantPropagationIT {

    static final String TENANT = "/api/v1/tenants/{tenantRef}";
    static final List<String> MEMBER_PATHS = List.of(
            "/api/v1/consultations/population/members/{tenantRef}",
            "/api/v1/panels/population/members/{tenantRef}",
            "/api/v1/campaigns/population/members/{tenantRef}");
    static final Duration PROPAGATION = Duration.ofSeconds(30);

    @Test
    void upsertReachesEveryReadModelWithoutPersonalData(Platform platform) {
        String ref = Platform.newTenantRef();
        platform.api()
                .body(Platform.tenantJson(Platform.NEIGHBOURHOOD))
                .put(TENANT, ref)
                .then()
                .statusCode(201)
                .header("X-Correlation-Id", notNullValue());

        awaitInEveryReadModel(platform, ref, Platform.NEIGHBOURHOOD);

        platform.api()
                .queryParam("attribute", "neighbourhoodCode")
                .get("/api/v1/consultations/population/counts")
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", notNullValue())
                .body("attribute", equalTo("neighbourhoodCode"))
                .body("total", greaterThanOrEqualTo(1))
                .body("counts." + Platform.NEIGHBOURHOOD, greaterThanOrEqualTo(1));

        // The same tenant again, moved to another neighbourhood: an update, and the change propagates.
        platform.api()
                .body(Platform.tenantJson("BU03440202"))
                .put(TENANT, ref)
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", notNullValue());
        awaitInEveryReadModel(platform, ref, "BU03440202");
    }

    @Test
    void erasureRemovesTheTenantFromEveryReadModel(Platform platform) {
        String ref = Platform.newTenantRef();
        platform.api()
                .body(Platform.tenantJson(Platform.NEIGHBOURHOOD))
                .put(TENANT, ref)
                .then()
                .statusCode(201);
        awaitInEveryReadModel(platform, ref, Platform.NEIGHBOURHOOD);

        platform.api().delete(TENANT, ref).then().statusCode(204).header("X-Correlation-Id", notNullValue());

        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String path : MEMBER_PATHS) {
                platform.polling().get(path, ref).then().statusCode(404).header("X-Correlation-Id", notNullValue());
            }
        });
    }

    static void awaitInEveryReadModel(Platform platform, String ref, String neighbourhoodCode) {
        awaitInEveryReadModel(platform, ref, neighbourhoodCode, PROPAGATION);
    }

    static void awaitInEveryReadModel(Platform platform, String ref, String neighbourhoodCode, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String path : MEMBER_PATHS) {
                assertProfile(platform.polling().get(path, ref).then(), ref, neighbourhoodCode);
            }
        });
    }

    static void assertProfile(ValidatableResponse response, String ref, String neighbourhoodCode) {
        response.statusCode(200)
                .header("X-Correlation-Id", notNullValue())
                .body("tenantRef", equalTo(ref))
                .body("neighbourhoodCode", equalTo(neighbourhoodCode))
                .body("$", allOf(not(hasKey("email")), not(hasKey("name")), not(hasKey("address"))))
                .body(allOf(
                        not(containsString("anna@example.nl")),
                        not(containsString("Anna de Vries")),
                        not(containsString("Dorpsstraat"))));
    }
}
