package nl.meedoen.consultation.pwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.Violation;
import org.junit.jupiter.api.Test;

/** Every PWE rule, and the message that names it, as plain code. */
class PweRulesTest {

    static PweOption option(String id, double cost, Map<String, Double> resources) {
        return new PweOption(id, Map.of("nl", id), null, null, null, null, cost, resources);
    }

    static final List<PweOption> OPTIONS = List.of(
            option("playground", 60, Map.of("hours", 10.0, "co2", 1.0)),
            option("football", 50, Map.of("hours", 30.0)),
            option("benches", 20, Map.of("co2", 2.0)),
            option("bins", 10, null),
            option("trees", 35, Map.of("co2", 8.0)));

    static PweBlock budget(double budget, boolean allowUnspent) {
        return new PweBlock(
                OPTIONS,
                new PweConstraint("BUDGET", budget, allowUnspent, null, null),
                Map.of("hours", 35.0),
                1,
                3,
                List.of(List.of("playground", "football")),
                List.of(List.of("benches", "bins")),
                null,
                "OPTIONAL",
                "REQUIRED",
                20);
    }

    static List<String> rules(PweBlock block, List<String> chosen, Map<String, String> motivations, String overall) {
        return PweRules.check(block, new PweAnswer(chosen, motivations, overall), "answers.plan", true).stream()
                .map(Violation::rule)
                .toList();
    }

    @Test
    void aPortfolioWithinEveryRulePasses() {
        assertEquals(
                List.of(),
                rules(
                        budget(100, true),
                        List.of("playground", "benches", "bins"),
                        Map.of("playground", "kids"),
                        "because"));
    }

    @Test
    void eachRuleIsNamed() {
        PweBlock b = budget(100, true);
        assertEquals(List.of("budget"), rules(budget(90, true), List.of("playground", "trees"), Map.of(), "x"));
        assertEquals(List.of("min-options"), rules(b, List.of(), Map.of(), "x"));
        assertEquals(
                List.of("max-options"),
                rules(budget(1000, true), List.of("football", "benches", "bins", "trees"), Map.of(), "x"));
        assertEquals(
                List.of("exclusive-group", "resource-limit", "budget"),
                rules(b, List.of("playground", "football"), Map.of(), "x"));
        assertEquals(List.of("required-together"), rules(b, List.of("benches"), Map.of(), "x"));
        assertEquals(List.of("motivation-required"), rules(b, List.of("bins", "benches"), Map.of(), null));
        assertEquals(List.of("motivation-not-chosen"), rules(b, List.of("bins", "benches"), Map.of("trees", "x"), "x"));
        assertEquals(
                List.of("max-length"),
                rules(b, List.of("bins", "benches"), Map.of("bins", "a motivation that is far too long"), "x"));
        assertEquals(List.of("option"), rules(b, List.of("pool"), Map.of(), "x"));
        assertEquals(List.of("duplicate"), rules(b, List.of("bins", "bins"), Map.of(), "x"));
    }

    @Test
    void unspentBudgetIsRefusedOnlyWhenAnotherOptionStillFits() {
        PweBlock strict = budget(100, false);
        List<Violation> v =
                PweRules.check(strict, new PweAnswer(List.of("benches", "bins"), null, "x"), "answers.plan", true);
        assertEquals(List.of("unspent-budget"), v.stream().map(Violation::rule).toList());
        assertTrue(
                v.get(0).message().contains("70 of the budget is left, enough for playground"),
                v.get(0).message());
        // 35 + 20 + 10 = 65 leaves 35: playground (60) and football (50) do not fit, so the budget counts as used
        assertEquals(List.of(), rules(strict, List.of("trees", "benches", "bins"), Map.of(), "x"));
        // 60 + 20 + 10 leaves 10, and a fourth option is not allowed anyway
        assertEquals(List.of(), rules(strict, List.of("playground", "benches", "bins"), Map.of(), "x"));
    }

