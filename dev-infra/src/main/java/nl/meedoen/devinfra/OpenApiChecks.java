package nl.meedoen.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;

/** Checks of a service's own OpenAPI document ({@code /q/openapi}) that several services' tests share. */
public final class OpenApiChecks {

    private OpenApiChecks() {}

    /** A CSV export documents the dialect parameter, its values and default, the CSV response and the 400. */
    public static void documentsTheCsvDialect(String path) {
        JsonPath api = RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String op = "paths.'" + path + "'.get";
        assertEquals(
                List.of("rfc4180", "excel-nl"),
                api.getList(op + ".parameters.find { it.name == 'dialect' }.schema.enum"),
                path);
        assertEquals("rfc4180", api.getString(op + ".parameters.find { it.name == 'dialect' }.schema.default"), path);
        assertEquals("query", api.getString(op + ".parameters.find { it.name == 'dialect' }.in"), path);
        assertTrue(api.getMap(op + ".responses.'200'.content").containsKey("text/csv"), path);
        assertTrue(api.getMap(op + ".responses").containsKey("400"), path);
    }
}
