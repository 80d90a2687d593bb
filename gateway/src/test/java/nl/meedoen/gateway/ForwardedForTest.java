package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import nl.meedoen.devinfra.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * The client address behind a reverse proxy. In tests 127.0.0.1 is a trusted proxy; 127.0.0.2 (the same
 * machine, another source address) is a client connecting directly.
 */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class ForwardedForTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void behindATrustedProxyTheServicesSeeTheRightMostUntrustedAddress() {
        given().header("Authorization", TestIssuer.bearer())
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
                .header("Forwarded", "for=9.9.9.9")
                .header("X-Real-IP", "9.9.9.9")
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("headers.x-forwarded-for", equalTo("203.0.113.7"))
                .body("headers.forwarded", nullValue())
                .body("headers.x-real-ip", nullValue());
        // Trusted hops (10.0.0.0/8 in tests) right of the client are skipped.
        given().header("Authorization", TestIssuer.bearer())
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 10.1.2.3")
                .when()
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("headers.x-forwarded-for", equalTo("203.0.113.7"));
    }

    @Test
    void aClientConnectingDirectlyIsTakenAsItIsWhateverItClaims() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                gateway,
                "127.0.0.2",
                "GET /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: " + TestIssuer.bearer()
                        + "\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close",
                out -> {});
        assertEquals(200, response.status(), response.body());
        assertEquals("127.0.0.2", response.json().getJsonObject("headers").getString("x-forwarded-for"));
    }

    @Test
    void aFreshLeftMostEntryBuysNoNewBucket() {
        // Token routes: burst 5 per client address in tests. Each request claims a new left-most address.
        int allowed = 0;
        while (allowed < 20
                && given().header("X-Forwarded-For", "6.6.6." + allowed + ", 203.0.113.50")
                                .when()
                                .get("/api/v1/unsubscribe/guess-" + allowed)
                                .statusCode()
                        == 200) {
            allowed++;
        }
        assertEquals(5, allowed);
        // Another client behind the same proxy has its own bucket.
        given().header("X-Forwarded-For", "203.0.113.51")
                .when()
                .get("/api/v1/unsubscribe/guess")
                .then()
                .statusCode(200)
                .body("headers.x-forwarded-for", equalTo("203.0.113.51"));
    }

    @Test
    void publicDrawIdsAreGuessedNoFasterThanTokens() {
        // The public draw page's API needs no bearer token (recruitment is absent here: 502, never 401) and shares
        // the token routes' strict per-address limit: burst 5 in tests, then 429.
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(given().header("X-Forwarded-For", "203.0.113.60")
                    .when()
                    .get("/api/v1/campaigns/public-draws/guess-" + i)
                    .statusCode());
        }
        assertEquals(List.of(502, 502, 502, 502, 502), statuses.subList(0, 5), statuses.toString());
        assertEquals(429, statuses.get(6), statuses.toString());
    }
}
