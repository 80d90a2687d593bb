package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The fake "flaky" service answers one request per connection and drops the connection, unanswered, when
 * the gateway reuses it: what a service that closed an idle keep-alive connection looks like to the pool.
 */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class UpstreamRetryTest {

    @Test
    void idempotentRequestsAreSentAgainOnANewConnection() {
        int dropped = FakeServices.FLAKY_DROPPED.get();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestIssuer.bearer())
                    .when()
                    .get("/api/v1/flaky/" + i)
                    .then()
                    .statusCode(200)
                    .body("path", equalTo("/api/v1/flaky/" + i));
        }
        // The second GET at the latest found its pooled connection dropped, and still got its answer.
        assertEquals(true, FakeServices.FLAKY_DROPPED.get() > dropped, "no pooled connection was dropped");
        // Every PUT goes out on a connection the service drops, so every one is answered by its retry. A hundred of
        // them:
        // a failure of the first attempt that came late (its body write) once reset the retry, about one PUT in forty.
        for (int i = 0; i < 100; i++) {
            warmAPooledConnection();
            int droppedBefore = FakeServices.FLAKY_DROPPED.get();
            given().header("Authorization", TestIssuer.bearer())
                    .contentType("application/json")
                    .body("{\"n\":" + i + "}")
                    .when()
                    .put("/api/v1/flaky/x")
                    .then()
                    .statusCode(200)
                    .body("method", equalTo("PUT"))
                    .body("body", equalTo("{\"n\":" + i + "}"));
            assertEquals(droppedBefore + 1, FakeServices.FLAKY_DROPPED.get(), "PUT " + i + ": dropped, then retried");
        }
    }

    /** Leaves one idle pooled connection with one request behind it: the next request on it is dropped. */
    private static void warmAPooledConnection() {
        int dropped;
        do {
            dropped = FakeServices.FLAKY_DROPPED.get();
            given().header("Authorization", TestIssuer.bearer())
                    .when()
                    .get("/api/v1/flaky/warm")
                    .then()
                    .statusCode(200);
        } while (FakeServices.FLAKY_DROPPED.get() != dropped); // answered on a new pooled connection, not by a retry
    }

    @Test
    void aPostWithoutIdempotencyKeyIsNotSentTwice() {
        // POST on a pooled connection the service drops: it may have been processed, so the gateway must not guess.
        warmAPooledConnection();
        int answered = FakeServices.FLAKY_ANSWERED.get();
        given().header("Authorization", TestIssuer.bearer())
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/flaky/orders")
                .then()
                .statusCode(502)
                .contentType("application/problem+json");
        assertEquals(answered, FakeServices.FLAKY_ANSWERED.get());

        warmAPooledConnection();
        int dropped = FakeServices.FLAKY_DROPPED.get();
        given().header("Authorization", TestIssuer.bearer())
                .header("Idempotency-Key", "k-1")
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/flaky/orders")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{}"));
        assertEquals(
                dropped + 1, FakeServices.FLAKY_DROPPED.get(), "the first attempt was dropped, the retry answered");
    }
}
