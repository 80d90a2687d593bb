package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class ReverseProxyTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void getIsRoutedBySegmentWithPathQueryAndAuthorization() {
        String bearer = TestIssuer.bearer();
        given().header("Authorization", bearer)
                .urlEncodingEnabled(false)
                .when()
                .get("/api/v1/tenants/T%2017?status=active&name=a%20b")
                .then()
                .statusCode(200)
                .header("X-Upstream", "notification")
                .body("service", equalTo("notification"))
                .body("method", equalTo("GET"))
                .body("path", equalTo("/api/v1/tenants/T%2017"))
                .body("query", equalTo("status=active&name=a%20b"))
                .body("headers.authorization", equalTo(bearer));

        given().header("Authorization", TestIssuer.bearer())
                .when()
                .get("/api/v1/consultations")
                .then()
                .statusCode(200)
                .body("service", equalTo("consultation"));
        given().header("Authorization", TestIssuer.bearer())
                .when()
                .get("/api/v1/panels/p1/members")
                .then()
                .statusCode(200)
                .body("service", equalTo("panel"));
    }

    @Test
    void aForwardedRequestIsMeasuredUnderItsRouteNeverItsRawPath() {
        String tenant = "T-metrics-" + System.nanoTime();
        given().header("Authorization", TestIssuer.bearer())
                .get("/api/v1/tenants/" + tenant)
                .then()
                .statusCode(200);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                metrics.lines()
                        .anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                                && l.contains("uri=\"/api/v1/tenants/*\"")
                                && l.contains("service=\"gateway\"")
                                && l.contains("le=\"0.05\"")),
                "a histogram bucket of the route, labelled with the service");
        assertTrue(!metrics.contains(tenant), "the raw path is never a label");
    }

    @Test
    void putAndDeleteForwardMethodAndBody() {
        given().header("Authorization", TestIssuer.bearer())
                .contentType("application/json")
                .body("{\"title\":\"Nieuwe keuken\"}")
                .when()
                .put("/api/v1/consultations/42")
                .then()
                .statusCode(200)
                .body("service", equalTo("consultation"))
                .body("method", equalTo("PUT"))
                .body("path", equalTo("/api/v1/consultations/42"))
                .body("headers.content-type", containsString("application/json"))
                .body("body", equalTo("{\"title\":\"Nieuwe keuken\"}"));

        given().header("Authorization", TestIssuer.bearer())
                .contentType("application/json")
                .body("{\"reason\":\"duplicate\"}")
                .when()
                .delete("/api/v1/mailings/7")
                .then()
                .statusCode(200)
                .body("service", equalTo("notification"))
                .body("method", equalTo("DELETE"))
                .body("body", equalTo("{\"reason\":\"duplicate\"}"));
    }

    @Test
    void aPutWhoseConnectionIsUpgradedToHttp2IsForwardedWithItsBody() throws Exception {
        // Java's HttpClient asks for an h2c upgrade on plain http and sends the body with that request.
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2)
                .build();
        for (String method : java.util.List.of("PUT", "POST", "DELETE")) {
            java.net.http.HttpResponse<String> response = client.send(
                    java.net.http.HttpRequest.newBuilder(
                                    gateway.toURI().resolve("/api/v1/consultations/42/questionnaire"))
                            .timeout(java.time.Duration.ofSeconds(10))
                            .header("Authorization", TestIssuer.bearer())
                            .header("Content-Type", "application/json")
                            .method(
                                    method,
                                    java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"Nieuwe keuken\"}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), method + ": " + response.body());
            assertTrue(
                    response.body().contains("\"body\":\"{\\\"title\\\":\\\"Nieuwe keuken\\\"}\""),
                    method + ": " + response.body());
        }
    }

    @Test
    void largeBodyIsStreamedWhole() {
        byte[] body = new byte[3 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        given().header("Authorization", TestIssuer.bearer())
                .contentType("application/octet-stream")
                .body(body)
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length));
    }

    @Test
    void upstreamErrorsPassThroughUnchanged() {
        given().header("Authorization", TestIssuer.bearer())
                .when()
                .get("/api/v1/templates/missing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("notification has no such thing"));
    }

    @Test
    void correlationIdIsGeneratedForwardedAndEchoed() {
        Response response =
                given().header("Authorization", TestIssuer.bearer()).when().get("/api/v1/tenants");
        String id = response.header(CorrelationId.HEADER);
        assertTrue(id != null && id.matches(UUID), "generated id: " + id);
        assertEquals(id, response.jsonPath().getString("headers.x-correlation-id"));
    }

    @Test
    void validCorrelationIdIsKept() {
        given().header("Authorization", TestIssuer.bearer())
                .header(CorrelationId.HEADER, "order-123.Retry_2")
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .header(CorrelationId.HEADER, "order-123.Retry_2")
                .body("headers.x-correlation-id", equalTo("order-123.Retry_2"));
    }

    @Test
    void invalidCorrelationIdIsReplaced() {
        for (String invalid : new String[] {"has space", "x".repeat(65), "semi;colon"}) {
            Response response = given().header("Authorization", TestIssuer.bearer())
                    .header(CorrelationId.HEADER, invalid)
                    .when()
                    .get("/api/v1/tenants");
            String id = response.header(CorrelationId.HEADER);
            assertTrue(id.matches(UUID), invalid + " was replaced by " + id);
            assertEquals(id, response.jsonPath().getString("headers.x-correlation-id"));
        }
    }

    @Test
    void unknownSegmentIsNotFoundProblem() {
        for (String path : new String[] {"/api/v1/nothing/1", "/api/v1/", "/api/v2/tenants"}) {
            given().header("Authorization", TestIssuer.bearer())
                    .header(CorrelationId.HEADER, "nf-1")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .header(CorrelationId.HEADER, "nf-1")
                    .body("type", equalTo("https://meedoen.nl/problems/not-found"))
                    .body("title", equalTo("Not Found"))
                    .body("status", equalTo(404))
                    .body("instance", equalTo(path))
                    .body("detail", containsString(path));
        }
    }

    @Test
    void serviceDownIsBadGatewayProblem() {
        given().header("Authorization", TestIssuer.bearer())
                .header(CorrelationId.HEADER, "down-1")
                .contentType("application/json")
                .body("{\"seats\":12}")
                .when()
                .post("/api/v1/campaigns")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .header(CorrelationId.HEADER, "down-1")
                .body("type", equalTo("https://meedoen.nl/problems/bad-gateway"))
                .body("title", equalTo("Bad Gateway"))
                .body("status", equalTo(502))
                .body("detail", equalTo("Service 'recruitment' is not reachable."))
                .body("instance", equalTo("/api/v1/campaigns"))
                .body(not(containsString("Exception")));
    }

    @Test
    void slowServiceIsGatewayTimeoutProblem() {
        given().header("Authorization", TestIssuer.bearer())
                .header(CorrelationId.HEADER, "slow-1")
                .when()
                .get("/api/v1/panels/slow")
                .then()
                .statusCode(504)
                // The upstream sleeps 5 s; the gateway must give up after its 3 s timeout.
                .time(lessThan(7000L))
                .contentType("application/problem+json")
                .header(CorrelationId.HEADER, "slow-1")
                .body("type", equalTo("https://meedoen.nl/problems/gateway-timeout"))
                .body("status", equalTo(504))
                .body("detail", equalTo("Service 'panel' did not answer in time."))
                .body("instance", equalTo("/api/v1/panels/slow"));
    }

    @Test
    void dotSegmentsAreRejectedNotForwarded() throws Exception {
        // java.net.http sends the path as given; REST Assured's client would normalize it away.
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        gateway.toString().replaceAll("/$", "") + "/api/v1/tenants/../panels/1"))
                                .header("Authorization", TestIssuer.bearer())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("https://meedoen.nl/problems/bad-request"), response.body());
        assertTrue(
                response.headers().firstValue(CorrelationId.HEADER).orElse("").matches(UUID));
    }

    @Test
    void gatewayIsReadyWhileAServiceIsDown() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .header(CorrelationId.HEADER, matchesPattern(UUID));
    }
}
