package nl.meedoen.recruitment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation of this service is documented: summary, tag and its error responses. */
@QuarkusTest
class OpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasASummaryATagAndItsErrors() {
        JsonPath api = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = api.getMap("paths");
        assertTrue(
                paths.keySet()
                        .containsAll(List.of(
                                "/api/v1/campaigns",
                                "/api/v1/campaigns/{id}/draw/commit",
                                "/api/v1/campaigns/token-signups",
                                "/api/v1/campaigns/public-draws/{publicId}",
                                "/api/v1/campaigns/public-draws/{publicId}/record",
                                "/api/v1/campaigns/draws/verify",
                                "/api/v1/campaigns/compensation/ledger.csv",
                                "/api/v1/campaigns/{id}/representativeness")),
                paths.keySet().toString());
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (path.getKey().startsWith("/api/v1/campaigns/population")) {
                continue; // the population module's resource, documented there
            }
            for (var operation : path.getValue().entrySet()) {
                if (!List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                    continue;
                }
                operations++;
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> op = operation.getValue();
                assertTrue(op.get("summary") != null, where + " has no summary");
                assertFalse(((List<?>) op.getOrDefault("tags", List.of())).isEmpty(), where + " has no tag");
                Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                assertTrue(
                        responses.keySet().stream().anyMatch(code -> code.startsWith("4")),
                        where + " documents no error response");
            }
        }
        assertTrue(operations >= 20, "operations: " + operations);
        // the public draw page's reads: no token (the gateway passes x-meedoen-public routes without one)
        for (String path : List.of(
                "/api/v1/campaigns/public-draws/{publicId}", "/api/v1/campaigns/public-draws/{publicId}/record")) {
            Map<String, Object> get = paths.get(path).get("get");
            assertTrue(
                    get.containsKey("x-meedoen-public")
                            && ((List<?>) get.getOrDefault("security", List.of())).isEmpty(),
                    path + ": " + get);
        }
    }
}
