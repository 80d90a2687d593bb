package nl.meedoen.consultation.invitation;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.submit;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.contracts.PanelWaveLaunchedV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvitationTest {

    @Test
    void aSegmentIsInvitedOnceEachThroughNotificationService() {
        String neighbourhood = "BU" + Api.prefix();
        List<String> refs = Api.population(Api.prefix(), 9, neighbourhood); // chunks of 7 in tests
        Api.population(Api.prefix(), 2, "BU-elsewhere");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.segment("neighbourhoodCode", neighbourhood), "ANONYMOUS");
        try (var requests = Api.requests()) {
            Api.open(id);
            Map<String, JsonNode> invitations =
                    Api.messages(requests, "consultation.invitation", refs, Duration.ofSeconds(30));
            assertEquals(refs.size(), invitations.size());
            JsonNode english = invitations.get(refs.get(0)); // every third tenant speaks English
            assertEquals("consultation", english.path("purpose").asText());
            assertEquals(
                    "consultation:" + id,
                    english.path("source").asText(),
                    "followed and printed per consultation in notification-service");
            assertEquals(
                    "A new playground",
                    english.path("data").path("consultationTitle").asText());
            assertEquals(
                    "Choose together what the playground gets",
                    english.path("data").path("goal").asText());
            assertTrue(
                    english.path("data")
                            .path("invitationUrl")
                            .asText()
                            .startsWith("http://localhost:8080/raadpleging#"),
                    "built from meedoen.public-base-url");
            assertEquals(
                    "Nieuwe speeltuin",
                    invitations
                            .get(refs.get(1))
                            .path("data")
                            .path("consultationTitle")
                            .asText());
            assertTrue(invitations.get(refs.get(1)).path("requestId").asText().startsWith("consultation-invitation:"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> as("ops")
                        .get(BASE + "/" + id + "/invitations/counts")
                        .jsonPath()
                        .getBoolean("allInvited"));
        as("ops").get(BASE + "/" + id + "/invitations/counts").then().body("invited", equalTo(9));
    }

    @Test
    void remindersGoOnlyToThoseWhoHaveNotCompleted() {
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2", Api.prefix() + "-3");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        submit(tokens.get(refs.get(0)), "{\"kids\":\"no\"}").then().statusCode(201);
        given().post(BASE + "/" + id + "/reminders").then().statusCode(401);
        as("survey-frontend").post(BASE + "/" + id + "/reminders").then().statusCode(403);
        try (var requests = Api.requests();
                var everything = Api.requests()) { // the first skips what it does not await: the second reads it all
            as("corporation").post(BASE + "/" + id + "/reminders").then().statusCode(202);
            Map<String, JsonNode> reminders =
                    Api.messages(requests, "consultation.reminder", refs.subList(1, 3), Duration.ofSeconds(30));
            assertEquals(java.util.Set.of(refs.get(1), refs.get(2)), reminders.keySet());
            assertEquals(
                    List.of(),
                    Events.restOnceRelayed(
                            everything,
                            r -> refs.get(0).equals(r.key()) && r.value().contains("consultation.reminder"),
                            Arc.container().instance(AgroalDataSource.class).get()),
                    "no reminder to who completed");
            // the same link as the invitation: the token is derived, never stored
            assertEquals(tokens.get(refs.get(1)), Api.token(reminders.get(refs.get(1))));
        }
    }

    static final String CODE = "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}";

    @Test
    void theShortCodeOnALetterOpensTheSameInvitationAsItsLinkAndNothingElse() {
        List<String> refs = List.of(Api.prefix() + "-a", Api.prefix() + "-b");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        Map<String, JsonNode> invitations;
        try (var requests = Api.requests()) {
            Api.open(id);
            invitations = Api.messages(requests, "consultation.invitation", refs, Duration.ofSeconds(30));
        }
        String code =
                invitations.get(refs.get(0)).path("data").path("shortCode").asText();
        String token = Api.token(invitations.get(refs.get(0)));
        assertTrue(code.matches(CODE), "Crockford base32 in groups: " + code);
        assertTrue(!code.equals(
                invitations.get(refs.get(1)).path("data").path("shortCode").asText()));

        // typed from paper: lower case, spaces for dashes, O for 0 — the same invitation as the link
        String typed = code.toLowerCase().replace('-', ' ').replace('0', 'o');
        Api.respondent(typed)
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("progress", equalTo("OPENED"));
        Api.respondent(code)
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"answers\":{\"kids\":\"yes\"}}")
                .put(BASE + "/respondent/draft")
                .then()
                .statusCode(204);
        // the draft saved with the code is read with the token: one invitation, one key
        Api.respondent(token)
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("draft.kids", equalTo("yes"));

        // a code one symbol off is refused like a wrong token, on every route
        char last = code.charAt(code.length() - 1);
        String wrong =
                code.substring(0, code.length() - 1) + (last == 'Z' ? 'Y' : last == '9' ? 'A' : (char) (last + 1));
        Api.respondent(wrong)
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/invitation-token-invalid"));
        submit(wrong, VALID)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/invitation-token-invalid"));
        Api.respondent(wrong)
                .contentType(io.restassured.http.ContentType.JSON)
                .header("Idempotency-Key", "k-" + Api.prefix())
                .body("{\"answers\":" + VALID + "}")
                .post(BASE + "/respondent/response")
                .then()
                .statusCode(401);

        submit(code.replace("-", ""), VALID).then().statusCode(201);
        submit(token, VALID)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/invitation-used"));

        try (var requests = Api.requests()) {
            as("corporation").post(BASE + "/" + id + "/reminders").then().statusCode(202);
            JsonNode reminder = Api.messages(
                            requests, "consultation.reminder", List.of(refs.get(1)), Duration.ofSeconds(10))
                    .get(refs.get(1));
            assertEquals(
                    invitations.get(refs.get(1)).path("data").path("shortCode").asText(),
                    reminder.path("data").path("shortCode").asText(),
                    "a reminder carries the same code");
        }
    }

    static final String VALID =
            "{\"kids\":\"yes\",\"howMany\":2,\"use\":[\"slide\"],\"satisfaction\":4,\"priority\":[\"green\",\"safety\",\"play\"]}";

    @Test
    void aScheduledReminderGoesOutOnce() {
        List<String> refs = List.of(Api.prefix() + "-r");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        try (var requests = Api.requests()) {
            Api.open(id);
            assertEquals(
                    1,
                    Api.messages(requests, "consultation.invitation", refs, Duration.ofSeconds(20))
                            .size());
            Api.json(
                            as("corporation").header("If-Match", Api.etag(as("ops"), id)),
                            Map.of("reminders", List.of(Api.inSeconds(1).toString())))
                    .put(BASE + "/" + id + "/schedule")
                    .then()
                    .statusCode(200);
            List<?> reminders = Events.collect(
                    requests,
                    r -> refs.contains(r.key()) && r.value().contains("consultation.reminder"),
                    Duration.ofSeconds(5));
            assertEquals(1, reminders.size());
        }
    }

    @Test
    void aPanelWaveSampleIsInvited() {
        List<String> wave = List.of(Api.prefix() + "-w1", Api.prefix() + "-w2");
        String late = Api.prefix() + "-w0"; // sorts before the others: invited although the first pass is done
        Map<String, Object> audience =
                Map.of("type", "PANEL_WAVE", "panelId", "panel-1", "waveId", "wave-" + Api.prefix());
        String id = Api.ready("SURVEY", Api.SURVEY, audience, "PSEUDONYMOUS");
        String waveId = (String) audience.get("waveId");
        Events.publish(
                PanelWaveLaunchedV1.TOPIC,
                "panel-1",
                java.util.UUID.randomUUID().toString(),
                PanelWaveLaunchedV1.TYPE,
                Api.write(new PanelWaveLaunchedV1("panel-1", waveId, id, wave)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> as("ops").get(BASE + "/" + id).jsonPath().getInt("audience.listSize") == 2);
        try (var requests = Api.requests()) {
            Api.open(id);
            assertEquals(
                    2,
                    Api.messages(requests, "consultation.invitation", wave, Duration.ofSeconds(20))
                            .size());
            Events.publish(
                    PanelWaveLaunchedV1.TOPIC,
                    "panel-1",
                    java.util.UUID.randomUUID().toString(),
                    PanelWaveLaunchedV1.TYPE,
                    Api.write(new PanelWaveLaunchedV1("panel-1", waveId, id, List.of(late, wave.get(0)))));
            assertEquals(
                    1,
                    Api.messages(requests, "consultation.invitation", List.of(late), Duration.ofSeconds(20))
                            .size());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> as("ops")
                                .get(BASE + "/" + id + "/invitations/counts")
                                .jsonPath()
                                .getInt("invited")
                        == 3);
        // a wave for a consultation that does not ask it is parked on the dead-letter topic
        try (var dlq = Events.consumer(PanelWaveLaunchedV1.TOPIC + ".dlq")) {
            Events.publish(
                    PanelWaveLaunchedV1.TOPIC,
                    "panel-1",
                    java.util.UUID.randomUUID().toString(),
                    PanelWaveLaunchedV1.TYPE,
                    Api.write(new PanelWaveLaunchedV1("panel-1", "other-wave", id, wave)));
            assertEquals(
                    1,
                    Events.await(dlq, r -> r.value().contains("other-wave"), 1, Duration.ofSeconds(20))
                            .size());
        }
    }

    @Test
    void aPanelWaveAudienceWithoutWaveIdTakesTheWavePanelServiceLaunches() {
        // panel-service assigns the wave id at launch, after the consultation exists
        List<String> wave = List.of(Api.prefix() + "-w1");
        String id = Api.ready("SURVEY", Api.SURVEY, Map.of("type", "PANEL_WAVE", "panelId", "panel-2"), "PSEUDONYMOUS");
        String waveId = "wave-" + Api.prefix();
        Events.publish(
                PanelWaveLaunchedV1.TOPIC,
                "panel-2",
                java.util.UUID.randomUUID().toString(),
                PanelWaveLaunchedV1.TYPE,
                Api.write(new PanelWaveLaunchedV1("panel-2", waveId, id, wave)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> as("ops").get(BASE + "/" + id).jsonPath().getInt("audience.listSize") == 1);
        as("ops").get(BASE + "/" + id).then().body("audience.waveId", org.hamcrest.Matchers.equalTo(waveId));
        // from then on another wave for it is refused
        try (var dlq = Events.consumer(PanelWaveLaunchedV1.TOPIC + ".dlq")) {
            Events.publish(
                    PanelWaveLaunchedV1.TOPIC,
                    "panel-2",
                    java.util.UUID.randomUUID().toString(),
                    PanelWaveLaunchedV1.TYPE,
                    Api.write(
                            new PanelWaveLaunchedV1("panel-2", "second-" + waveId, id, List.of(Api.prefix() + "-w2"))));
            assertEquals(
                    1,
                    Events.await(dlq, r -> r.value().contains("second-" + waveId), 1, Duration.ofSeconds(20))
                            .size());
        }
        as("ops").get(BASE + "/" + id).then().body("audience.listSize", org.hamcrest.Matchers.equalTo(1));
    }
}
