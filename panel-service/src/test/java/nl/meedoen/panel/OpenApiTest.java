package nl.meedoen.panel;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every panel operation is documented: summary, tag, problem responses, and who may call it. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyOperationHasASummaryATagProblemResponsesAndASecurityDeclaration() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            if (!path.getKey().startsWith("/api/v1/panels")) {
                continue;
            }
            for (var op : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                if (o.path("summary").asText().isBlank()) {
                    missing.add(name + ": summary");
                }
                if (o.path("tags").isEmpty()) {
                    missing.add(name + ": tags");
                }
                boolean problem = false;
                for (var code : (Iterable<String>) o.path("responses")::fieldNames) {
                    problem |= code.startsWith("4")
                            && o.path("responses").path(code).path("content").has("application/problem+json");
                }
                if (!problem) {
                    missing.add(name + ": problem responses");
                }
                boolean tokenLink = path.getKey().startsWith("/api/v1/panels/membership/");
                JsonNode security = o.path("security");
                if (tokenLink
                        ? !(security.isArray() && security.isEmpty())
                        : !security.toString().contains("bearer")) {
                    missing.add(name + ": security " + security);
                }
                if (!tokenLink && !o.path("responses").has("401")) {
                    missing.add(name + ": 401");
                }
            }
        }
        assertTrue(operations >= 30, "found " + operations + " operations");
        assertEquals(List.of(), missing);
    }
}
