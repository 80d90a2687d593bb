package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Authentication, rate limits, size limit, CORS and security headers at the front door. */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySecurityTest {

    @TestHTTPResource("/")
    URL gateway;

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void withoutATokenNothingIsForwarded() {
        given().header(CorrelationId.HEADER, "auth-1")
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .header(CorrelationId.HEADER, "auth-1")
                .header("X-Upstream", nullValue())
                .body("type", equalTo("https://meedoen.nl/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("correlationId", equalTo("auth-1"));
        given().header("Authorization", "Basic dXNlcjpwdw==")
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt")
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(401);
    }

    @Test
    void expiredForgedAndWrongAudienceTokensAreRejectedAlike() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        for (String token : List.of(
                TestIssuer.token(
                        "k1", "expired", TestIssuer.AUDIENCE, Instant.now().minusSeconds(120)),
                TestIssuer.token("unpublished", "forged", TestIssuer.AUDIENCE, inAnHour),
                TestIssuer.token("k1", "other-audience", "someone-else", inAnHour))) {
            given().header("Authorization", bearer(token))
                    .when()
                    .get("/api/v1/tenants")
                    .then()
                    .statusCode(401)
                    .body("detail", equalTo("A valid bearer token is required."))
                    .body(not(containsString("xception")));
        }
    }

    @Test
    void clockSkewOfAFewSecondsIsTolerated() {
        String justExpired = TestIssuer.token(
                "k1", "skewed-clock", TestIssuer.AUDIENCE, Instant.now().minusSeconds(10));
        given().header("Authorization", bearer(justExpired))
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("service", equalTo("notification"));
    }

    @Test
    void aRotatedKeyIsFetchedFromTheJwksUrl() throws InterruptedException {
        try {
            String rotated = TestIssuer.token(
                    "k2", "rotated", TestIssuer.AUDIENCE, Instant.now().plusSeconds(600));
            given().header("Authorization", bearer(rotated))
                    .when()
                    .get("/api/v1/tenants")
                    .then()
                    .statusCode(401);
            TestIssuer.publish("k1", "k2");
            Thread.sleep(400); // the JWKS client refetches at most every 300 ms, whatever is forced
            given().header("Authorization", bearer(rotated))
                    .when()
                    .get("/api/v1/tenants")
                    .then()
                    .statusCode(200);
        } finally {
            TestIssuer.publish("k1");
        }
    }

    @Test
    @Order(1)
    void publicRoutesPassWithoutAToken() {
        given().when()
                .get("/api/v1/unsubscribe/some-token")
                .then()
                .statusCode(200)
                .body("service", equalTo("notification"));
        given().when()
                .get("/api/v1/consultations/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("service", equalTo("consultation"));
        given().when().get("/openapi").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        // Only the listed routes: a neighbour of a public route is not public.
        given().when().get("/api/v1/consultations/respondents").then().statusCode(401);
    }

    @Test
    @Order(2)
    void guessingTokensIsSlowedPerIp() {
        Response limited =
                firstLimited(() -> given().when().get("/api/v1/panels/membership/guess-" + System.nanoTime()), 12);
        assertLimited(limited);
    }

    @Test
    void eachClientHasItsOwnRateLimit() {
        String busy = bearer(TestIssuer.token(
                "k1", "busy-client", TestIssuer.AUDIENCE, Instant.now().plusSeconds(600)));
        Response limited =
                firstLimited(() -> given().header("Authorization", busy).when().get("/api/v1/tenants"), 15);
        assertLimited(limited);
        // Another client is not affected.
        given().header("Authorization", TestIssuer.bearer())
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(200);
    }

    private static Response firstLimited(java.util.function.Supplier<Response> call, int attempts) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Response response = call.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                return response;
            }
        }
        throw new AssertionError("never limited: " + statuses);
    }

    private static void assertLimited(Response response) {
        response.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header(CorrelationId.HEADER, notNullValue())
                .body("type", equalTo("https://meedoen.nl/problems/too-many-requests"));
        assertTrue(Long.parseLong(response.header("Retry-After")) >= 1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        // Only the headers are sent: the gateway must answer from Content-Length alone (5 MB > the 4M test limit).
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestIssuer.bearer()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            assertTrue(statusLine.startsWith("HTTP/1.1 413 "), statusLine);
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.equalsIgnoreCase("Content-Type: application/problem+json");
            }
            assertTrue(problem, "413 as problem details");
        }
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (Response response : List.of(
                given().header("Authorization", TestIssuer.bearer()).when().get("/api/v1/tenants"),
                given().when().get("/api/v1/tenants"),
                given().when().get("/openapi"),
                given().when().get("/swagger-ui/"))) {
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Strict-Transport-Security", containsString("max-age="))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header(CorrelationId.HEADER, notNullValue());
        }
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
        given().header("Origin", "https://frontend.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .when()
                .options("/api/v1/consultations/respondent/response")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://frontend.example");
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/api/v1/consultations/respondent/response")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