    @Test
    void aTargetMustBeReached() {
        PweBlock target = new PweBlock(
                OPTIONS,
                new PweConstraint("TARGET", null, null, 9.0, "co2"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        List<Violation> v = PweRules.check(
                target, new PweAnswer(List.of("benches", "playground"), null, null), "answers.plan", true);
        assertEquals(List.of("target"), v.stream().map(Violation::rule).toList());
        assertTrue(
                v.get(0).message().contains("reaches 3, below the target of 9"),
                v.get(0).message());
        assertEquals(List.of(), rules(target, List.of("trees", "playground"), null, null));
        assertEquals(11.0, target.measure(List.of("trees", "benches", "playground")));
    }

    @Test
    void aDraftIsOnlyCheckedForShape() {
        assertEquals(
                List.of(),
                PweRules.check(
                        budget(10, false), new PweAnswer(List.of("playground", "football"), null, null), "f", false));
    }

    @Test
    void definitionsAreChecked() {
        PweBlock bad = new PweBlock(
                List.of(option("a", -1, null), option("a", 5, null)),
                new PweConstraint("BUDGET", 0.0, true, 3.0, null),
                Map.of("hours", -1.0),
                3,
                1,
                List.of(List.of("a", "zz")),
                List.of(List.of("a")),
                null,
                "SOMETIMES",
                null,
                0);
        List<String> rules = PweRules.definition(bad, "pwe", "nl").stream()
                .map(v -> v.field() + " " + v.rule())
                .toList();
        for (String expected : List.of(
                "pwe.options[0].cost cost",
                "pwe.options[1].id duplicate",
                "pwe.constraint.budget budget",
                "pwe.constraint constraint",
                "pwe.resourceLimits.hours resource-limit",
                "pwe.minOptions min-options",
                "pwe.exclusiveGroups[0] option",
                "pwe.requiredTogether[0] group",
                "pwe.optionMotivation motivation",
                "pwe.motivationMaxLength max-length")) {
            assertTrue(rules.contains(expected), expected + " in " + rules);
        }
        PweBlock contradiction = new PweBlock(
                OPTIONS,
                new PweConstraint("TARGET", null, null, 5.0, "nothing"),
                null,
                null,
                null,
                List.of(List.of("benches", "bins")),
                List.of(List.of("benches", "bins")),
                null,
                null,
                null,
                null);
        List<String> c = PweRules.definition(contradiction, "pwe", "nl").stream()
                .map(Violation::rule)
                .toList();
        assertTrue(c.contains("contradiction") && c.contains("quantity"), c.toString());
    }

    static PweBlock trees(List<PweRequirement> requires, List<List<String>> exclusive) {
        return new PweBlock(
                OPTIONS,
                new PweConstraint("BUDGET", 200.0, true, null, null),
                null,
                null,
                null,
                exclusive,
                null,
                requires,
                null,
                null,
                null);
    }

    /** "Option trees requires option benches": benches alone is fine, trees alone is not, both are. */
    @Test
    void aOneWayDependencyAllowsTheRequiredOptionAlone() {
        PweBlock block = trees(List.of(new PweRequirement("trees", "benches")), null);
        assertEquals(List.of(), PweRules.definition(block, "pwe", "nl"));
        assertEquals(List.of(), rules(block, List.of("benches"), null, null));
        assertEquals(List.of(), rules(block, List.of("benches", "trees"), null, null));
        List<Violation> v = PweRules.check(block, new PweAnswer(List.of("trees"), null, null), "answers.plan", true);
        assertEquals(
                List.of("answers.plan.chosen requires"),
                v.stream().map(x -> x.field() + " " + x.rule()).toList());
        assertTrue(
                v.get(0).message().contains("trees requires benches"), v.get(0).message());
        // unspent budget: an option whose requirement is missing cannot be the one that "still fits"
        PweBlock free = new PweBlock(
                OPTIONS,
                new PweConstraint("BUDGET", 70.0, false, null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertEquals(List.of("unspent-budget"), rules(free, List.of("benches", "bins"), null, null));
        PweBlock tied = new PweBlock(
                OPTIONS,
                new PweConstraint("BUDGET", 70.0, false, null, null),
                null,
                null,
                null,
                null,
                null,
                List.of(new PweRequirement("trees", "playground")),
                null,
                null,
                null);
        assertEquals(List.of(), rules(tied, List.of("benches", "bins"), null, null));
    }

    @Test
    void aDependencyIsCheckedInTheDefinition() {
        PweBlock bad = trees(
                java.util.Arrays.asList(
                        new PweRequirement("trees", "nope"),
                        new PweRequirement("bins", "bins"),
                        new PweRequirement("playground", "football"),
                        null),
                List.of(List.of("playground", "football")));
        List<String> found = PweRules.definition(bad, "pwe", "nl").stream()
                .map(x -> x.field() + " " + x.rule())
                .toList();
        assertEquals(
                List.of(
                        "pwe.requires[0].requires option",
                        "pwe.requires[1].requires requires",
                        "pwe.requires[2] contradiction",
                        "pwe.requires[3] requires"),
                found);
    }
}
