package nl.meedoen.panel.member;

import static nl.meedoen.panel.PanelTests.anonymous;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.count;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.record;
import static nl.meedoen.panel.PanelTests.signedTheme;
import static nl.meedoen.panel.PanelTests.tenant;
import static nl.meedoen.panel.PanelTests.tokenFromLastMessage;
import static nl.meedoen.panel.PanelTests.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

/** What leaves and enters through Kafka for members: message requests, panel events, erasure. */
@QuarkusTest
class MemberEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theInvitationAndTheJoinReachKafkaThroughTheOutbox() throws Exception {
        String panel = panel("");
        String ref = tenant(unique("T"), "18-34", "SINGLE");
        try (var requests = Events.consumer(MessageRequestV1.TOPIC);
                var panelEvents = Events.consumer("panel.events.v1")) {
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"tenantRefs\":[\"" + ref + "\"]}")
                    .post("/api/v1/panels/" + panel + "/invitations")
                    .then()
                    .statusCode(202);
            var mail = Events.await(requests, r -> ref.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(1, mail.size());
            assertEquals(MessageRequestV1.TYPE, Events.header(mail.get(0), "ce_type"));
            MessageRequestV1 request = JSON.readValue(mail.get(0).value(), MessageRequestV1.class);
            assertEquals("panel.invitation", request.templateKey());
            assertEquals(MessageRequestV1.PANEL, request.purpose());
            assertTrue(
                    request.data().get("joinUrl").toString().startsWith("http://localhost:8080/panel#"),
                    "built from meedoen.public-base-url");

            anonymous()
                    .contentType(ContentType.JSON)
                    .body("{\"consent\":true,\"consentVersion\":1}")
                    .post("/api/v1/panels/membership/" + tokenFromLastMessage(ref, "panel.invitation") + "/join")
                    .then()
                    .statusCode(200);
            var joined = Events.await(
                    panelEvents,
                    r -> panel.equals(r.key())
                            && "nl.meedoen.panel.member-joined.v1".equals(Events.header(r, "ce_type")),
                    1,
                    Duration.ofSeconds(30));
            assertEquals(1, joined.size());
            JsonNode payload = JSON.readTree(joined.get(0).value());
            assertEquals(ref, payload.path("tenantRef").asText());
            assertEquals("ONLINE", payload.path("channel").asText());
        }
    }

    @Test
    void everyPanelEventMatchesItsPublishedSchema() {
        String panel = panel("");
        String ref = tenant(unique("S"), "35-49", "SINGLE");
        String other = tenant(unique("S"), "35-49", "SINGLE");
        record(panel, List.of(other));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + ref + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202);
        String token = tokenFromLastMessage(ref, "panel.invitation");
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(200);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/membership/" + token + "/pause")
                .then()
                .statusCode(200);
        anonymous()
                .post("/api/v1/panels/membership/" + token + "/resume")
                .then()
                .statusCode(200);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\":\"v2\"}")
                .post("/api/v1/panels/" + panel + "/consent-texts")
                .then()
                .statusCode(201);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":2}")
                .post("/api/v1/panels/membership/" + token + "/consent")
                .then()
                .statusCode(200);
        String theme = signedTheme(panel, "Schema");
        String declined = as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Nee\"}")
                .post("/api/v1/panels/" + panel + "/themes")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"later\"}")
                .post("/api/v1/panels/" + panel + "/themes/" + declined + "/decline")
                .then()
                .statusCode(200);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":2,\"cooldownDays\":0}"
                        .formatted(UUID.randomUUID(), theme))
                .post("/api/v1/panels/" + panel + "/waves")
                .then()
                .statusCode(201);
        anonymous().post("/api/v1/panels/membership/" + token + "/leave").then().statusCode(200);

        java.util.Map<String, String> schemas = java.util.Map.of(
                "nl.meedoen.panel.member-joined.v1", "member-joined.v1.schema.json",
                "nl.meedoen.panel.member-paused.v1", "member-paused.v1.schema.json",
                "nl.meedoen.panel.member-resumed.v1", "member-resumed.v1.schema.json",
                "nl.meedoen.panel.member-left.v1", "member-left.v1.schema.json",
                "nl.meedoen.panel.consent-renewed.v1", "consent-renewed.v1.schema.json",
                "nl.meedoen.panel.theme-proposed.v1", "theme-proposed.v1.schema.json",
                "nl.meedoen.panel.theme-signed.v1", "theme-decided.v1.schema.json",
                "nl.meedoen.panel.theme-declined.v1", "theme-decided.v1.schema.json",
                "nl.meedoen.panel.wave-launched.v1", "wave-launched.v1.schema.json");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String type : nl.meedoen.panel.PanelTests.outboxTypes("panel.events.v1", panel)) {
            for (JsonNode payload : nl.meedoen.panel.PanelTests.outboxPayloads("panel.events.v1", panel, type)) {
                assertTrue(schemas.containsKey(type), "no schema for " + type);
                assertTrue(Events.matchesSchema(schemas.get(type), payload.toString()), type + ": " + payload);
                seen.add(type);
            }
        }
        assertEquals(schemas.keySet(), seen);
    }

    @Test
    void anOptOutFromPanelMailEndsTheMembershipsAndOtherPurposesDoNot() {
        String panel = panel("");
        String panelOptOut = tenant(unique("O"), "35-49", "SINGLE");
        String everythingOptOut = tenant(unique("O"), "35-49", "SINGLE");
        String recruitmentOptOut = tenant(unique("O"), "35-49", "SINGLE");
        record(panel, List.of(panelOptOut, everythingOptOut, recruitmentOptOut));
        String optOut =
                "{\"tenantRef\":\"%s\",\"purpose\":\"%s\",\"status\":\"OPTED_OUT\",\"occurredAt\":\"2026-11-26T10:00:00Z\"}";
        String recruitmentEvent = UUID.randomUUID().toString();
        Events.publish(
                "notification.events.v1",
                recruitmentOptOut,
                recruitmentEvent,
                "nl.meedoen.notification.opted-out.v1",
                optOut.formatted(recruitmentOptOut, "recruitment"));
        Events.publish(
                "notification.events.v1",
                panelOptOut,
                UUID.randomUUID().toString(),
                "nl.meedoen.notification.opted-out.v1",
                optOut.formatted(panelOptOut, "panel"));
        Events.publish(
                "notification.events.v1",
                everythingOptOut,
                UUID.randomUUID().toString(),
                "nl.meedoen.notification.opted-out.v1",
                optOut.formatted(everythingOptOut, "all"));
        for (String left : List.of(panelOptOut, everythingOptOut)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> as("corporation")
                            .get("/api/v1/panels/" + panel + "/members/" + left)
                            .then()
                            .statusCode(200)
                            .body("status", org.hamcrest.Matchers.equalTo("LEFT"))
                            .body("leftReason", org.hamcrest.Matchers.equalTo("OPTED_OUT")));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM processed_event WHERE consumer = 'panel-opt-outs' AND event_id = ?1",
                                recruitmentEvent)
                        == 1);
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + recruitmentOptOut)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void erasureRemovesTheMembershipAndKeepsOnlyAPseudonymInTheWaveHistory() {
        String panel = panel("");
        List<String> refs = List.of(tenant(unique("E"), "35-49", "SINGLE"), tenant(unique("E"), "35-49", "SINGLE"));
        record(panel, refs);
        String theme = signedTheme(panel, "Energie");
        String wave = as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":2}".formatted(UUID.randomUUID(), theme))
                .post("/api/v1/panels/" + panel + "/waves")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        String erased = refs.get(0);
        Events.publish(TenantProfileV1.TOPIC, erased, UUID.randomUUID().toString(), TenantProfileV1.ERASED, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM panel_member WHERE tenant_ref = ?1", erased) == 0);
        for (String table :
                List.of("member_token", "member_interest", "consent_record", "member_change", "wave_member")) {
            assertEquals(0, count("SELECT count(*) FROM " + table + " WHERE tenant_ref = ?1", erased), table);
        }
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + erased)
                .then()
                .statusCode(404);
        as("corporation")
                .get("/api/v1/panels/" + panel + "/waves/" + wave)
                .then()
                .statusCode(200)
                .body("responses.invited", org.hamcrest.Matchers.equalTo(2));
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + refs.get(1))
                .then()
                .statusCode(200);
    }
}
