package nl.meedoen.notification.tenant;

import static nl.meedoen.notification.tenant.Tenants.as;
import static nl.meedoen.notification.tenant.Tenants.body;
import static nl.meedoen.notification.tenant.Tenants.newRef;
import static nl.meedoen.notification.tenant.Tenants.put;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.devinfra.Events;
import nl.meedoen.devinfra.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantProfileEventsTest {

    private static KafkaConsumer<String, String> consumer() {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfra.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "profile-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("tenants.profile.v1"));
        return consumer;
    }

    /** Polls until {@code count} records with the key arrived (or the time is up). */
    private static List<ConsumerRecord<String, String>> awaitRecords(
            KafkaConsumer<String, String> consumer, String key, int count, Duration max) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (found.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        return found;
    }

    /** Polls until a record arrived for each of the keys (or 30 s passed); key → its latest record. */
    private static Map<String, ConsumerRecord<String, String>> latest(
            KafkaConsumer<String, String> consumer, List<String> keys) {
        Map<String, ConsumerRecord<String, String>> found = new java.util.HashMap<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (found.size() < keys.size() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                if (keys.contains(r.key())) {
                    found.put(r.key(), r);
                }
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void opsRepublishEveryProfileForANewConsumerOrALostTopic() {
        List<String> refs = List.of(newRef(), newRef(), newRef());
        refs.forEach(ref -> put(ref, body("BU03440102", 1980)).then().statusCode(201));
        as("corporation").post("/api/v1/tenants/profiles/republish").then().statusCode(403);
        try (var consumer = consumer()) {
            // past the upserts' own events: a key's records share a partition, so anything later for these keys is new
            assertEquals(refs.size(), latest(consumer, refs).size(), "the upserts' own events");
            String location = as("ops")
                    .post("/api/v1/tenants/profiles/republish")
                    .then()
                    .statusCode(202)
                    .header("Location", containsString("/api/v1/jobs/notification/"))
                    .extract()
                    .header("Location");
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> "SUCCEEDED"
                            .equals(as("ops")
                                    .get(location)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .path("status")));
            int published = as("ops").get(location).then().extract().path("result.published");
            assertTrue(published >= refs.size(), "published " + published);
            Map<String, ConsumerRecord<String, String>> again = latest(consumer, refs);
            for (String ref : refs) {
                ConsumerRecord<String, String> record = again.get(ref);
                assertTrue(record != null, "the profile of " + ref + " published again");
                assertEquals("nl.meedoen.notification.tenant-profile-changed.v1", header(record, "ce_type"));
                assertTrue(record.value().contains("\"neighbourhoodCode\":\"BU03440102\""), record.value());
            }
        }
    }

    @Test
    void upsertPublishesTheProfileWithoutPersonalDataAndErasurePublishesATombstone() {
        String ref = newRef();
        try (var consumer = consumer()) {
            put(ref, body("BU03440101", 1960)).then().statusCode(201);
            put(ref, body("BU03440101", 1960)).then().statusCode(200); // unchanged: no second event
            as("corporation").delete("/api/v1/tenants/" + ref).then().statusCode(204);

            List<ConsumerRecord<String, String>> records = awaitRecords(consumer, ref, 2, Duration.ofSeconds(20));
            records.addAll(Events.restOnceRelayed(
                    consumer,
                    r -> ref.equals(r.key()),
                    Arc.container().instance(AgroalDataSource.class).get())); // anything extra
            assertEquals(2, records.size(), "one profile event and one tombstone");

            ConsumerRecord<String, String> profile = records.get(0);
            assertEquals("nl.meedoen.notification.tenant-profile-changed.v1", header(profile, "ce_type"));
            assertEquals("urn:meedoen:notification-service", header(profile, "ce_source"));
            String json = profile.value();
            assertTrue(json.contains("\"neighbourhoodCode\":\"BU03440101\""), json);
            assertTrue(json.contains("\"ageBand\":\"65-79\""), json);
            assertTrue(json.matches(".*\"householdKey\":\"[0-9a-f]{32}\".*"), json);
            assertTrue(matchesPublishedSchema(json), "payload violates the published schema: " + json);
            assertFalse(
                    matchesPublishedSchema(json.replaceFirst("\\{", "{\"email\":\"anna@example.nl\",")),
                    "the schema must refuse personal fields");
            for (String personal : List.of("Anna", "anna@example.nl", "Dorpsstraat", "1234", "Utrecht", "1960")) {
                assertFalse(json.contains(personal), "personal data leaked: " + personal + " in " + json);
            }

            ConsumerRecord<String, String> tombstone = records.get(1);
            assertNull(tombstone.value());
            assertEquals("nl.meedoen.notification.tenant-erased.v1", header(tombstone, "ce_type"));
        }
    }

    /** The payload honours the JSON Schema we publish for consumers. */
    private static boolean matchesPublishedSchema(String json) {
        try (var in =
                TenantProfileEventsTest.class.getResourceAsStream("/events/tenant-profile-changed.v1.schema.json")) {
            var schema = io.vertx.json.schema.JsonSchema.of(
                    new io.vertx.core.json.JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            var result = io.vertx.json.schema.Validator.create(
                            schema,
                            new io.vertx.json.schema.JsonSchemaOptions()
                                    .setDraft(io.vertx.json.schema.Draft.DRAFT202012)
                                    .setBaseUri("https://meedoen.nl/"))
                    .validate(new io.vertx.core.json.JsonObject(json));
            return result.getValid();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sameAddressMeansSameHouseholdKey() {
        String a = newRef();
        String b = newRef();
        String keyA = put(a, body("BU03440101", 1980))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("householdKey");
        String keyB = put(b, body("BU03440101", 2001).replace("1234 ab", "1234AB"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("householdKey");
        String keyC = put(newRef(), body("BU03440101", 1980).replace("\"A\"", "\"B\""))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("householdKey");
        assertEquals(keyA, keyB);
        assertFalse(keyA.equals(keyC));
    }

    /** Nothing acknowledged is lost: writes accepted while Kafka is down are published once it is back. */
    @Test
    void eventsWrittenWhileKafkaIsDownArePublishedWhenItIsBack() {
        String ref = newRef();
        TestInfra.stopKafka();
        try {
            put(ref, body("BU03440105", 1990)).then().statusCode(201);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> as("ops")
                            .get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .body(containsString("meedoen_outbox_backlog "))
                            .body(org.hamcrest.Matchers.not(containsString("meedoen_outbox_backlog 0.0"))));
        } finally {
            TestInfra.startKafka();
        }
        try (var consumer = consumer()) {
            List<ConsumerRecord<String, String>> records = awaitRecords(consumer, ref, 1, Duration.ofSeconds(60));
            assertEquals(1, records.size());
            assertTrue(records.get(0).value().contains("BU03440105"));
        }
    }
}
