package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UniformTest {
    private final DrawEngine engine = new DrawEngine();

    static DrawInput pool(int n, int k, boolean householdRule) {
        List<Person> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pool.add(new Person("t" + i, Map.of(), householdRule ? "h" + (i / 2) : null));
        }
        return new DrawInput(pool, List.of(), k, Algorithm.UNIFORM, householdRule);
    }

    @Test
    void everyoneGetsKOverN() {
        Probabilities p = engine.probabilities(pool(50, 5, false));
        p.values().forEach(v -> assertEquals(0.1, v, 1e-12));
        assertEquals(5.0, p.sum(), 1e-9);
    }

    /** Chi-square over 2,000 fixed seeds: 20 people, 5 seats, each expected 500 times; 19 d.f., p = 0.001 at 43.8. */
    @Test
    void selectionsAreUniformAcrossSeeds() {
        DrawInput input = pool(20, 5, false);
        DrawRecord committed = engine.commit(input);
        Map<String, Integer> times = new HashMap<>();
        int draws = 2000;
        for (int s = 0; s < draws; s++) {
            engine.draw(committed, "seed-" + s).result().selected().forEach(id -> times.merge(id, 1, Integer::sum));
        }
        double expected = draws * 5 / 20.0;
        double chi2 = 0;
        for (Person p : input.pool()) {
            double d = times.getOrDefault(p.id(), 0) - expected;
            chi2 += d * d / expected;
        }
        assertTrue(chi2 < 43.8, "chi-square " + chi2);
    }

    @Test
    void householdRuleDrawsHouseholdsThenOneMember() {
        DrawInput input = pool(40, 6, true); // 20 households of two
        Probabilities p = engine.probabilities(input);
        p.values().forEach(v -> assertEquals(6.0 / 20 / 2, v, 1e-12));
        for (int s = 0; s < 50; s++) {
            DrawRecord r = engine.draw(input, "s" + s);
            assertEquals(6, r.result().selected().size());
            assertTrue(Fixtures.satisfiesHouseholdRule(input, r.result().selected()));
        }
    }

    @Test
    void fiveHundredOfFiftyThousandIsQuick() {
        DrawInput input = pool(50_000, 500, false);
        DrawRecord committed = engine.commit(input);
        engine.draw(committed, "warm-up");
        long start = System.nanoTime();
        DrawRecord r = engine.draw(committed, "seed");
        double ms = (System.nanoTime() - start) / 1e6;
        assertEquals(500, r.result().selected().size());
        assertEquals(49_500, r.result().waitlist().size());
        assertTrue(
                ms < 2000, "took " + ms + " ms"); // the benchmark records the real figure; this only guards regressions
    }
}
