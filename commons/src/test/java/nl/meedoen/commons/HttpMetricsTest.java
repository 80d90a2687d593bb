package nl.meedoen.commons;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import nl.meedoen.devinfra.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HttpMetricsTest {

    @Test
    void requestDurationsAreAHistogramPerRouteTemplateAndServiceNeverPerRawPath() {
        String slug = "metric-" + System.nanoTime();
        given().auth()
                .oauth2(TestInfra.token("corporation"))
                .post("/test/notes/slugs/" + slug)
                .then()
                .statusCode(204);
        List<String> buckets = given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_bucket{"))
                .toList();
        List<String> slugRoute = buckets.stream()
                .filter(l -> l.contains("uri=\"/test/notes/slugs/{slug}\""))
                .toList();
        assertTrue(
                slugRoute.stream()
                        .anyMatch(l -> l.contains("le=\"0.05\"")
                                && l.contains("status=\"204\"")
                                && l.contains("outcome=\"SUCCESS\"")
                                && l.contains("service=\"commons-test\"")),
                "a 50 ms bucket of the route template, with status, status class and service: " + slugRoute);
        assertFalse(buckets.stream().anyMatch(l -> l.contains(slug)), "the raw path is never a label");
    }
}
