package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response checker the end-to-end tests use ({@link ContractFilter}), on a small document: what it accepts and refuses. */
class OpenApiContractTest {

    static final OpenApiContract CONTRACT = new OpenApiContract(new JsonObject("""
            {"openapi": "3.1.0", "paths": {
              "/api/v1/things/{id}": {"get": {"responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "404": {"$ref": "#/components/responses/Problem"}}}},
              "/api/v1/things/export": {"get": {"responses": {"200": {"content": {"text/csv": {}}}}}},
              "/api/v1/things/{id}/archive": {"post": {"responses": {"204": {"description": "archived"}}}}},
             "components": {
               "responses": {"Problem": {"description": "no such thing", "content": {"application/problem+json": {
                 "schema": {"$ref": "#/components/schemas/Problem"}}}}},
               "schemas": {
                 "Problem": {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"}}},
                 "Status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
                 "Thing": {"type": "object", "required": ["id"], "properties": {
                   "id": {"type": "string"},
                   "closedAt": {"type": ["string", "null"]},
                   "status": {"$ref": "#/components/schemas/Status"}}}}}}"""));

    static List<String> get(String path, int status, String contentType, String body) {
        return CONTRACT.check("GET", path, status, contentType, "cid-1", body);
    }

    @Test
    void acceptsWhatTheDocumentPromises() {
        assertEquals(
                List.of(),
                get(
                        "/api/v1/things/1",
                        200,
                        "application/json",
                        "{\"id\":\"1\",\"closedAt\":null,\"status\":\"OPEN\"}"));
        assertEquals(
                List.of(),
                get(
                        "/api/v1/things/1",
                        404,
                        "application/problem+json",
                        "{\"status\":404,\"correlationId\":\"cid-1\"}"));
        assertEquals(List.of(), get("/api/v1/things/export", 200, "text/csv; charset=utf-8", "a;b"));
        assertEquals(List.of(), CONTRACT.check("POST", "/api/v1/things/1/archive", 204, null, "cid-1", ""));
    }

    @Test
    void findsWhatBreaksIt() {
        List<String> nullStatus = get("/api/v1/things/1", 200, "application/json", "{\"id\":\"1\",\"status\":null}");
        assertTrue(
                nullStatus.size() == 1 && nullStatus.get(0).contains("/status"),
                "null where the schema (through a $ref) does not allow it: " + nullStatus);
        assertTrue(
                get("/api/v1/things/1", 200, "application/json", "{\"id\":\"1\",\"status\":\"DRAFT\"}")
                        .get(0)
                        .contains("does not match the schema"),
                "a value outside the enum");
        assertTrue(get("/api/v1/things/1", 500, "application/problem+json", "{\"status\":500}")
                .get(0)
                .contains("status is not documented"));
        assertTrue(
                get("/api/v1/things/1", 404, "text/html", "<h1>404</h1>").get(0).contains("application/problem+json"));
        assertTrue(get("/api/v1/things/1", 404, "application/problem+json", "{\"status\":404}")
                .get(0)
                .contains("correlationId"));
        assertTrue(CONTRACT.check(
                        "GET",
                        "/api/v1/things/1",
                        404,
                        "application/problem+json",
                        null,
                        "{\"status\":404,\"correlationId\":\"x\"}")
                .get(0)
                .contains("X-Correlation-Id"));
        assertTrue(get("/api/v1/things/export", 200, "application/json", "{}")
                .get(0)
                .contains("not documented"));
        assertTrue(get("/api/v1/nothing", 200, "application/json", "{}").get(0).contains("not in the merged OpenAPI"));
        assertTrue(CONTRACT.check("DELETE", "/api/v1/things/1", 204, null, "c", "")
                .get(0)
                .contains("method is not documented"));
    }

    @Test
    void aLiteralSegmentWinsOverATemplate() {
        assertEquals("/api/v1/things/export", CONTRACT.template("/api/v1/things/export"));
        assertEquals("/api/v1/things/{id}", CONTRACT.template("/api/v1/things/42"));
    }
}
