package nl.meedoen.recruitment.draw;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.recruitment.Fixtures;
import nl.meedoen.recruitment.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Seats that hold after a draw: the waitlist is the whole draw order, a decline is replaced by the first in it who keeps
 * every quota, a seat nobody can take stays vacant with the quota named, and parallel seat changes never give a seat twice.
 */
@QuarkusTest
class VacancyTest {

    /** A drawn LEXIMIN panel of {@code seats} from {@code young} + {@code old} sign-ups, quotas ageBand min = max = seats / 2. */
    static String drawn(int young, int old, int seats, Map<String, String> band, boolean futureSessions) {
        String complex = "C-" + UUID.randomUUID();
        for (int i = 0; i < young + old; i++) {
            String ref = "T-" + UUID.randomUUID();
            String b = i < young ? "18-34" : "35-64";
            Fixtures.member(ref, complex, b, "H-" + ref);
            band.put(ref, b);
        }
        Map<String, Object> campaign =
                Fixtures.lotteryCampaign("TENANT_COUNCIL_ONE_OFF", "corporation", seats, complex, "NONE", 0);
        if (futureSessions) {
            campaign.put(
                    "sessions",
                    List.of(Map.of(
                            "startsAt",
                            java.time.OffsetDateTime.now().plusMonths(2).toString(),
                            "place",
                            "Buurthuis")));
        }
        String id = Fixtures.openCampaign(campaign);
        for (String ref : band.keySet()) {
            as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        Fixtures.commitCeremony("corporation", id);
        JsonPath job = Fixtures.commitDraw(
                "corporation",
                id,
                Map.of(
                        "algorithm",
                        "leximin",
                        "quotas",
                        List.of(
                                Map.of("attribute", "ageBand", "value", "18-34", "min", seats / 2, "max", seats / 2),
                                Map.of("attribute", "ageBand", "value", "35-64", "min", seats / 2, "max", seats / 2))));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        Fixtures.drawFromCeremony("corporation", id).statusCode(200);
        return id;
    }

    static Map<String, String> outcomes(String id) {
        Map<String, String> out = new HashMap<>();
        List<Map<String, Object>> signups = as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        // active sign-ups only: a withdrawn one keeps the outcome it had
        signups.stream()
                .filter(s -> "ACTIVE".equals(s.get("status")))
                .forEach(s -> out.put((String) s.get("tenantRef"), (String) s.get("outcome")));
        return out;
    }

    static List<String> with(Map<String, String> outcomes, String... wanted) {
        List<String> refs = new ArrayList<>();
        outcomes.forEach((ref, o) -> {
            if (List.of(wanted).contains(o)) {
                refs.add(ref);
            }
        });
        return refs;
    }

    @Test
    void theWholeDrawOrderWaitsAndADeclineNobodyCanReplaceNamesTheQuota() {
        Map<String, String> band = new HashMap<>();
        // 3 young, 7 old, 4 seats with 2 + 2: after the draw 1 young and 5 old wait — all 6, not only the first 4
        String id = drawn(3, 7, 4, band, true);
        Map<String, String> outcomes = outcomes(id);
        assertEquals(4, with(outcomes, "SELECTED").size());
        assertEquals(6, with(outcomes, "WAITLISTED").size(), "the whole draw order waits: " + outcomes);
        assertEquals(0, with(outcomes, "NOT_SELECTED").size());

        // no seat vacant: filling is a 409 naming the state
        as("corporation")
                .post(BASE + "/" + id + "/vacancies/fill")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", startsWith("campaign is DRAWN (LOTTERY_WHEN_OVERSUBSCRIBED): all 4 seats are taken"));

        List<String> young = with(outcomes, "SELECTED").stream()
                .filter(r -> band.get(r).equals("18-34"))
                .toList();
        String lastYoung = with(outcomes, "WAITLISTED").stream()
                .filter(r -> band.get(r).equals("18-34"))
                .findFirst()
                .orElseThrow();
        // the first young decliner is replaced by the one young tenant left, wherever in the draw order she stands
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + young.get(0) + "/decline")
                .then()
                .statusCode(200)
                .body("replacement", equalTo(lastYoung))
                .body("vacancies", equalTo(0));
        // the second leaves a vacancy: nobody left keeps ageBand 18-34 at its minimum of 2 — named
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + young.get(1) + "/decline")
                .then()
                .statusCode(200)
                .body("replacement", nullValue())
                .body("vacancies", equalTo(1))
                .body("unkeptQuotas[0].attribute", equalTo("ageBand"))
                .body("unkeptQuotas[0].value", equalTo("18-34"))
                .body("unkeptQuotas[0].min", equalTo(2))
                .body("unkeptQuotas[0].current", equalTo(1))
                .body("reason", containsString("ageBand 18-34 (min 2, max 2)"));
        as("corporation")
                .post(BASE + "/" + id + "/vacancies/fill")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/quota-cannot-be-kept"))
                .body("errors.field", hasItem("quotas.ageBand.18-34.min"))
                .body("detail", startsWith("campaign is DRAWN"));
        // an illegal step names the state
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + young.get(1) + "/confirm")
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        startsWith(
                                "campaign is DRAWN (LOTTERY_WHEN_OVERSUBSCRIBED): only a selected tenant can confirm"));
        as("tenant-organisation")
                .post(BASE + "/" + id + "/vacancies/fill")
                .then()
                .statusCode(404);
        as("ops").post(BASE + "/" + id + "/vacancies/fill").then().statusCode(403);
    }

    /**
     * A draw from before the waitlist was whole (it kept only the first {@code seats}, the rest NOT_SELECTED) left a seat
     * vacant; filling it now takes the first fitting tenant from the record's whole draw order.
     */
    @Test
    void aSeatLeftVacantByTheOldShortWaitlistIsFilledFromTheWholeDrawOrderBeforeTheTermStarts() {
        Map<String, String> band = new HashMap<>();
        String id = drawn(4, 8, 4, band, true);
        // as the old code left it: waitlist = the first 4 of the order, everyone else NOT_SELECTED
        UUID campaign = UUID.fromString(id);
        List<String> order = QuarkusTransaction.requiringNew().call(() -> {
            Draw d = Draw.findById(campaign);
            return StoredJson.read(d.waitlist, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
        });
        QuarkusTransaction.requiringNew().run(() -> {
            Draw d = Draw.findById(campaign);
            d.waitlist = StoredJson.write(order.subList(0, 4));
            for (String sid : order.subList(4, order.size())) {
                nl.meedoen.recruitment.signup.Signup s =
                        nl.meedoen.recruitment.signup.Signup.findById(UUID.fromString(sid));
                s.outcome = "NOT_SELECTED";
            }
            // the seat of one young panel member went vacant without a replacement (the old short waitlist had no young
            // one)
            List<String> panel = new ArrayList<>(
                    StoredJson.read(d.panel, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {}));
            String vacated = panel.stream()
                    .filter(p -> band.get(((nl.meedoen.recruitment.signup.Signup)
                                            nl.meedoen.recruitment.signup.Signup.findById(UUID.fromString(p)))
                                    .tenantRef)
                            .equals("18-34"))
                    .findFirst()
                    .orElseThrow();
            panel.remove(vacated);
            d.panel = StoredJson.write(panel);
            ((nl.meedoen.recruitment.signup.Signup)
                            nl.meedoen.recruitment.signup.Signup.findById(UUID.fromString(vacated)))
                    .outcome = "DECLINED";
        });
        JsonPath filled = as("corporation")
                .post(BASE + "/" + id + "/vacancies/fill")
                .then()
                .statusCode(200)
                .body("vacancies", equalTo(0))
                .body("seated", equalTo(4))
                .extract()
                .jsonPath();
        String taken = filled.getString("filled[0]");
        assertEquals("18-34", band.get(taken), "the quota of 2 young tenants is kept");
        Map<String, String> outcomes = outcomes(id);
        assertEquals(
                2,
                with(outcomes, "SELECTED").stream()
                        .filter(r -> band.get(r).equals("18-34"))
                        .count());
    }

    @Test
    void noSeatIsFilledOnceTheTermHasStarted() {
        Map<String, String> band = new HashMap<>();
        String id = drawn(3, 5, 2, band, false); // the fixture's sessions are in 2024
        String someone = with(outcomes(id), "SELECTED").get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            nl.meedoen.recruitment.signup.Signup s =
                    nl.meedoen.recruitment.signup.Signup.of(UUID.fromString(id), someone);
            s.outcome = "DECLINED";
            Draw d = Draw.findById(UUID.fromString(id));
            List<String> panel = new ArrayList<>(
                    StoredJson.read(d.panel, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {}));
            panel.remove(s.id.toString());
            d.panel = StoredJson.write(panel);
        });
        as("corporation")
                .post(BASE + "/" + id + "/vacancies/fill")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is DRAWN (LOTTERY_WHEN_OVERSUBSCRIBED): its term started"));
    }

    /** Every panel member declines at the same moment, while organisers press "fill": each seat goes to one tenant, once. */
    @Test
    void parallelDeclinesAndFillsNeverGiveASeatTwice() {
        Map<String, String> band = new HashMap<>();
        String id = drawn(8, 8, 4, band, true);
        List<String> panel = with(outcomes(id), "SELECTED");
        List<Callable<Response>> calls = new ArrayList<>();
        for (String ref : panel) {
            calls.add(() -> as("corporation").post(BASE + "/" + id + "/participants/" + ref + "/decline"));
            calls.add(() -> as("corporation").post(BASE + "/" + id + "/vacancies/fill"));
        }
        List<Response> answers = Parallel.run(calls);
        List<String> replacements = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Response r = answers.get(i);
            if (i % 2 == 0) {
                assertEquals(200, r.statusCode(), r.asString());
                String replacement = r.jsonPath().getString("replacement");
                if (replacement != null) {
                    replacements.add(replacement);
                }
            } else {
                assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.asString());
                if (r.statusCode() == 200) {
                    replacements.addAll(r.jsonPath().getList("filled"));
                }
            }
        }
        assertEquals(replacements.size(), new HashSet<>(replacements).size(), "nobody took two seats: " + replacements);
        Map<String, String> outcomes = outcomes(id);
        List<String> seated = with(outcomes, "SELECTED", "CONFIRMED");
        assertEquals(4, seated.size(), outcomes.toString());
        assertEquals(2, seated.stream().filter(r -> band.get(r).equals("18-34")).count());
        assertTrue(
                replacements.containsAll(seated),
                "every seat was given by a decline or a fill: " + replacements + " " + seated);
        List<String> drawPanel = QuarkusTransaction.requiringNew()
                .call(() -> StoredJson.read(
                        ((Draw) Draw.findById(UUID.fromString(id))).panel,
                        new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {}));
        assertEquals(4, drawPanel.size());
        assertEquals(4, new HashSet<>(drawPanel).size());
        assertNull(null);
        assertNotNull(seated);
    }
}
