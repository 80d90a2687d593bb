package nl.meedoen.panel;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.devinfra.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** Panels, population and members for the tests of this module. */
public final class PanelTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PanelTests() {}

    /** Fractions come back as doubles, so closeTo matchers work. */
    private static final io.restassured.config.RestAssuredConfig CONFIG = io.restassured.RestAssured.config()
            .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                    .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));

    public static RequestSpecification as(String role) {
        return given().config(CONFIG).auth().oauth2(TestInfra.token(role));
    }

    /** No token at all. */
    public static RequestSpecification anonymous() {
        return given().config(CONFIG);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tenant in the population read model (as the tenant-profile consumer would write it). */
    public static String tenant(String ref, String ageBand, String householdType) {
        sql("""
                INSERT INTO population_member (tenant_ref, complex_id, neighbourhood_code, age_band, household_type, dwelling_type,
                                               tenancy_band, language, household_key, updated_at)
                VALUES (?1, 'C-1', 'BU00000001', ?2, ?3, 'APARTMENT', '5-9', 'nl', ?1, now())""", ref, ageBand, householdType);
        return ref;
    }

    /** {@code count} tenants with the given age band, refs prefixed. */
    public static List<String> tenants(String prefix, int count, String ageBand, String householdType) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refs.add(tenant(prefix + "-" + i, ageBand, householdType));
        }
        return refs;
    }

    /** A corporation panel co-owned by the test tenant organisation, stratified by age band with the given shares. */
    public static String panel(String extra) {
        return panel(100, extra);
    }

    public static String panel(int targetSize, String extra) {
        return as("corporation")
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Panel %s","purpose":"Test panel","coOwnerParty":"tenant-organisation","tenantOrganisation":"tenant-organisation-client",
                         "targetSize":%d,"strata":["ageBand"],"consentText":"Ik doe mee."%s}""".formatted(UUID.randomUUID(), targetSize, extra))
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
    }

    /** Members who consented on paper: active at once. */
    public static void record(String panelId, List<String> refs) {
        for (String ref : refs) {
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"tenantRef\":\"%s\",\"consentVersion\":1,\"channel\":\"PAPER\"}".formatted(ref))
                    .post("/api/v1/panels/" + panelId + "/members")
                    .then()
                    .statusCode(201);
        }
    }

    /** The corporation invites the tenant to the panel (accepted: 202). */
    public static void invite(String panelId, String tenantRef) {
        as("corporation")
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + tenantRef + "\"]}")
                .post("/api/v1/panels/" + panelId + "/invitations")
                .then()
                .statusCode(202);
    }

    /** A theme proposed by the corporation and co-signed by the tenant organisation. */
    public static String signedTheme(String panelId, String title) {
        String theme = as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\"}")
                .post("/api/v1/panels/" + panelId + "/themes")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/" + panelId + "/themes/" + theme + "/signature")
                .then()
                .statusCode(200);
        return theme;
    }

    /** The personal link token in the latest message request to the tenant, as the broker has it. */
    public static String tokenFromLastMessage(String tenantRef, String template) {
        JsonNode message = lastMessageTo(tenantRef);
        if (!template.equals(message.path("templateKey").asText())) {
            throw new AssertionError("last message to " + tenantRef + " is " + message);
        }
        String url = message.path("data")
                .path(template.equals("panel.invitation") ? "joinUrl" : "consentUrl")
                .asText();
        return url.substring(url.indexOf('#') + 1);
    }

    private static KafkaConsumer<String, String> requests;
    private static final Map<String, List<JsonNode>> MESSAGES = new HashMap<>();

    /**
     * The message requests to a tenant on {@code notification.requests.v1}, oldest first, once the relay has published
     * every one this service wrote for her (the outbox keeps no row of them after that: they carry link tokens).
     */
    public static synchronized List<JsonNode> messagesTo(String tenantRef) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) query(
                                                "SELECT count(*) FROM outbox_event WHERE topic = ?1 AND event_key = ?2"
                                                        + " AND published_at IS NULL",
                                                MessageRequestV1.TOPIC,
                                                tenantRef)
                                        .get(0))
                                .longValue()
                        == 0);
        if (requests == null) {
            requests = Events.consumer(MessageRequestV1.TOPIC);
        }
        // read up to the end of every partition, so everything published so far is seen
        Map<TopicPartition, Long> end = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : requests.poll(Duration.ofMillis(100))) {
                try {
                    MESSAGES.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            if (requests.assignment().isEmpty()) {
                continue;
            }
            if (end == null) {
                end = requests.endOffsets(requests.assignment());
            }
            if (end.entrySet().stream().allMatch(e -> requests.position(e.getKey()) >= e.getValue())) {
                break;
            }
        }
        return List.copyOf(MESSAGES.getOrDefault(tenantRef, List.of()));
    }

    public static JsonNode lastMessageTo(String tenantRef) {
        List<JsonNode> messages = messagesTo(tenantRef);
        if (messages.isEmpty()) {
            throw new AssertionError("no message request to " + tenantRef);
        }
        return messages.get(messages.size() - 1);
    }

    /** Event types written to the outbox for a key, oldest first. */
    public static List<String> outboxTypes(String topic, String key) {
        @SuppressWarnings("unchecked")
        List<String> types = (List<String>)
                query("SELECT type FROM outbox_event WHERE topic = ?1 AND event_key = ?2 ORDER BY id", topic, key);
        return types;
    }

    public static List<JsonNode> outboxPayloads(String topic, String key, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (Object p : query(
                "SELECT payload FROM outbox_event WHERE topic = ?1 AND event_key = ?2 AND type = ?3 ORDER BY id",
                topic,
                key,
                type)) {
            try {
                out.add(JSON.readTree((String) p));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** A consultation event as consultation-service publishes it (key: consultationId). */
    public static void consultationEvent(
            String type,
            String consultationId,
            String panelId,
            String waveId,
            String tenantRef,
            String anonymity,
            Long invited,
            Long completed) {
        String payload = """
                {"consultationId":"%s","kind":"SURVEY","anonymity":"%s","initiatorParty":"corporation","panelId":%s,"waveId":%s,
                 "tenantRef":%s,"invited":%s,"completed":%s}""".formatted(
                consultationId, anonymity, quoted(panelId), quoted(waveId), quoted(tenantRef), invited, completed);
        nl.meedoen.devinfra.Events.publish(
                "consultation.events.v1", consultationId, UUID.randomUUID().toString(), type, payload);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    public static long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0)).longValue();
    }

    public static List<?> query(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }

    public static void sql(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}
