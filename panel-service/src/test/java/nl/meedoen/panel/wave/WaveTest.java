package nl.meedoen.panel.wave;

import static nl.meedoen.panel.PanelTests.anonymous;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.consultationEvent;
import static nl.meedoen.panel.PanelTests.count;
import static nl.meedoen.panel.PanelTests.outboxPayloads;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.record;
import static nl.meedoen.panel.PanelTests.signedTheme;
import static nl.meedoen.panel.PanelTests.tenant;
import static nl.meedoen.panel.PanelTests.tenants;
import static nl.meedoen.panel.PanelTests.tokenFromLastMessage;
import static nl.meedoen.panel.PanelTests.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.contracts.PanelWaveLaunchedV1;
import nl.meedoen.devinfra.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WaveTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HALF_HALF = ",\"targetComposition\":{\"ageBand\":{\"young\":0.5,\"old\":0.5}}";

    static String wave(String consultation, String theme, int size) {
        return "{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":%d}".formatted(consultation, theme, size);
    }

    static io.restassured.response.Response launch(String role, String panel, String body) {
        return as(role).contentType(ContentType.JSON).body(body).post("/api/v1/panels/" + panel + "/waves");
    }

    /** A panel with young and old members (paper consent) and a co-signed theme. */
    record Setup(String panel, String theme, List<String> young, List<String> old) {
        static Setup of(String extra, int young, int old) {
            String panel = nl.meedoen.panel.PanelTests.panel(HALF_HALF + extra);
            List<String> y = tenants(unique("Y"), young, "young", "SINGLE");
            List<String> o = tenants(unique("O"), old, "old", "COUPLE");
            record(panel, y);
            record(panel, o);
            return new Setup(panel, signedTheme(panel, "Onderhoud"), y, o);
        }
    }

    @Test
    void aWaveIsAStratifiedSampleThatPrefersInterestedMembersAndIsPublishedForConsultationService() throws Exception {
        Setup s = Setup.of("", 25, 8);
        // two young tenants join through their link, interested in the theme
        List<String> keen = new ArrayList<>();
        for (String ref : tenants(unique("K"), 2, "young", "FAMILY")) {
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"tenantRefs\":[\"" + ref + "\"]}")
                    .post("/api/v1/panels/" + s.panel() + "/invitations")
                    .then()
                    .statusCode(202);
            anonymous()
                    .contentType(ContentType.JSON)
                    .body("{\"consent\":true,\"consentVersion\":1,\"interests\":[\"" + s.theme() + "\"]}")
                    .post("/api/v1/panels/membership/" + tokenFromLastMessage(ref, "panel.invitation") + "/join")
                    .then()
                    .statusCode(200);
            keen.add(ref);
        }
        try (var consumer = Events.consumer(PanelWaveLaunchedV1.TOPIC)) {
            String consultation = UUID.randomUUID().toString();
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body(wave(consultation, s.theme(), 10))
                    .post("/api/v1/panels/" + s.panel() + "/waves/preview")
                    .then()
                    .statusCode(200)
                    .body("sampled", equalTo(10))
                    .body("eligible", equalTo(35));
            assertEquals(
                    0,
                    count("SELECT count(*) FROM wave WHERE panel_id = ?1", UUID.fromString(s.panel())),
                    "a preview changes nothing");

            String waveId = launch("tenant-organisation", s.panel(), wave(consultation, s.theme(), 10))
                    .then()
                    .statusCode(201)
                    .header("Location", org.hamcrest.Matchers.containsString("/waves/"))
                    .body("status", equalTo("LAUNCHED"))
                    .body("aligned", equalTo(true))
                    .body("askingParty", equalTo("tenant-organisation"))
                    .body("eligible", equalTo(35))
                    .body("fatigueCap", equalTo(4))
                    .body("cooldownDays", equalTo(30))
                    .body("sample.sampled", equalTo(10))
                    .body("sample.interested", equalTo(2))
                    .body("sample.strata[0].attribute", equalTo("ageBand"))
                    .body("sample.strata[0].sampled.young", equalTo(5))
                    .body("sample.strata[0].sampled.old", equalTo(5))
                    .body("responses.invited", equalTo(10))
                    .body("responses.responded", equalTo(0))
                    .extract()
                    .jsonPath()
                    .getString("id");

            List<ConsumerRecord<String, String>> records = Events.await(
                    consumer,
                    r -> s.panel().equals(r.key()) && PanelWaveLaunchedV1.TYPE.equals(Events.header(r, "ce_type")),
                    1,
                    Duration.ofSeconds(30));
            assertEquals(1, records.size(), "the sample reaches Kafka through the outbox");
            assertEquals("urn:meedoen:panel-service", Events.header(records.get(0), "ce_source"));
            PanelWaveLaunchedV1 event = JSON.readValue(records.get(0).value(), PanelWaveLaunchedV1.class);
            assertEquals(waveId, event.waveId());
            assertEquals(consultation, event.consultationId());
            assertEquals(10, new HashSet<>(event.tenantRefs()).size());
            assertTrue(event.tenantRefs().containsAll(keen), "members interested in the theme come first");
            List<String> sampled = as("ops")
                    .queryParam("limit", 100)
                    .get("/api/v1/panels/" + s.panel() + "/waves/" + waveId + "/members")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(10))
                    .extract()
                    .jsonPath()
                    .getList("items.tenantRef");
            assertEquals(new HashSet<>(event.tenantRefs()), new HashSet<>(sampled));
            as("corporation")
                    .get("/api/v1/panels/" + s.panel() + "/members/" + keen.get(0))
                    .then()
                    .body("participation[0].waveId", equalTo(waveId))
                    .body("participation[0].status", equalTo("INVITED"));
            as("corporation")
                    .get("/api/v1/panels/" + s.panel() + "/waves")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(List.of(waveId)));
            as("ops")
                    .queryParam("subject", "wave:" + waveId)
                    .get("/api/v1/panels/" + s.panel() + "/audit")
                    .then()
                    .body("items[0].action", equalTo("LAUNCHED"))
                    .body("items[0].party", equalTo("tenant-organisation"));
        }
    }

    @Test
    void badWavesAreRefusedAndChangeNothing() {
        Setup s = Setup.of("", 3, 3);
        String panel = s.panel();
        String tooMany = launch("corporation", panel, wave(UUID.randomUUID().toString(), s.theme(), 7))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/not-enough-eligible"))
                .body("errors[0].field", equalTo("size"))
                .extract()
                .jsonPath()
                .getString("detail");
        assertTrue(tooMany.contains("only 6 are eligible"), tooMany);
        launch(
                        "corporation",
                        panel,
                        wave(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 2))
                .then()
                .statusCode(422)
                .body("type", equalTo("https://meedoen.nl/problems/unknown-theme"))
                .body("errors[0].field", equalTo("themeId"));
        launch("corporation", panel, "{\"themeId\":\"" + s.theme() + "\",\"size\":2}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("consultationId"));
        launch("corporation", panel, wave("not-a-uuid", s.theme(), 2)).then().statusCode(400);
        launch("corporation", panel, wave(UUID.randomUUID().toString(), s.theme(), 0))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("size"));
        launch("ops", panel, wave(UUID.randomUUID().toString(), s.theme(), 2))
                .then()
                .statusCode(403);
        launch("survey-frontend", panel, wave(UUID.randomUUID().toString(), s.theme(), 2))
                .then()
                .statusCode(403);
        anonymous()
                .contentType(ContentType.JSON)
                .body(wave(UUID.randomUUID().toString(), s.theme(), 2))
                .post("/api/v1/panels/" + panel + "/waves")
                .then()
                .statusCode(401);

        // a theme only the corporation proposed: the tenant organisation cannot ask it; the corporation can, attributed
        // to itself
        String own = as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Eigen vraag\"}")
                .post("/api/v1/panels/" + panel + "/themes")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        launch("tenant-organisation", panel, wave(UUID.randomUUID().toString(), own, 2))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/theme-not-cosigned"));
        assertEquals(0, count("SELECT count(*) FROM wave WHERE panel_id = ?1", UUID.fromString(panel)));
        assertEquals(
                0,
                outboxPayloads(PanelWaveLaunchedV1.TOPIC, panel, PanelWaveLaunchedV1.TYPE)
                        .size());

        String consultation = UUID.randomUUID().toString();
        launch("corporation", panel, wave(consultation, own, 2))
                .then()
                .statusCode(201)
                .body("aligned", equalTo(false))
                .body("askingParty", equalTo("corporation"));
        launch("corporation", panel, wave(consultation, s.theme(), 2))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/wave-exists"));

        // a consultation consultation-service reported closed
        String closed = UUID.randomUUID().toString();
        consultationEvent(ConsultationEventV1.CLOSED, closed, null, null, null, "PSEUDONYMOUS", 0L, 0L);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM known_consultation WHERE consultation_id = ?1",
                                UUID.fromString(closed))
                        == 1);
        launch("corporation", panel, wave(closed, s.theme(), 2))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/consultation-closed"));
        assertEquals(1, count("SELECT count(*) FROM wave WHERE panel_id = ?1", UUID.fromString(panel)));
    }

    @Test
    void theFatigueCapCooldownAndUnknownHistoryLimitWhoIsAsked() {
        Setup capped = Setup.of(",\"fatigueCap\":1,\"cooldownDays\":0", 2, 2);
        launch("corporation", capped.panel(), wave(UUID.randomUUID().toString(), capped.theme(), 4))
                .then()
                .statusCode(201);
        launch("corporation", capped.panel(), wave(UUID.randomUUID().toString(), capped.theme(), 1))
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("only 0 are eligible"));

        Setup cooling = Setup.of(",\"cooldownDays\":30", 2, 2);
        launch("corporation", cooling.panel(), wave(UUID.randomUUID().toString(), cooling.theme(), 4))
                .then()
                .statusCode(201);
        launch("corporation", cooling.panel(), wave(UUID.randomUUID().toString(), cooling.theme(), 1))
                .then()
                .statusCode(422);
        String body = "{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":4,\"cooldownDays\":0}"
                .formatted(UUID.randomUUID(), cooling.theme());
        launch("corporation", cooling.panel(), body).then().statusCode(201).body("cooldownDays", equalTo(0));

        // a member from a predecessor panel whose invitations are not known counts as invited recently
        Setup unknown = Setup.of("", 1, 1);
        String migrated = tenant(unique("M"), "old", "SINGLE");
        as("corporation")
                .contentType(ContentType.JSON)
                .body(
                        "{\"tenantRef\":\"%s\",\"consentVersion\":1,\"channel\":\"PAPER\",\"invitationHistoryKnown\":false}"
                                .formatted(migrated))
                .post("/api/v1/panels/" + unknown.panel() + "/members")
                .then()
                .statusCode(201);
        launch("corporation", unknown.panel(), wave(UUID.randomUUID().toString(), unknown.theme(), 3))
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("only 2 are eligible"));
    }

    @Test
    void responsesAreCountedPerMemberAndLeavingCancelsOpenInvitations() {
        Setup s = Setup.of("", 5, 5);
        String consultation = UUID.randomUUID().toString();
        String waveId = launch("corporation", s.panel(), wave(consultation, s.theme(), 10))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        List<String> members = new ArrayList<>(s.young());
        members.addAll(s.old());
        for (String ref : members.subList(0, 4)) {
            consultationEvent(
                    ConsultationEventV1.PARTICIPATION_RECORDED,
                    consultation,
                    s.panel(),
                    waveId,
                    ref,
                    "PSEUDONYMOUS",
                    null,
                    null);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get("/api/v1/panels/" + s.panel() + "/waves/" + waveId)
                        .then()
                        .body("responses.responded", equalTo(4)));
        as("corporation")
                .get("/api/v1/panels/" + s.panel() + "/waves/" + waveId)
                .then()
                .body("responses.invited", equalTo(10))
                .body("responses.rate", equalTo(0.4))
                .body("responses.source", equalTo("MEMBERS"))
                .body("responsesByGroup.find { it.value == 'young' }.responded", equalTo(4))
                .body("responsesByGroup.find { it.value == 'young' }.rate", equalTo(0.8))
                .body("responsesByGroup.find { it.value == 'old' }.rate", equalTo(0.0));

        String leaver = s.old().get(4);
        as("corporation")
                .post("/api/v1/panels/" + s.panel() + "/members/" + leaver + "/leave")
                .then()
                .statusCode(200)
                .body("participation[0].status", equalTo("CANCELLED"));
        JsonNode left = outboxPayloads("panel.events.v1", s.panel(), "nl.meedoen.panel.member-left.v1")
                .get(0);
        assertEquals(leaver, left.path("tenantRef").asText());
        assertEquals(
                waveId, left.path("cancelledInvitations").get(0).path("waveId").asText());
        assertEquals(
                consultation,
                left.path("cancelledInvitations").get(0).path("consultationId").asText());
        as("corporation")
                .get("/api/v1/panels/" + s.panel() + "/waves/" + waveId)
                .then()
                .body("responses.cancelled", equalTo(1))
                .body("responses.rate", equalTo(0.4444));

        consultationEvent(ConsultationEventV1.CLOSED, consultation, s.panel(), waveId, null, "PSEUDONYMOUS", 10L, 4L);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get("/api/v1/panels/" + s.panel() + "/waves/" + waveId)
                        .then()
                        .body("status", equalTo("CLOSED")));
        as("corporation")
                .get("/api/v1/panels/" + s.panel() + "/members/" + s.old().get(0))
                .then()
                .body("participation[0].status", equalTo("NO_RESPONSE"));
        as("corporation")
                .get("/api/v1/panels/" + s.panel() + "/members/" + s.young().get(0))
                .then()
                .body("participation[0].status", equalTo("RESPONDED"))
                .body("participation[0].cancelledAt", nullValue());
    }

    @Test
    void anAnonymousConsultationReportsOnlyItsCountsOnClosing() {
        Setup s = Setup.of("", 3, 3);
        String consultation = UUID.randomUUID().toString();
        consultationEvent(ConsultationEventV1.OPENED, consultation, s.panel(), null, null, "ANONYMOUS", null, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM known_consultation WHERE consultation_id = ?1",
                                UUID.fromString(consultation))
                        == 1);
        String waveId = launch("corporation", s.panel(), wave(consultation, s.theme(), 6))
                .then()
                .statusCode(201)
                .body("responses.source", equalTo("NONE"))
                .extract()
                .jsonPath()
                .getString("id");
        consultationEvent(ConsultationEventV1.CLOSED, consultation, s.panel(), waveId, null, "ANONYMOUS", 6L, 3L);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get("/api/v1/panels/" + s.panel() + "/waves/" + waveId)
                        .then()
                        .body("responses.source", equalTo("CONSULTATION"))
                        .body("responses.responded", equalTo(3))
                        .body("responses.rate", equalTo(0.5)));
    }
}
