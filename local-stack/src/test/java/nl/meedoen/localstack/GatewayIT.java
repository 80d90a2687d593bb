package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import nl.meedoen.devinfra.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The front door: errors as problem details, authentication, the merged OpenAPI, correlation ids. */
@ExtendWith(PlatformExtension.class)
class GatewayIT {

    @Test
    void malformedJsonIsA400Problem(Platform platform) {
        platform.api()
                .body("{\"name\": \"Anna de Vries\", ")
                .put(TenantPropagationIT.TENANT, Platform.newTenantRef())
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .header("X-Correlation-Id", notNullValue());
    }

    @Test
    void aCallWithoutTokenIsRejected(Platform platform) {
        platform.anonymous()
                .queryParam("attribute", "ageBand")
                .get("/api/v1/consultations/population/counts")
                .then()
                .statusCode(401)
                .header("X-Correlation-Id", notNullValue());
        platform.anonymous()
                .body(Platform.tenantJson(Platform.NEIGHBOURHOOD))
                .put(TenantPropagationIT.TENANT, Platform.newTenantRef())
                .then()
                .statusCode(401)
                .header("X-Correlation-Id", notNullValue());
    }

    @Test
    void theMergedOpenApiListsEveryService(Platform platform) {
        given().baseUri(platform.gatewayUrl())
                .get("/openapi")
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", notNullValue())
                .body(allOf(
                        containsString("/api/v1/tenants/{tenantRef}"),
                        containsString("/api/v1/consultations/population/counts"),
                        containsString("/api/v1/panels/population/members/{tenantRef}"),
                        containsString("/api/v1/campaigns/population/members/{tenantRef}")));
    }

    /**
     * 414 and 431 as problems at every size: within the HTTP decoder's limits (64K) the gateway's own checks answer,
     * beyond them the decoder refuses the request before any route and the gateway's invalid-request handler answers.
     */
    @Test
    void overLongRequestTargetsAndOverLargeHeadersGetProblems(Platform platform) throws IOException {
        assertProblem(
                raw(platform, "GET /api/v1/tenants/" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: localhost"),
                414,
                "uri-too-long");
        assertProblem(
                raw(platform, "GET /api/v1/tenants/" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost"),
                414,
                "uri-too-long");
        assertProblem(
                raw(platform, "GET /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(20_000)),
                431,
                "request-header-fields-too-large");
        assertProblem(
                raw(platform, "GET /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(70_000)),
                431,
                "request-header-fields-too-large");
    }

    private static void assertProblem(RawHttp.Response response, int status, String slug) {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.headers().get("content-type"));
        JsonObject problem = new JsonObject(response.body());
        assertEquals("https://meedoen.nl/problems/" + slug, problem.getString("type"));
        assertNotNull(problem.getString("title"));
        assertEquals(status, problem.getInteger("status"));
        assertNotNull(response.headers().get("x-correlation-id"));
        assertEquals(response.headers().get("x-correlation-id"), problem.getString("correlationId"));
    }

    /** HTTP/1.1 over a socket: HTTP clients refuse to send request lines and headers this long. */
    private static RawHttp.Response raw(Platform platform, String head) throws IOException {
        return RawHttp.exchange(URI.create(platform.gatewayUrl()).toURL(), head + "\r\nConnection: close");
    }
}
