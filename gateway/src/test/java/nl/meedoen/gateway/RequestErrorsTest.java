package nl.meedoen.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import nl.meedoen.devinfra.RawHttp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Errors answered before or outside any route are problems with a correlation id too. Raw sockets: clients would fix these requests. */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class RequestErrorsTest {

    @TestHTTPResource("/")
    URL gateway;

    private RawHttp.Response get(String target, String correlationId) throws IOException {
        return RawHttp.exchange(
                gateway,
                "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Correlation-Id: " + correlationId
                        + "\r\nAuthorization: " + TestIssuer.bearer() + "\r\nConnection: close");
    }

    private static void assertProblem(RawHttp.Response response, int status, String slug, String correlationId) {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(correlationId, response.header(CorrelationId.HEADER));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("https://meedoen.nl/problems/" + slug, response.json().getString("type"));
        assertEquals(status, response.json().getInteger("status"));
        assertEquals(correlationId, response.json().getString("correlationId"));
        assertNotNull(response.json().getString("detail"));
    }

    @Test
    void aTooLongRequestTargetIs414() throws IOException {
        assertProblem(get("/api/v1/tenants?q=" + "a".repeat(5000), "long-1"), 414, "uri-too-long", "long-1");
        // Longer than a service's request line (4096) but far within the decoder's: still ours.
        assertProblem(get("/api/v1/tenants/" + "a".repeat(30_000), "long-2"), 414, "uri-too-long", "long-2");
    }

    @Test
    void tooLargeHeadersAre431() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                gateway,
                "GET /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\n" + "X-Correlation-Id: hdr-1\r\nX-Padding: "
                        + "p".repeat(20_000) + "\r\nConnection: close");
        assertProblem(response, 431, "request-header-fields-too-large", "hdr-1");
    }

    @Test
    void theGatewayIsReadyOnlyWithTheDecoderProblemsInPlace() {
        awaitReady();
        RestAssured.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'decoder-errors' }.status", equalTo("UP"));
    }

    @Test
    void requestsOverTheHttpDecodersLimitsAreProblemsToo() throws IOException {
        awaitReady(); // as Kubernetes does before it sends traffic: the handler is installed just after the server
        // listens
        // Past quarkus.http.limits.max-initial-line-length / max-header-size (64K): refused by the decoder, before any
        // route.
        RawHttp.Response line =
                RawHttp.exchange(gateway, "GET /api/v1/tenants/" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost");
        assertDecoderProblem(line, 414, "uri-too-long");
        RawHttp.Response headers = RawHttp.exchange(
                gateway, "GET /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(70_000));
        assertDecoderProblem(headers, 431, "request-header-fields-too-large");
    }

    private static void awaitReady() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> RestAssured.given().get("/q/health/ready").statusCode() == 200);
    }

    private static void assertDecoderProblem(RawHttp.Response response, int status, String slug) {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("https://meedoen.nl/problems/" + slug, response.json().getString("type"));
        assertEquals(status, response.json().getInteger("status"));
        assertNotNull(response.json().getString("title"));
        assertNotNull(response.header(CorrelationId.HEADER));
        assertEquals(response.header(CorrelationId.HEADER), response.json().getString("correlationId"));
    }

    @Test
    void aMalformedPercentEscapeIs400() throws IOException {
        assertProblem(get("/api/v1/tenants/%zz", "pct-1"), 400, "bad-request", "pct-1");
        assertProblem(get("/q/health/%2", "pct-2"), 400, "bad-request", "pct-2");
    }

    @Test
    void dotSegmentsAreRefusedEvenWhenTheyLeaveApi() throws IOException {
        RawHttp.Response response = get("/api/../q/metrics", "dot-1");
        assertProblem(response, 400, "bad-request", "dot-1");
        assertTrue(response.json().getString("detail").contains("dot segments"), response.body());
        assertProblem(get("/api/v1/tenants/../../x", "dot-2"), 400, "bad-request", "dot-2");
    }

    @Test
    void unknownPathsOutsideApiAre404Problems() throws IOException {
        assertProblem(get("/nothing/here", "nf-2"), 404, "not-found", "nf-2");
    }

    @Test
    void aMethodAPathDoesNotTakeIs405() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                gateway,
                "DELETE /openapi HTTP/1.1\r\nHost: localhost\r\n" + "X-Correlation-Id: m-1\r\nConnection: close");
        assertProblem(response, 405, "method-not-allowed", "m-1");
    }

    @Test
    void anUnknownTransferCodingIs501NotABare400() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                gateway,
                null,
                "POST /api/v1/messages HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: " + TestIssuer.bearer()
                        + "\r\nX-Correlation-Id: te-1\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close",
                out -> {});
        assertProblem(response, 501, "not-implemented", "te-1");
    }
}
