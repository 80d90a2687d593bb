package nl.meedoen.commons;

import static nl.meedoen.commons.ProblemDetailsTest.as;
import static nl.meedoen.commons.ProblemDetailsTest.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    private static io.restassured.response.Response post(String key, String body) {
        return as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/test/notes");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        long before = count();
        var first = post(key, "{\"text\": \"once\"}");
        first.then().statusCode(201);
        var second = post(key, "{\"text\": \"once\"}");
        second.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .body("id", equalTo(first.jsonPath().getInt("id")));
        assertEquals(before + 1, count());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        post(key, "{\"text\": \"first\"}").then().statusCode(201);
        long before = count();
        post(key, "{\"text\": \"second\"}")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/idempotency-key-reused"));
        assertEquals(before, count());
    }

    @Test
    void aKeyStillInFlightIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(mapper.writeValueAsString(new NoteResource.NoteRequest("busy", null, null))
                                .getBytes(StandardCharsets.UTF_8)));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state) VALUES ('POST /test/notes', ?, ?, 'IN_FLIGHT')")) {
            ps.setString(1, key);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        long before = count();
        post(key, "{\"text\": \"busy\"}").then().statusCode(409).contentType("application/problem+json");
        assertEquals(before, count());
    }

    @Test
    void aFailedRequestCommitsNothingAndFreesItsKey() {
        String key = UUID.randomUUID().toString();
        long before = count();
        post(key, "{\"text\": \"fail-after-write\"}")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request could not be completed; quote the correlation id"));
        assertEquals(before, count());
        post(key, "{\"text\": \"fixed\"}").then().statusCode(201);
        assertEquals(before + 1, count());
    }

    @Test
    void malformedKeysAreRejected() {
        post("x".repeat(201), "{\"text\": \"k\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }
}
