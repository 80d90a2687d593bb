package nl.meedoen.commons;

import static nl.meedoen.commons.ProblemDetailsTest.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ops read what a consumer parked, and after the fix replay it: once, audited, and the consumer then processes it. */
@QuarkusTest
class DeadLetterReplayTest {

    static final String DLQ = "commons.test.notes.v1.dlq";
    static final String BASE = "/test/dead-letters";

    @Inject
    AgroalDataSource dataSource;

    private static String poison() {
        String text = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        as("corporation")
                .contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .post("/test/notes")
                .then()
                .statusCode(201);
        return text;
    }

    /** The parked record of the note with this text: [partition, offset]. */
    private static Map<String, Object> parked(String text) {
        Map<String, Object>[] found = new Map[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<Map<String, Object>> entries = as("ops")
                            .queryParam("topic", DLQ)
                            .get(BASE)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("$");
                    for (Map<String, Object> e : entries) {
                        JsonPath one = as("ops")
                                .get(BASE + "/" + DLQ + "/" + e.get("partition") + "/" + e.get("offset"))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath();
                        if (one.getString("payload") != null
                                && one.getString("payload").contains(text)) {
                            found[0] = e;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    @Test
    void aParkedEventIsReplayedAfterTheFixOnceAndAudited() throws Exception {
        NoteConsumer.fixed = false;
        String text = poison();
        Map<String, Object> entry = parked(text);
        assertEquals("commons.test.notes.v1", entry.get("originalTopic"));
        assertTrue(String.valueOf(entry.get("reason")).contains("poison"), entry.toString());
        String one = BASE + "/" + DLQ + "/" + entry.get("partition") + "/" + entry.get("offset");
        as("corporation").get(BASE).then().statusCode(403);
        as("ops")
                .post(BASE + "/" + DLQ + "/0/999999999/replay")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("ops").get(BASE + "?topic=commons.test.other.dlq").then().statusCode(404);

        NoteConsumer.fixed = true;
        as("ops").post(one + "/replay").then().statusCode(200).body("originalTopic", equalTo("commons.test.notes.v1"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> NoteConsumer.PROCESSED.stream().anyMatch(p -> p.contains(text)));
        as("ops")
                .get(one)
                .then()
                .statusCode(200)
                .body("replayedAt", notNullValue())
                .body("replayedBy", equalTo("ops-client"));
        as("ops").post(one + "/replay").then().statusCode(409).body("type", containsString("already-replayed"));
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "SELECT count(*) FROM audit_log WHERE action = 'dead-letter.replay' AND subject_id = ?")) {
            ps.setString(1, DLQ + "/" + entry.get("partition") + "/" + entry.get("offset"));
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void replayingAllSendsBackWhatWasNotReplayedYet() {
        NoteConsumer.fixed = false;
        String text = poison();
        parked(text);
        NoteConsumer.fixed = true;
        int replayed = as("ops")
                .queryParam("topic", DLQ)
                .post(BASE + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .path("replayed");
        assertTrue(replayed >= 1, "replayed " + replayed);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> NoteConsumer.PROCESSED.stream().anyMatch(p -> p.contains(text)));
        as("ops")
                .queryParam("topic", DLQ)
                .post(BASE + "/replay")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(0));
    }
}
