package nl.meedoen.commons;

import static io.restassured.RestAssured.given;
import static nl.meedoen.commons.ProblemDetailsTest.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.outbox.OutboxRelay;
import nl.meedoen.devinfra.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    static KafkaConsumer<String, String> consumer() {
        return consumer(NoteResource.TOPIC);
    }

    static KafkaConsumer<String, String> consumer(String topic) {
        return Events.consumer(topic); // its own group, from the beginning
    }

    /** The records with this key once the outbox has relayed every row written so far: proves "once" and "none". */
    static List<ConsumerRecord<String, String>> recordsWithKey(
            KafkaConsumer<String, String> consumer, String key, DataSource outboxDatabase) {
        return Events.restOnceRelayed(consumer, r -> key.equals(r.key()), outboxDatabase);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aCommittedEventIsPublishedOnceAsABinaryCloudEvent() {
        try (var consumer = consumer()) {
            String id = as("corporation")
                    .header("X-Correlation-Id", "corr-outbox-1")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"relay me\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getString("id");
            List<ConsumerRecord<String, String>> records = recordsWithKey(consumer, id, dataSource);
            assertEquals(1, records.size(), "published exactly once");
            ConsumerRecord<String, String> record = records.get(0);
            assertEquals("1.0", header(record, "ce_specversion"));
            assertEquals("nl.meedoen.test.note-created.v1", header(record, "ce_type"));
            assertEquals("urn:meedoen:commons-test", header(record, "ce_source"));
            assertEquals(id, header(record, "ce_subject"));
            assertEquals("corr-outbox-1", header(record, "ce_correlationid"));
            assertTrue(header(record, "ce_id").matches("[0-9a-f-]{36}"));
            assertTrue(record.value().contains("\"relay me\""));
        }
    }

    @Test
    void aRolledBackRequestPublishesNothing() {
        try (var consumer = consumer()) {
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"fail-after-write\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(500);
            String id = as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"after failure\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getString("id");
            long previousId = Long.parseLong(id) - 1; // the id the failed insert consumed
            List<ConsumerRecord<String, String>> failed =
                    recordsWithKey(consumer, Long.toString(previousId), dataSource);
            assertTrue(failed.isEmpty(), "the rolled-back note must not be published");
        }
    }

    /** Another replica's relay holds the lock: this one must not publish until it is released. */
    @Test
    void onlyTheRelayHoldingTheAdvisoryLockPublishes() throws Exception {
        try (var consumer = consumer();
                Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            String id = as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"wait for lock\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getString("id");
            assertTrue(
                    Events.collect(consumer, r -> id.equals(r.key()), Duration.ofSeconds(3))
                            .isEmpty(),
                    "published while another relay held the lock");
            assertFalse(isPublished(id));
            relay.measureOldestPending();
            assertTrue(relay.oldestPendingSeconds() >= 2, "the stuck event's age: " + relay.oldestPendingSeconds());
            otherReplica.rollback(); // releases the transaction-scoped lock
            assertEquals(1, recordsWithKey(consumer, id, dataSource).size());
            await().atMost(Duration.ofSeconds(5)).until(() -> isPublished(id));
            relay.measureOldestPending();
            assertTrue(relay.oldestPendingSeconds() < 2, "nothing old waits once it is published");
            assertTrue(
                    given().get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString()
                            .contains("meedoen_outbox_oldest_age_seconds "),
                    "exported for the alert on a stuck relay");
        }
    }

    @Test
    void aMessageRequestCarryingALinkTokenLeavesNoRowOncePublishedWhileOtherEventsAreKept() throws Exception {
        String token = "token-" + UUID.randomUUID();
        String tenant = "T-" + UUID.randomUUID();
        try (var requests = consumer(MessageRequestV1.TOPIC);
                var notes = consumer()) {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publish(
                            MessageRequestV1.TOPIC,
                            MessageRequestV1.TYPE,
                            tenant,
                            Map.of("tenantRef", tenant, "data", Map.of("joinUrl", "https://x.example/join#" + token))));
            String note = as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"kept for inspection\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getString("id");

            List<ConsumerRecord<String, String>> sent = recordsWithKey(requests, tenant, dataSource);
            assertEquals(1, sent.size(), "the message request reached the broker");
            assertTrue(sent.get(0).value().contains(token));
            await().atMost(Duration.ofSeconds(5)).until(() -> isPublished(note));
            assertEquals(0, rowsContaining(token), "no row holds the token once the broker has it");
            assertEquals(1, recordsWithKey(notes, note, dataSource).size());
        }
    }

    private long rowsContaining(String text) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE payload LIKE ?")) {
            ps.setString(1, "%" + text + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean isPublished(String key) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT published_at IS NOT NULL FROM outbox_event WHERE topic = ? AND event_key = ?")) {
            ps.setString(1, NoteResource.TOPIC);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
