package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfeasibleQuotasTest {
    private final DrawEngine engine = new DrawEngine();

    /** example_small_20 with "at least 15 women and at least 15 conservatives": only 1 woman is conservative. */
    static List<Category> conflicting() {
        return List.of(
                new Category("gender", List.of(new FeatureQuota("female", 15, 20), new FeatureQuota("male", 0, 20))),
                new Category(
                        "leaning",
                        List.of(new FeatureQuota("liberal", 0, 20), new FeatureQuota("conservative", 15, 20))));
    }

    @Test
    void conflictingQuotasNameTheConflictAndTheSmallestRelaxation() {
        DrawInput input = Fixtures.withQuotas(Fixtures.example(Algorithm.LEXIMIN), conflicting());
        DrawException e = assertThrows(DrawException.class, () -> engine.probabilities(input));
        assertEquals(DrawException.INFEASIBLE_QUOTAS, e.code());
        String details = String.join("\n", e.details());
        assertTrue(
                details.contains("gender=female min 15") && details.contains("leaning=conservative min 15"), details);
        // women + conservatives >= 30 is only possible with the lone conservative woman counting twice: 9 seats short
        int total = e.relaxations().stream().mapToInt(QuotaRelaxation::by).sum();
        assertEquals(9, total, e.relaxations().toString());
        assertTrue(e.relaxations().stream().allMatch(r -> r.bound().equals("min") && r.suggested() < r.current()));

        // applying the suggested relaxation makes the quotas feasible
        List<Category> relaxed = new ArrayList<>();
        for (Category c : conflicting()) {
            List<FeatureQuota> features = new ArrayList<>();
            for (FeatureQuota f : c.features()) {
                int min = f.min();
                for (QuotaRelaxation r : e.relaxations()) {
                    if (r.category().equals(c.name()) && r.feature().equals(f.value())) {
                        min = r.suggested();
                    }
                }
                features.add(new FeatureQuota(f.value(), min, f.max()));
            }
            relaxed.add(new Category(c.name(), features));
        }
        assertDoesNotThrow(() -> engine.probabilities(Fixtures.withQuotas(input, relaxed)));
    }

    @Test
    void minimumsAboveThePanelSizeAreExplainedPlainly() {
        DrawInput input = Fixtures.withQuotas(
                Fixtures.example(Algorithm.LEXIMIN),
                List.of(new Category(
                        "gender", List.of(new FeatureQuota("female", 12, 20), new FeatureQuota("male", 12, 20)))));
        DrawException e = assertThrows(DrawException.class, () -> engine.probabilities(input));
        assertEquals(DrawException.INFEASIBLE_QUOTAS, e.code());
        assertTrue(
                e.details().get(0).contains("minimums of gender add up to 24, more than the 20 seats"),
                e.details().toString());
        assertEquals(4, e.relaxations().stream().mapToInt(QuotaRelaxation::by).sum());
    }

    @Test
    void moreSeatsThanPeopleOrHouseholds() {
        DrawInput small = new DrawInput(
                List.of(new Person("a", Map.of()), new Person("b", Map.of())), List.of(), 3, Algorithm.UNIFORM, false);
        assertEquals(
                DrawException.PANEL_LARGER_THAN_POOL,
                assertThrows(DrawException.class, () -> engine.probabilities(small))
                        .code());
        DrawInput oneHousehold = new DrawInput(
                List.of(new Person("a", Map.of(), "h"), new Person("b", Map.of(), "h")),
                List.of(),
                2,
                Algorithm.LEXIMIN,
                true);
        DrawException e = assertThrows(DrawException.class, () -> engine.probabilities(oneHousehold));
        assertEquals(DrawException.PANEL_LARGER_THAN_POOL, e.code());
        assertTrue(e.getMessage().contains("households"));
    }

    @Test
    void badInputIsReportedNotThrownAsABug() {
        DrawInput unknownValue = new DrawInput(
                List.of(new Person("a", Map.of("gender", "x"))),
                List.of(new Category("gender", List.of(new FeatureQuota("female", 0, 1)))),
                1,
                Algorithm.LEXIMIN,
                false);
        DrawException e = assertThrows(DrawException.class, () -> engine.probabilities(unknownValue));
        assertEquals(DrawException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("gender=x"));
        DrawInput duplicate = new DrawInput(
                List.of(new Person("a", Map.of()), new Person("a", Map.of())), List.of(), 1, Algorithm.UNIFORM, false);
        assertEquals(
                DrawException.INVALID_INPUT,
                assertThrows(DrawException.class, () -> engine.probabilities(duplicate))
                        .code());
        DrawInput badQuota = new DrawInput(
                List.of(new Person("a", Map.of("g", "f"))),
                List.of(new Category("g", List.of(new FeatureQuota("f", 2, 1)))),
                1,
                Algorithm.LEXIMIN,
                false);
        assertFalse(assertThrows(DrawException.class, () -> engine.probabilities(badQuota))
                .details()
                .isEmpty());
    }
}
