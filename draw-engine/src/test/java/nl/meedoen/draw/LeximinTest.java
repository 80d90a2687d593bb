package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeximinTest {
    private final DrawEngine engine = new DrawEngine();

    @Test
    void exampleSmall20GivesEveryoneTenPercent() {
        Probabilities p = engine.probabilities(Fixtures.example(Algorithm.LEXIMIN));
        assertEquals(200, p.values().size());
        for (double v : p.values()) {
            assertEquals(0.10, v, 1e-6);
        }
        assertEquals(0.10, p.min(), 1e-6);
        assertEquals(20.0, p.sum(), 1e-6);
        assertEquals(3, p.types()); // female/conservative, female/liberal, male/conservative
    }

    @Test
    void everyPanelOfTheDistributionIsValidAndTicketsAddUp() {
        DrawInput input = Fixtures.example(Algorithm.LEXIMIN);
        Distribution d = engine.probabilities(input).distribution();
        long tickets =
                d.panels().stream().mapToLong(Distribution.Panel::tickets).sum();
        assertEquals(Distribution.TICKETS, tickets);
        TypeTable types = TypeTable.of(Instance.of(input));
        for (Distribution.Panel panel : d.panels()) {
            assertTrue(types.isValidPanel(
                    Instance.of(input),
                    panel.counts().stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    /** Without quotas that bind, LEXIMIN is the uniform k/n; a person alone in a category gets the maximum allowed. */
    @Test
    void lonePersonWithAGuaranteedSeatGetsProbabilityOne() {
        List<Person> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            pool.add(new Person("m" + i, Map.of("gender", "male")));
        }
        pool.add(new Person("f0", Map.of("gender", "female")));
        DrawInput input = new DrawInput(
                pool,
                List.of(new Category(
                        "gender", List.of(new FeatureQuota("male", 0, 10), new FeatureQuota("female", 1, 1)))),
                4,
                Algorithm.LEXIMIN,
                false);
        Probabilities p = engine.probabilities(input);
        assertEquals(1.0, p.of("f0"), 1e-9);
        assertEquals(3.0 / 9, p.of("m0"), 1e-6);
        assertEquals(4.0, p.sum(), 1e-6);
    }

    @Test
    void householdRuleSplitsAHouseholdsShareAndIsRespected() {
        List<Person> pool = List.of(
                new Person("a1", Map.of(), "A"),
                new Person("a2", Map.of(), "A"),
                new Person("b1", Map.of(), "B"),
                new Person("c1", Map.of(), null),
                new Person("d1", Map.of(), "D"));
        DrawInput input = new DrawInput(pool, List.of(), 3, Algorithm.LEXIMIN, true);
        Probabilities p = engine.probabilities(input);
        // 4 households for 3 seats: household A has at most one seat, so 1/2 per member; the others share the rest
        assertEquals(3.0, p.sum(), 1e-6);
        assertEquals(0.5, p.of("a1"), 1e-6);
        assertEquals(0.5, p.of("a2"), 1e-6);
        assertEquals(2.0 / 3, p.of("b1"), 1e-6);
        assertEquals(2.0 / 3, p.of("c1"), 1e-6);
        for (int seed = 0; seed < 20; seed++) {
            DrawRecord r = engine.draw(input, "seed-" + seed);
            assertTrue(Fixtures.satisfiesHouseholdRule(input, r.result().selected()));
        }
    }
}
