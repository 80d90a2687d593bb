package nl.meedoen.recruitment;

import static io.restassured.RestAssured.given;
import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

/** campaign → outreach mailed → sign-ups → commitment → seed → draw → outcomes → decline → replacement → attendance → compensation. */
@QuarkusTest
class RecruitmentFlowTest {

    @Test
    void fullFlow() {
        String complex = "C-" + UUID.randomUUID();
        String p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, String> band = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String b = i % 2 == 0 ? "18-34" : "35-64";
            band.put(p + i, b);
            // tenants 10 and 11 share a household
            Fixtures.member(p + i, complex, b, i >= 10 ? "H-" + p + "shared" : "H-" + p + i);
        }
        Fixtures.member(p + "other", "C-elsewhere", "18-34", "H-" + p + "other");
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        var events = Events.consumer(RecruitmentEventV1.TOPIC);

        String id = as("corporation")
                .body(Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", 4, complex, "PER_SESSION", 150000))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("sessions", hasSize(2))
                .extract()
                .path("id");
        List<String> sessions = as("corporation")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("sessions.id");

        // outreach on a draft campaign is refused; open it, then mail everyone eligible once
        as("corporation")
                .body(Map.of("source", "MAILING"))
                .post(BASE + "/" + id + "/outreach")
                .then()
                .statusCode(409);
        Fixtures.open("corporation", id).then().statusCode(200).body("status", equalTo("OPEN"));
        JsonPath first = Fixtures.outreach("corporation", id, "MAILING");
        assertEquals("SUCCEEDED", first.getString("status"), first.prettify());
        assertEquals(12, first.getInt("result.eligible"));
        assertEquals(12, first.getInt("result.messaged"));
        assertEquals(12L, first.getLong("total"));
        JsonPath again = Fixtures.outreach("corporation", id, "MAILING");
        assertEquals(0, again.getInt("result.messaged"));
        assertEquals(12, again.getInt("result.alreadyReached"));
        var outreach = Events.await(
                messages,
                r -> r.value() != null && r.value().contains("recruitment:" + id + ":outreach"),
                12,
                java.time.Duration.ofSeconds(20));
        assertEquals(12, outreach.size());
        assertFalse(outreach.stream().anyMatch(r -> r.key().equals(p + "other")), "ineligible tenant not mailed");
        // the register decides the channel (email, or a letter for whoever prefers one or has no email): never EMAIL
        // asked for
        outreach.forEach(r -> assertEquals(null, JsonPath.from(r.value()).getString("channel"), r.value()));
        // reached is what notification-service reports delivered or printed, not what was requested: 3 emails SENT, 2
        // letters
        // PRINTED (one of them POSTED later too), a letter only QUEUED, an email SUPPRESSED — 5 reached, each once
        String[][] updates = {
            {"0", "EMAIL", "SENT"},
            {"1", "EMAIL", "SENT"},
            {"2", "EMAIL", "SENT"},
            {"3", "LETTER", "PRINTED"},
            {"3", "LETTER", "POSTED"},
            {"4", "LETTER", "PRINTED"},
            {"5", "LETTER", "QUEUED"},
            {"6", "EMAIL", "SUPPRESSED"}
        };
        for (String[] u : updates) {
            String payload = "{\"deliveryId\":\"" + UUID.randomUUID() + "\",\"requestId\":\"recruitment:" + id
                    + ":outreach:MAILING:" + p + u[0]
                    + "\",\"tenantRef\":\"" + p + u[0]
                    + "\",\"purpose\":\"recruitment\",\"templateKey\":\"recruitment.outreach\",\"channel\":\""
                    + u[1] + "\",\"status\":\"" + u[2] + "\",\"occurredAt\":\"2026-01-05T10:00:00Z\"}";
            Events.publish(
                    "notification.events.v1",
                    p + u[0],
                    UUID.randomUUID().toString(),
                    "nl.meedoen.notification.delivery-updated.v1",
                    payload);
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> as("corporation")
                        .get(BASE + "/" + id + "/conversion")
                        .then()
                        .statusCode(200)
                        .body("bySource.find { it.source == 'MAILING' }.requested", equalTo(12))
                        .body("bySource.find { it.source == 'MAILING' }.reached", equalTo(5)));
        var mine = outreach.stream()
                .filter(r -> r.key().equals(p + "0"))
                .findFirst()
                .orElseThrow();
        // every placeholder of notification-service's template is there (it refuses a message that lacks one)
        for (String key : List.of("campaignTitle", "description", "signUpDeadline", "signUpUrl")) {
            assertNotNull(JsonPath.from(mine.value()).getString("data." + key), key + " in " + mine.value());
        }
        String url = JsonPath.from(mine.value()).getString("data.signUpUrl");
        // the token travels in the fragment, never in a query string that lands in access logs
        assertTrue(url.startsWith("http://localhost:8080/aanmelden#"), url);
        String token = url.substring(url.indexOf('#') + 1);
        assertTrue(token.length() >= 43, "256-bit token");

        // sign-up through the personal link (no bearer token), then by the tenant portal
        given().contentType("application/json")
                .body(Map.of("token", token, "motivation", "Ik wil meedenken"))
                .post(BASE + "/token-signups")
                .then()
                .statusCode(201)
                .body("tenantRef", equalTo(p + "0"))
                .body("source", equalTo("MAILING"));
        given().contentType("application/json")
                .body(Map.of("token", "not-a-token"))
                .post(BASE + "/token-signups")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        for (int i = 1; i < 12; i++) {
            as("corporation")
                    .body(Map.of(
                            "tenantRef",
                            p + i,
                            "motivation",
                            "m",
                            "expertise",
                            "e",
                            "availability",
                            "avonden",
                            "source",
                            "WEBSITE"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation")
                .body(Map.of("tenantRef", p + "1", "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("corporation")
                .body(Map.of("tenantRef", p + "other", "source", "EVENT"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as("corporation")
                .body(Map.of("tenantRef", p + "2", "source", "FAX"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(400);
        as("corporation")
                .delete(BASE + "/" + id + "/signups/" + p + "11")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as("corporation")
                .get(BASE + "/" + id + "/conversion")
                .then()
                .statusCode(200)
                .body("bySource.find { it.source == 'MAILING' }.reached", equalTo(5))
                .body("bySource.find { it.source == 'MAILING' }.conversion", equalTo(0.2f))
                .body("bySource.find { it.source == 'MAILING' }.signedUp", equalTo(1))
                .body("bySource.find { it.source == 'WEBSITE' }.signedUp", equalTo(11))
                .body("bySource.find { it.source == 'WEBSITE' }.withdrawn", equalTo(1));
        as("corporation")
                .get(BASE + "/" + id + "/conversion?attribute=ageBand")
                .then()
                .statusCode(200)
                .body("byGroup.find { it.value == '18-34' }.eligible", equalTo(6))
                .body("byGroup.find { it.value == '18-34' }.reached", equalTo(3)) // tenants 0, 2, 4
                .body("byGroup.find { it.value == '18-34' }.signedUp", equalTo(6));
        as("corporation")
                .get(BASE + "/" + id + "/conversion?attribute=shoeSize")
                .then()
                .statusCode(400);
        // only the hash of the personal token is stored
        assertEquals(0L, (long) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> nl.meedoen.recruitment.signup.OutreachInvitation.count("tokenHash", token)));
        assertEquals(1L, (long) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> nl.meedoen.recruitment.signup.OutreachInvitation.count(
                        "campaignId = ?1 and tenantRef = ?2", UUID.fromString(id), p + "0")));

        // no draw while open; closing stops sign-ups
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("corporation")
                .post(BASE + "/" + id + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        as("corporation")
                .body(Map.of("tenantRef", p + "11", "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(409);

        Fixtures.commitCeremony("corporation", id);
        // infeasible quotas: 4 seats cannot hold 3 + 3; the job fails with the problem and nothing is committed
        JsonPath infeasible = Fixtures.commitDraw(
                "corporation",
                id,
                Map.of(
                        "algorithm",
                        "leximin",
                        "quotas",
                        List.of(
                                Map.of("attribute", "ageBand", "value", "18-34", "min", 3, "max", 3),
                                Map.of("attribute", "ageBand", "value", "35-64", "min", 3, "max", 3))));
        assertEquals("FAILED", infeasible.getString("status"));
        assertEquals(422, infeasible.getInt("problem.status"));
        assertTrue(infeasible.getString("problem.detail").contains("quota"), infeasible.prettify());
        as("corporation").get(BASE + "/" + id + "/draw").then().statusCode(404);

        // phase (a): commitment (a job); phase (b): seed → panel of 4 with 2 per age band, one per household
        JsonPath committed = Fixtures.commitDraw(
                "corporation",
                id,
                Map.of(
                        "algorithm",
                        "leximin",
                        "householdRule",
                        true,
                        "quotas",
                        List.of(
                                Map.of("attribute", "ageBand", "value", "18-34", "min", 2, "max", 2),
                                Map.of("attribute", "ageBand", "value", "35-64", "min", 2, "max", 2))));
        assertEquals("SUCCEEDED", committed.getString("status"), committed.prettify());
        assertEquals("/api/v1/campaigns/" + id + "/draw", committed.getString("resultLocation"));
        String commitment = as("corporation")
                .get(committed.getString("resultLocation"))
                .then()
                .statusCode(200)
                .body("commitment", matchesPattern("[0-9a-f]{64}"))
                .body("poolSize", equalTo(11))
                .extract()
                .path("commitment");
        assertEquals(commitment, committed.getString("result.commitment"));
        // only its starter and ops read a job
        as("tenant-organisation")
                .get(committed.getString("self"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("ops").get(committed.getString("self")).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        as("corporation")
                .post(committed.getString("self") + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409);
        as("corporation").delete(BASE + "/" + id + "/signups/" + p + "1").then().statusCode(409);
        as("tenant-organisation").get(BASE + "/" + id + "/draw/record").then().statusCode(404);
        JsonPath drawn = Fixtures.drawFromCeremony("corporation", id)
                .statusCode(200)
                .body("seed", matchesPattern("[0-9a-f]{64}"))
                .extract()
                .jsonPath();
        List<Map<String, Object>> participants = drawn.getList("participants");
        double sum = participants.stream()
                .mapToDouble(m -> ((Number) m.get("probability")).doubleValue())
                .sum();
        assertEquals(4.0, sum, 1e-6);
        List<String> selected = participants.stream()
                .filter(m -> "SELECTED".equals(m.get("outcome")))
                .map(m -> (String) m.get("tenantRef"))
                .toList();
        assertEquals(4, selected.size());
        assertEquals(
                2, selected.stream().filter(t -> band.get(t).equals("18-34")).count());
        assertFalse(selected.contains(p + "10") && selected.contains(p + "11"));
        as("corporation").get(BASE + "/" + id).then().body("status", equalTo("DRAWN"));
        as("corporation").post(BASE + "/" + id + "/draw/seed").then().statusCode(409);

        // the record re-verifies; tampering is detected
        String record = as("corporation")
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        as("ops")
                .queryParam("commitment", commitment)
                .body(record)
                .post(BASE + "/draws/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(true));
        String seed = drawn.getString("seed");
        String tampered = record.replace(seed, new StringBuilder(seed).reverse().toString());
        as("ops")
                .body(tampered)
                .post(BASE + "/draws/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(false));
        as("ops")
                .body("{not json")
                .post(BASE + "/draws/verify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // outcomes mailed
        var outcomes = Events.await(
                messages,
                r -> r.value() != null && r.value().contains("recruitment:" + id + ":recruitment.draw-"),
                11,
                java.time.Duration.ofSeconds(20));
        assertEquals(11, outcomes.size());
        assertEquals(
                4,
                outcomes.stream()
                        .filter(r -> r.value().contains("\"recruitment.draw-selected\""))
                        .count());
        // the placeholders the templates require: next steps for the selected, the place on the waitlist
        outcomes.stream()
                .filter(r -> r.value().contains("\"recruitment.draw-selected\""))
                .forEach(r -> assertTrue(
                        JsonPath.from(r.value()).getString("data.nextSteps").contains("Buurthuis"), r.value()));
        outcomes.stream()
                .filter(r -> r.value().contains("\"recruitment.draw-waitlisted\""))
                .forEach(r -> assertTrue(
                        JsonPath.from(r.value())
                                .getString("data.waitlistPosition")
                                .matches("[1-7]"),
                        r.value()));

        // decline → replacement from the waitlist with the same age band (quotas 2/2)
        String decliner = selected.get(0);
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + selected.get(1) + "/confirm")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("CONFIRMED"));
        String replacement = as("corporation")
                .post(BASE + "/" + id + "/participants/" + decliner + "/decline")
                .then()
                .statusCode(200)
                .extract()
                .path("replacement");
        assertNotNull(replacement);
        assertEquals(band.get(decliner), band.get(replacement));
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + decliner + "/decline")
                .then()
                .statusCode(409);
        assertEquals(
                1,
                Events.await(
                                messages,
                                r -> r.value() != null && r.value().contains(":replacement"),
                                1,
                                java.time.Duration.ofSeconds(20))
                        .size());

        as("corporation")
                .get(BASE + "/" + id + "/representativeness?attribute=ageBand")
                .then()
                .statusCode(200)
                .body("[0].rows.find { it.value == '18-34' }.population", equalTo(6))
                .body("[0].rows.find { it.value == '18-34' }.selected", equalTo(2));

        // attendance and the yearly cap: 2 × €1,500 in 2024 → €1,500 + €600 (capped at €2,100)
        as("corporation")
                .body(Map.of("tenantRefs", List.of(replacement)))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(0) + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(150000))
                .body("[0].capped", equalTo(false));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(replacement)))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(1) + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(60000))
                .body("[0].capped", equalTo(true));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(replacement)))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(1) + "/attendance")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(decliner)))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(1) + "/attendance")
                .then()
                .statusCode(422);
        String csv = as("corporation")
                .accept("text/csv")
                .get(BASE + "/compensation/ledger.csv?year=2024")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.contains(replacement + ",2024,3000.00,2100.00,true,2100.00"), csv);

        // every lifecycle fact went through the outbox
        var published = Events.await(events, r -> r.key().equals(id), 18, java.time.Duration.ofSeconds(20));
        Set<String> types =
                published.stream().map(r -> Events.header(r, "ce_type")).collect(Collectors.toSet());
        published.forEach(r -> assertTrue(
                Events.matchesSchema("campaign-event.v1.schema.json", r.value()),
                "campaign-event.v1 schema: " + r.value()));
        for (String t : List.of(
                RecruitmentEventV1.CAMPAIGN_OPENED,
                RecruitmentEventV1.CAMPAIGN_CLOSED,
                RecruitmentEventV1.SIGNUP_RECEIVED,
                RecruitmentEventV1.SIGNUP_WITHDRAWN,
                RecruitmentEventV1.DRAW_COMMITTED,
                RecruitmentEventV1.DRAW_COMPLETED,
                RecruitmentEventV1.PARTICIPANT_REPLACED)) {
            assertTrue(types.contains(t), t + " in " + types);
        }
        messages.close();
        events.close();
    }
}
