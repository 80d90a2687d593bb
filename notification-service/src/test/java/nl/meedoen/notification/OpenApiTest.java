package nl.meedoen.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation is documented: summary, tag, its error responses, and who may call it. */
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
                                "/api/v1/messages",
                                "/api/v1/mailings/{id}/pause",
                                "/api/v1/templates/{key}/{language}/preview",
                                "/api/v1/tenant-imports",
                                "/api/v1/print-batches/{id}/letters.pdf",
                                "/api/v1/unsubscribe/{token}",
                                "/api/v1/bounces",
                                "/api/v1/segments/count",
                                "/api/v1/tenants/{tenantRef}/opt-outs/{purpose}",
                                "/api/v1/organisations/{id}",
                                "/api/v1/organisations/{id}/deactivate")),
                paths.keySet().toString());
        int operations = 0;
        for (var path : paths.entrySet()) {
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
                if (!path.getKey().startsWith("/api/v1/unsubscribe")) {
                    assertTrue(responses.containsKey("401") && responses.containsKey("403"), where + " lacks 401/403");
                }
            }
        }
        assertTrue(operations >= 38, "operations: " + operations);
    }
}
