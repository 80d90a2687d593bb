package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplacementTest {
    private final DrawEngine engine = new DrawEngine();

    @Test
    void replacementKeepsTheQuotasAndIsTheFirstThatFits() {
        DrawInput input = Fixtures.example(Algorithm.LEXIMIN);
        DrawRecord drawn = engine.draw(input, "replace-me");
        List<String> panel = drawn.result().selected();
        List<String> waitlist = drawn.result().waitlist();
        for (int i = 0; i < 5; i++) { // five withdrawals in a row
            String withdrawn = panel.get(i % panel.size());
            Replacement r = engine.replace(drawn, panel, waitlist, withdrawn);
            assertTrue(r.found(), r.reason());
            assertTrue(Fixtures.satisfiesQuotas(input, r.panel()));
            assertFalse(r.panel().contains(withdrawn));
            // nobody earlier on the waitlist would have fitted
            for (String earlier : waitlist.subList(0, waitlist.indexOf(r.replacement()))) {
                List<String> alternative = new ArrayList<>(panel);
                alternative.remove(withdrawn);
                alternative.add(earlier);
                assertFalse(Fixtures.satisfiesQuotas(input, alternative));
            }
            panel = r.panel();
            waitlist = r.waitlist();
        }
    }

    @Test
    void reportsWhenNobodyFits() {
        // exactly one woman must sit and the only other woman is in the same household as... nobody: she is absent
        List<Person> pool = List.of(
                new Person("f1", Map.of("g", "f")),
                new Person("m1", Map.of("g", "m")),
                new Person("m2", Map.of("g", "m")),
                new Person("m3", Map.of("g", "m")));
        DrawInput input = new DrawInput(
                pool,
                List.of(new Category("g", List.of(new FeatureQuota("f", 1, 1), new FeatureQuota("m", 0, 3)))),
                2,
                Algorithm.LEXIMIN,
                false);
        DrawRecord drawn = engine.draw(input, "s");
        assertTrue(drawn.result().selected().contains("f1"));
        Replacement r = engine.replace(drawn, "f1");
        assertNull(r.replacement());
        assertTrue(r.reason().contains("g=f"), r.reason());
        assertEquals(1, r.panel().size());
    }

    @Test
    void householdRuleIsKeptOnReplacement() {
        DrawInput input = UniformTest.pool(10, 3, true);
        DrawRecord drawn = engine.draw(input, "h");
        Replacement r = engine.replace(drawn, drawn.result().selected().get(0));
        assertTrue(r.found());
        assertTrue(Fixtures.satisfiesHouseholdRule(input, r.panel()));
    }
}
