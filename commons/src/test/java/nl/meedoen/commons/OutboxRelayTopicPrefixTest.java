package nl.meedoen.commons;

import static nl.meedoen.commons.OutboxRelayTest.recordsWithKey;
import static nl.meedoen.commons.ProblemDetailsTest.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** A corporation on a shared Kafka cluster: its events go to its own prefixed topics, never to the plain ones. */
@QuarkusTest
@TestProfile(OutboxRelayTopicPrefixTest.SharedCluster.class)
class OutboxRelayTopicPrefixTest {

    public static class SharedCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("meedoen.kafka.topic-prefix", "corp-a.");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private static KafkaConsumer<String, String> consumer(String topic) {
        return nl.meedoen.devinfra.Events.consumer(topic); // its own group, from the beginning
    }

    @Test
    void eventsGoToThePrefixedTopic() {
        try (var prefixed = consumer("corp-a." + NoteResource.TOPIC);
                var plain = consumer(NoteResource.TOPIC)) {
            String id = as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"for corp-a\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getString("id");
            assertEquals(1, recordsWithKey(prefixed, id, dataSource).size(), "on corp-a." + NoteResource.TOPIC);
            assertEquals(0, recordsWithKey(plain, id, dataSource).size(), "nothing on the plain topic");
        }
    }
}
