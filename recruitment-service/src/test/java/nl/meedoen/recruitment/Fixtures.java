package nl.meedoen.recruitment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.meedoen.devinfra.TestInfra;
import nl.meedoen.population.PopulationMember;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Shared test helpers: callers, population rows, campaigns, the real broker. */
public final class Fixtures {
    public static final String BASE = "/api/v1/campaigns";

    private Fixtures() {
    }

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role)).contentType(ContentType.JSON);
    }

    public static void member(String tenantRef, String complexId, String ageBand, String householdKey) {
        QuarkusTransaction.requiringNew().run(() -> {
            PopulationMember m = new PopulationMember();
            m.tenantRef = tenantRef;
            m.complexId = complexId;
            m.ageBand = ageBand;
            m.householdType = "SINGLE";
            m.householdKey = householdKey;
            m.language = "nl";
            m.updatedAt = OffsetDateTime.now();
            m.persist();
        });
    }

    public static Map<String, Object> campaign(String form, String party, int seats, String complexId, String compensationType, long cents) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("form", form);
        m.put("organiserParty", party);
        m.put("title", "Groep " + form);
        m.put("theme", "Onderhoud");
        m.put("seats", seats);
        m.put("signupOpens", today.minusDays(1).toString());
        m.put("signupCloses", today.plusDays(10).toString());
        m.put("termEnd", today.plusYears(1).toString());
        m.put("eligibility", List.of(Map.of("attribute", "complexId", "values", List.of(complexId))));
        m.put("sessions", List.of(Map.of("startsAt", "2024-03-01T19:00:00+01:00", "place", "Buurthuis"),
                Map.of("startsAt", "2024-04-01T19:00:00+02:00", "onlineLink", "https://meet.example/x")));
        m.put("compensation", Map.of("type", compensationType, "amountCents", cents));
        return m;
    }

    public static KafkaConsumer<String, String> consumer(String topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    public static List<ConsumerRecord<String, String>> await(KafkaConsumer<String, String> consumer,
                                                             Predicate<ConsumerRecord<String, String>> match, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(20).toMillis();
        while (found.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (match.test(r)) {
                    found.add(r);
                }
            });
        }
        return found;
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether an event payload honours the JSON Schema published for recruitment.events.v1 (asyncapi.yaml points at it). */
    public static boolean matchesEventSchema(String payload) {
        try (var in = Fixtures.class.getResourceAsStream("/events/campaign-event.v1.schema.json")) {
            var schema = io.vertx.json.schema.JsonSchema.of(new io.vertx.core.json.JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            return io.vertx.json.schema.Validator.create(schema, new io.vertx.json.schema.JsonSchemaOptions()
                            .setDraft(io.vertx.json.schema.Draft.DRAFT202012).setBaseUri("https://meedoen.nl/"))
                    .validate(new io.vertx.core.json.JsonObject(payload)).getValid();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
