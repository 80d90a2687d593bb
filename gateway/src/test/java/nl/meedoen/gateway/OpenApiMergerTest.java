package nl.meedoen.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.meedoen.gateway.openapi.OpenApiMerger;
import org.junit.jupiter.api.Test;

/** The merge rules without HTTP: clashes, reference rewriting, unavailable services. */
class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode doc(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void renamesAClashingComponentAndEveryReferenceToIt() throws Exception {
        JsonNode first = doc("""
                {"openapi": "3.1.0", "paths": {},
                 "components": {"schemas": {"Status": {"enum": ["OPEN", "CLOSED"]}}}}""");
        JsonNode second = doc("""
                {"openapi": "3.0.3",
                 "paths": {"/api/v1/campaigns": {"get": {"responses": {"200": {"content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/Campaign"}}}}}}}},
                 "components": {"schemas": {
                   "Status": {"enum": ["DRAFT", "OPEN", "DRAWN"]},
                   "Campaign": {"properties": {"status": {"$ref": "#/components/schemas/Status"}}}}}}""");

        JsonNode merged = new OpenApiMerger()
                .add("consultation", first)
                .add("recruitment", second)
                .result();

        assertEquals("3.1.0", merged.get("openapi").asText());
        JsonNode schemas = merged.at("/components/schemas");
        assertEquals("CLOSED", schemas.at("/Status/enum/1").asText());
        assertEquals("DRAWN", schemas.at("/recruitment_Status/enum/2").asText());
        // The reference inside a component follows the rename, not only those in paths (the optional property may be
        // null).
        assertEquals(
                "#/components/schemas/recruitment_Status",
                schemas.at("/Campaign/properties/status/anyOf/0/$ref").asText());
        assertEquals(
                "#/components/schemas/Campaign",
                merged.at("/paths/~1api~1v1~1campaigns/get/responses/200/content/application~1json/schema/$ref")
                        .asText());
        assertFalse(merged.has("x-meedoen-unavailable"));
    }

    @Test
    void anEmptyPlatformStillYieldsAValidDocumentNamingTheMissingServices() {
        JsonNode merged = new OpenApiMerger()
                .unavailable("panel")
                .unavailable("recruitment")
                .result();

        assertEquals("Meedoen API", merged.at("/info/title").asText());
        assertEquals("/", merged.at("/servers/0/url").asText());
        assertEquals(0, merged.get("paths").size());
        assertEquals(
                "[\"panel\",\"recruitment\"]",
                merged.get("x-meedoen-unavailable").toString());
    }

    @Test
    void declaresEveryPropertyThatIsNotRequiredNullable() throws Exception {
        JsonNode merged = new OpenApiMerger().add("consultation", doc("""
                {"openapi": "3.1.0", "paths": {},
                 "components": {"schemas": {
                   "Status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
                   "Consultation": {"type": "object", "required": ["id"], "properties": {
                     "id": {"type": "string"},
                     "openedAt": {"type": "string", "format": "date-time"},
                     "status": {"$ref": "#/components/schemas/Status", "description": "where it is"},
                     "kind": {"enum": ["SURVEY", "PWE"]},
                     "anything": {},
                     "tags": {"type": ["array", "null"], "items": {"type": "string"}},
                     "seating": {"type": ["string", "null"], "enum": ["APPOINTED", "FIRST_COME"]}}}}}}""")).result();

        JsonNode props = merged.at("/components/schemas/Consultation/properties");
        assertEquals("\"string\"", props.at("/id/type").toString());
        assertEquals("[\"string\",\"null\"]", props.at("/openedAt/type").toString());
        assertEquals(
                "[{\"$ref\":\"#/components/schemas/Status\"},{\"type\":\"null\"}]",
                props.at("/status/anyOf").toString());
        assertEquals("where it is", props.at("/status/description").asText());
        assertEquals("[\"SURVEY\",\"PWE\",null]", props.at("/kind/enum").toString());
        assertEquals("{}", props.get("anything").toString());
        assertEquals("[\"array\",\"null\"]", props.at("/tags/type").toString());
        // declared nullable by the service, but an enum without null admits no null: completed
        assertEquals(
                "[\"APPOINTED\",\"FIRST_COME\",null]", props.at("/seating/enum").toString());
        // the enum component itself is a value, not a property: it stays as it is
        assertEquals(
                "[\"OPEN\",\"CLOSED\"]",
                merged.at("/components/schemas/Status/enum").toString());
    }

    @Test
    void documentsTheGatewaysOwnProblemsOnEveryOperation() throws Exception {
        JsonNode merged = new OpenApiMerger().add("consultation", doc("""
                {"openapi": "3.1.0", "paths": {
                   "/api/v1/things": {
                     "get": {"responses": {"200": {"description": "ok"}, "400": {"description": "bad filter"}}},
                     "post": {"requestBody": {"content": {"application/json": {}}}, "responses": {"201": {"description": "made"}}}},
                   "/api/v1/respondent": {"get": {"x-meedoen-public": "invitation token", "responses": {"200": {"description": "ok"}}}}}}""")).result();

        JsonNode get = merged.at("/paths/~1api~1v1~1things/get/responses");
        assertEquals("bad filter", get.at("/400/description").asText(), "a service's own description stays");
        for (String status : new String[] {"401", "406", "413", "414", "429", "431", "502", "503", "504"}) {
            assertEquals(true, get.has(status), status);
        }
        assertFalse(get.has("415"), "no body, no 415");
        assertEquals(
                "#/components/responses/GatewayUnsupportedMediaType",
                merged.at("/paths/~1api~1v1~1things/post/responses/415/$ref").asText());
        assertEquals(
                "#/components/responses/GatewayPayloadTooLarge",
                merged.at("/paths/~1api~1v1~1things/post/responses/413/$ref").asText());
        assertFalse(
                merged.at("/paths/~1api~1v1~1respondent/get/responses").has("401"),
                "a public route gets no 401 from the gateway");
        JsonNode tooMany =
                merged.at("/components/responses/GatewayTooManyRequests/content/application~1problem+json/schema");
        assertEquals(
                "[\"type\",\"title\",\"status\",\"correlationId\"]",
                tooMany.get("required").toString());
    }
}
