package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One service down does not take the platform down, and the service catches up on what it missed. */
@ExtendWith(PlatformExtension.class)
class ServiceOutageIT {

    static final String COUNTS = "/api/v1/consultations/population/counts";

    @Test
    void gatewayAnswers502WhileConsultationIsDownAndItCatchesUpAfterwards(Platform platform) {
        String ref = Platform.newTenantRef();
        platform.stop(App.CONSULTATION); // SIGTERM, as in production
        try {
            platform.api()
                    .queryParam("attribute", "ageBand")
                    .get(COUNTS)
                    .then()
                    .statusCode(502)
                    .contentType(startsWith("application/problem+json"))
                    .header("X-Correlation-Id", notNullValue());

            // The rest of the platform keeps working: the register accepts a tenant meanwhile.
            platform.api()
                    .body(Platform.tenantJson(Platform.NEIGHBOURHOOD))
                    .put(TenantPropagationIT.TENANT, ref)
                    .then()
                    .statusCode(201);
        } finally {
            platform.start(App.CONSULTATION); // waits for /q/health/ready; other tests need it too
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> platform.polling()
                        .queryParam("attribute", "ageBand")
                        .get(COUNTS)
                        .then()
                        .statusCode(200));
        // The profile event published while it was down is consumed once it is back.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> TenantPropagationIT.assertProfile(
                        platform.polling()
                                .get(TenantPropagationIT.MEMBER_PATHS.get(0), ref)
                                .then(),
                        ref,
                        Platform.NEIGHBOURHOOD));
    }
}
