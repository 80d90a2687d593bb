package nl.meedoen.population;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.CloudEventHeaders;
import nl.meedoen.devinfra.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every service's population read model must show, through the real broker. Each
 * consuming service runs it against its own API path by extending this class as a {@code @QuarkusTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PopulationReadModelContract {

    private final String basePath;
    private KafkaProducer<String, String> producer;

    protected PopulationReadModelContract(String basePath) {
        this.basePath = basePath;
    }

    @BeforeAll
    void openProducer() {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role));
    }

    private static String profile(String ref, String neighbourhood) {
        return """
                {"tenantRef":"%s","complexId":"C-9","neighbourhoodCode":"%s","ageBand":"35-49","householdType":"COUPLE",
                 "dwellingType":"APARTMENT","tenancyBand":"5-9","language":"nl","householdKey":"%s"}""".formatted(ref, neighbourhood, UUID.randomUUID().toString().replace("-", ""));
    }

    private String send(String key, String type, String payload, String eventId) {
        try {
            producer.send(record(key, type, payload, eventId)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return eventId;
    }

    private static ProducerRecord<String, String> record(String key, String type, String payload, String eventId) {
        CloudEvent event = new CloudEvent(
                eventId,
                type,
                "urn:meedoen:notification-service",
                key,
                OffsetDateTime.now(),
                "contract-test",
                key,
                payload);
        ProducerRecord<String, String> record = new ProducerRecord<>(TenantProfileV1.TOPIC, key, payload);
        CloudEventHeaders.write(record.headers(), event);
        return record;
    }

    private String sendProfile(String ref, String neighbourhood) {
        return send(
                ref,
                TenantProfileV1.CHANGED,
                profile(ref, neighbourhood),
                UUID.randomUUID().toString());
    }

    private void awaitNeighbourhood(String ref, String neighbourhood) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get(basePath + "/members/" + ref)
                        .then()
                        .statusCode(200)
                        .body("neighbourhoodCode", equalTo(neighbourhood)));
    }

    @Test
    void aProfileEventAppearsWithoutContactData() {
        String ref = "P-" + UUID.randomUUID();
        sendProfile(ref, "BU00000001");
        awaitNeighbourhood(ref, "BU00000001");
        as("ops")
                .get(basePath + "/members/" + ref)
                .then()
                .statusCode(200)
                .body("tenantRef", equalTo(ref))
                .body("ageBand", equalTo("35-49"))
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("name")))
                .body("$", not(hasKey("householdKey")));
    }

    @Test
    void thePublishedSchemaOfAMemberIsWhatTheRouteReturns() {
        io.restassured.path.json.JsonPath api = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String path = api.getMap("paths").keySet().stream()
                .map(Object::toString)
                .filter(p -> p.endsWith(basePath + "/members/{tenantRef}"))
                .findFirst()
                .orElseThrow();
        String ref = api.getString("paths.'" + path + "'.get.responses.'200'.content.'application/json'.schema.$ref");
        Map<String, Object> properties =
                api.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1) + ".properties");
        assertEquals(
                Set.of(
                        "tenantRef",
                        "complexId",
                        "neighbourhoodCode",
                        "ageBand",
                        "householdType",
                        "dwellingType",
                        "tenancyBand",
                        "language"),
                properties.keySet());
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String ref = "P-" + UUID.randomUUID();
        String eventId = sendProfile(ref, "BU00000002");
        awaitNeighbourhood(ref, "BU00000002");
        send(ref, TenantProfileV1.CHANGED, profile(ref, "BU00000099"), eventId); // same ce_id, other content
        String marker = "P-" + UUID.randomUUID();
        sendProfile(
                marker,
                "BU00000003"); // same partition order is not guaranteed across keys: wait for the redelivery itself
        // below
        awaitNeighbourhood(marker, "BU00000003");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> as("corporation")
                        .get(basePath + "/members/" + ref)
                        .then()
                        .body("neighbourhoodCode", equalTo("BU00000002")));
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicAndLaterEventsStillFlow() {
        // sent without waiting, so that they most likely reach the consumer in one batch
        String before = "P-" + UUID.randomUUID();
        producer.send(record(
                before,
                TenantProfileV1.CHANGED,
                profile(before, "BU00000004"),
                UUID.randomUUID().toString()));
        String badKey = "P-bad-" + UUID.randomUUID();
        producer.send(record(
                badKey, TenantProfileV1.CHANGED, "{not json", UUID.randomUUID().toString()));
        producer.send(new ProducerRecord<>(TenantProfileV1.TOPIC, badKey + "-2", "{}")); // no CloudEvents headers
        String good = "P-" + UUID.randomUUID();
        producer.send(record(
                good,
                TenantProfileV1.CHANGED,
                profile(good, "BU00000004"),
                UUID.randomUUID().toString()));
        producer.flush();
        awaitNeighbourhood(before, "BU00000004");
        awaitNeighbourhood(good, "BU00000004");
        as("corporation").get(basePath + "/members/" + badKey).then().statusCode(404);

        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfra.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlq-check-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TenantProfileV1.TOPIC + ".dlq"));
            Set<String> parked = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    parked.add(r.key());
                    var reason = r.headers().lastHeader("dead-letter-reason");
                    if (r.key().equals(badKey)
                            && reason != null
                            && new String(reason.value(), StandardCharsets.UTF_8).contains("not a tenant profile")) {
                        return true;
                    }
                }
                return false;
            });
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> parked.add(r.key()));
            // only the bad ones are parked, not the batch they came in
            assertFalse(parked.contains(before) || parked.contains(good), "good records were parked: " + parked);
        }
    }

    @Test
    void aTombstoneRemovesTheTenant() {
        String ref = "P-" + UUID.randomUUID();
        sendProfile(ref, "BU00000005");
        awaitNeighbourhood(ref, "BU00000005");
        send(ref, TenantProfileV1.ERASED, null, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get(basePath + "/members/" + ref)
                        .then()
                        .statusCode(404)
                        .contentType("application/problem+json"));
    }

    /** An import publishes its profiles in one burst: every one of them arrives, in one neighbourhood's count. */
    @Test
    void aBurstOfProfilesAllArrive() {
        String neighbourhood = "BU8" + (int) (Math.random() * 1_000_0000);
        int burst = Integer.getInteger("meedoen.population.burst", 3_000); // benchmarks/RESULTS.md: 20,000
        long t0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            String ref = "P-" + UUID.randomUUID();
            producer.send(record(
                    ref,
                    TenantProfileV1.CHANGED,
                    profile(ref, neighbourhood),
                    UUID.randomUUID().toString()));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> as("corporation")
                        .queryParam("attribute", "neighbourhoodCode")
                        .get(basePath + "/counts")
                        .then()
                        .statusCode(200)
                        .body("counts." + neighbourhood, equalTo(burst)));
        System.out.printf("[burst] %,d profiles in %.1f s%n", burst, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void countsPerAttributeValue() {
        String ref = "P-" + UUID.randomUUID();
        String neighbourhood = "BU7" + (int) (Math.random() * 1_000_0000);
        sendProfile(ref, neighbourhood);
        awaitNeighbourhood(ref, neighbourhood);
        as("tenant-organisation")
                .queryParam("attribute", "neighbourhoodCode")
                .get(basePath + "/counts")
                .then()
                .statusCode(200)
                .body("attribute", equalTo("neighbourhoodCode"))
                .body("counts." + neighbourhood, equalTo(1));
        as("corporation")
                .queryParam("attribute", "email")
                .get(basePath + "/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("attribute"));
        as("corporation").get(basePath + "/counts").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyStaffRolesMayReadThePopulation() {
        given().queryParam("attribute", "ageBand")
                .get(basePath + "/counts")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        as("survey-frontend")
                .queryParam("attribute", "ageBand")
                .get(basePath + "/counts")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as("tenant-organisation").get(basePath + "/members/anyone").then().statusCode(403);
    }
}
