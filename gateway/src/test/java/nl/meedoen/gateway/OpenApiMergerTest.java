package nl.meedoen.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.meedoen.gateway.openapi.OpenApiMerger;

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

        JsonNode merged = new OpenApiMerger().add("consultation", first).add("recruitment", second).result();

        assertEquals("3.1.0", merged.get("openapi").asText());
        JsonNode schemas = merged.at("/components/schemas");
        assertEquals("CLOSED", schemas.at("/Status/enum/1").asText());
        assertEquals("DRAWN", schemas.at("/recruitment_Status/enum/2").asText());
        // The reference inside a component follows the rename, not only those in paths.
        assertEquals("#/components/schemas/recruitment_Status", schemas.at("/Campaign/properties/status/$ref").asText());
        assertEquals("#/components/schemas/Campaign",
                merged.at("/paths/~1api~1v1~1campaigns/get/responses/200/content/application~1json/schema/$ref").asText());
        assertFalse(merged.has("x-meedoen-unavailable"));
    }

    @Test
    void anEmptyPlatformStillYieldsAValidDocumentNamingTheMissingServices() {
        JsonNode merged = new OpenApiMerger().unavailable("panel").unavailable("recruitment").result();

        assertEquals("Meedoen API", merged.at("/info/title").asText());
        assertEquals("/", merged.at("/servers/0/url").asText());
        assertEquals(0, merged.get("paths").size());
        assertEquals("[\"panel\",\"recruitment\"]", merged.get("x-meedoen-unavailable").toString());
    }
}
