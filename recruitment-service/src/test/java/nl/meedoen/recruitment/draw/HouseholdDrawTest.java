package nl.meedoen.recruitment.draw;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nl.meedoen.recruitment.Fixtures;
import nl.meedoen.recruitment.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The one-per-household rule end to end: a pool with several multi-person households (all of them signed up and in the
 * draw), a draw through the API, at most one per household — and every replacement keeps it. Also: seats given at
 * sign-up in an open campaign hold under parallel sign-ups.
 */
@QuarkusTest
class HouseholdDrawTest {

    @Test
    void atMostOnePerHouseholdInTheDrawAndAfterEveryReplacement() {
        String complex = "C-" + UUID.randomUUID();
        Map<String, String> household = new HashMap<>();
        // 5 households of 3, 3 of 2, 4 tenants alone: 25 sign-ups, 12 households; 6 seats
        int n = 0;
        for (int h = 0; h < 12; h++) {
            int size = h < 5 ? 3 : h < 8 ? 2 : 1;
            String key = "H-" + UUID.randomUUID();
            for (int i = 0; i < size; i++) {
                String ref = "T-" + (n++) + "-" + UUID.randomUUID();
                Fixtures.member(ref, complex, n % 2 == 0 ? "18-34" : "35-64", key);
                household.put(ref, key);
            }
        }
        String id = Fixtures.openCampaign(
                Fixtures.lotteryCampaign("TENANT_COUNCIL_ONE_OFF", "corporation", 6, complex, "NONE", 0));
        for (String ref : household.keySet()) {
            as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        Fixtures.commitCeremony("corporation", id);
        JsonPath job = Fixtures.commitDraw("corporation", id, Map.of("algorithm", "uniform", "householdRule", true));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        Fixtures.drawFromCeremony("corporation", id).statusCode(200);
        onePerHousehold(id, household, 6);

        // decline after decline — members of multi-person households first — each replacement keeps the rule
        int replaced = 0;
        for (int round = 0; round < 8; round++) {
            List<String> seated = VacancyTest.with(VacancyTest.outcomes(id), "SELECTED");
            String decliner = seated.stream()
                    .max((a, b) -> Long.compare(size(household, a), size(household, b)))
                    .orElseThrow();
            String replacement = as("corporation")
                    .post(BASE + "/" + id + "/participants/" + decliner + "/decline")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("replacement");
            if (replacement != null) {
                replaced++;
            }
            onePerHousehold(id, household, replacement == null ? -1 : 6);
        }
        assertTrue(replaced >= 4, "replacements were found: " + replaced);

        // two declines at the same moment: still one per household, no seat given twice
        List<String> seated = VacancyTest.with(VacancyTest.outcomes(id), "SELECTED");
        List<Callable<Response>> calls = new ArrayList<>();
        for (String ref : seated.subList(0, 2)) {
            calls.add(() -> as("corporation").post(BASE + "/" + id + "/participants/" + ref + "/decline"));
        }
        Parallel.run(calls).forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
        onePerHousehold(id, household, -1);
    }

    private static long size(Map<String, String> household, String ref) {
        return household.values().stream()
                .filter(h -> h.equals(household.get(ref)))
                .count();
    }

    private static void onePerHousehold(String id, Map<String, String> household, int expectedSeats) {
        List<String> seated = VacancyTest.with(VacancyTest.outcomes(id), "SELECTED", "CONFIRMED");
        Map<String, Long> perHousehold =
                seated.stream().collect(Collectors.groupingBy(household::get, Collectors.counting()));
        assertTrue(perHousehold.values().stream().allMatch(c -> c == 1), "at most one per household: " + perHousehold);
        assertTrue(seated.size() <= 6);
        if (expectedSeats >= 0) {
            assertEquals(expectedSeats, seated.size());
        }
    }

    /** Twenty tenants sign up for an evening of five places at the same moment: exactly five hold a place, the rest wait. */
    @Test
    void parallelSignUpsForAnOpenEveningNeverTakeMoreThanItsSeats() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String ref = "T-" + UUID.randomUUID();
            Fixtures.member(ref, complex, "35-64", "H-" + ref);
            refs.add(ref);
        }
        String id = Fixtures.openCampaign(Fixtures.campaign("THEME_EVENING", "corporation", 5, complex, "NONE", 0));
        List<Callable<Response>> calls = new ArrayList<>();
        for (String ref : refs) {
            calls.add(() -> as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "EVENT"))
                    .post(BASE + "/" + id + "/signups"));
        }
        Parallel.run(calls).forEach(r -> assertEquals(201, r.statusCode(), r.asString()));
        Map<String, String> outcomes = VacancyTest.outcomes(id);
        assertEquals(5, VacancyTest.with(outcomes, "SELECTED").size(), outcomes.toString());
        assertEquals(15, VacancyTest.with(outcomes, "WAITLISTED").size());
        // five leave at the same moment: the next five on the waitlist move up, each seat once
        List<Callable<Response>> leaving = new ArrayList<>();
        for (String ref : VacancyTest.with(outcomes, "SELECTED")) {
            leaving.add(() -> as("corporation").delete(BASE + "/" + id + "/signups/" + ref));
        }
        Parallel.run(leaving).forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
        outcomes = VacancyTest.outcomes(id);
        assertEquals(5, VacancyTest.with(outcomes, "SELECTED").size(), outcomes.toString());
        assertEquals(10, VacancyTest.with(outcomes, "WAITLISTED").size());
    }
}
