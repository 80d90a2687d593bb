package nl.meedoen.consultation.pwe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.meedoen.consultation.Violation;

/**
 * The rules of a PWE block: whether a block is well defined, and which rule a portfolio breaks.
 * Plain Java, so the same code serves the API, the tests and any batch re-validation.
 */
public final class PweRules {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> MOTIVATION_MODES = Set.of("NONE", "OPTIONAL", "REQUIRED");

    private PweRules() {}

    /** Checks the definition; {@code field} is where the block sits, e.g. {@code questions[3].pwe}. */
    public static List<Violation> definition(PweBlock block, String field, String defaultLanguage) {
        List<Violation> v = new ArrayList<>();
        List<PweOption> options = block.optionsOrEmpty();
        if (options.size() < 2) {
            v.add(new Violation(field + ".options", "options", "a PWE block needs at least two options"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            PweOption o = options.get(i);
            String f = field + ".options[" + i + "]";
            if (o == null) {
                v.add(new Violation(f, "option", "an option is required"));
                continue;
            }
            if (o.id() == null || !ID.matcher(o.id()).matches()) {
                v.add(new Violation(f + ".id", "id", "1 to 64 letters, digits, '-' or '_'"));
            } else if (!ids.add(o.id())) {
                v.add(new Violation(f + ".id", "duplicate", "option id " + o.id() + " is used twice"));
            }
            if (o.text() == null || isBlank(o.text().get(defaultLanguage))) {
                v.add(new Violation(f + ".text", "text", "a text in " + defaultLanguage + " is required"));
            }
            if (o.cost() == null || o.cost() < 0 || o.cost().isNaN() || o.cost().isInfinite()) {
                v.add(new Violation(f + ".cost", "cost", "a cost of 0 or more is required"));
            }
            if (o.resources() != null) {
                o.resources().forEach((name, amount) -> {
                    if (amount == null || amount < 0 || amount.isNaN() || amount.isInfinite()) {
                        v.add(new Violation(
                                f + ".resources." + name, "resource", "an amount of 0 or more is required"));
                    }
                });
            }
        }
        PweConstraint c = block.constraint();
        if (c == null || c.type() == null) {
            v.add(new Violation(field + ".constraint", "constraint", "a BUDGET or TARGET constraint is required"));
        } else if (c.budgetType()) {
            if (c.budget() == null || !(c.budget() > 0) || c.budget().isInfinite()) {
                v.add(new Violation(field + ".constraint.budget", "budget", "a budget above 0 is required"));
            }
            if (c.target() != null || c.quantity() != null) {
                v.add(new Violation(
                        field + ".constraint", "constraint", "target and quantity belong to a TARGET constraint"));
            }
        } else if (PweConstraint.TARGET.equals(c.type())) {
            if (c.target() == null || !(c.target() > 0) || c.target().isInfinite()) {
                v.add(new Violation(field + ".constraint.target", "target", "a target above 0 is required"));
            }
            if (c.budget() != null || c.allowUnspent() != null) {
                v.add(new Violation(
                        field + ".constraint", "constraint", "budget and allowUnspent belong to a BUDGET constraint"));
            }
            if (c.quantity() != null
                    && options.stream()
                            .noneMatch(
                                    o -> o.resources() != null && o.resources().containsKey(c.quantity()))) {
                v.add(new Violation(
                        field + ".constraint.quantity", "quantity", "no option has resource " + c.quantity()));
            }
        } else {
            v.add(new Violation(field + ".constraint.type", "constraint", "BUDGET or TARGET"));
        }
        if (block.resourceLimits() != null) {
            block.resourceLimits().forEach((name, limit) -> {
                if (limit == null || limit < 0) {
                    v.add(new Violation(
                            field + ".resourceLimits." + name, "resource-limit", "a limit of 0 or more is required"));
                }
            });
        }
        int n = options.size();
        Integer min = block.minOptions();
        Integer max = block.maxOptions();
        if (min != null && (min < 0 || min > n)) {
            v.add(new Violation(
                    field + ".minOptions", "min-options", "between 0 and the number of options (" + n + ")"));
        }
        if (max != null && (max < 1 || max > n)) {
            v.add(new Violation(
                    field + ".maxOptions", "max-options", "between 1 and the number of options (" + n + ")"));
        }
        if (min != null && max != null && min > max) {
            v.add(new Violation(field + ".minOptions", "min-options", "minOptions is above maxOptions"));
        }
        checkGroups(block.exclusiveGroups(), field + ".exclusiveGroups", ids, v);
        checkGroups(block.requiredTogether(), field + ".requiredTogether", ids, v);
        // Two options that must come together but exclude each other can never be chosen.
        if (block.exclusiveGroups() != null && block.requiredTogether() != null) {
            for (List<String> together : block.requiredTogether()) {
                for (List<String> exclusive : block.exclusiveGroups()) {
                    if (together == null || exclusive == null) {
                        continue;
                    }
                    long shared = together.stream()
                            .filter(exclusive::contains)
                            .distinct()
                            .count();
                    if (shared > 1) {
                        v.add(new Violation(
                                field + ".requiredTogether",
                                "contradiction",
                                together + " must be chosen together but " + exclusive + " excludes that"));
                    }
                }
            }
        }
        checkRequirements(block, field + ".requires", ids, v);
        if (!MOTIVATION_MODES.contains(block.optionMotivationMode())) {
            v.add(new Violation(field + ".optionMotivation", "motivation", "NONE, OPTIONAL or REQUIRED"));
        }
        if (!MOTIVATION_MODES.contains(block.overallMotivationMode())) {
            v.add(new Violation(field + ".overallMotivation", "motivation", "NONE, OPTIONAL or REQUIRED"));
        }
        if (block.motivationMaxLength() != null
                && (block.motivationMaxLength() < 1 || block.motivationMaxLength() > 10_000)) {
            v.add(new Violation(field + ".motivationMaxLength", "max-length", "between 1 and 10000"));
        }
        return v;
    }

    /** Each dependency names two different known options, and never two that exclude each other (the option could never be chosen). */
    private static void checkRequirements(PweBlock block, String field, Set<String> ids, List<Violation> v) {
        if (block.requires() == null) {
            return;
        }
        for (int i = 0; i < block.requires().size(); i++) {
            PweRequirement r = block.requires().get(i);
            String f = field + "[" + i + "]";
            if (r == null || r.option() == null || r.requires() == null) {
                v.add(new Violation(f, "requires", "an option and the option it requires"));
                continue;
            }
            if (!ids.contains(r.option())) {
                v.add(new Violation(f + ".option", "option", "no option " + r.option()));
            }
            if (!ids.contains(r.requires())) {
                v.add(new Violation(f + ".requires", "option", "no option " + r.requires()));
            }
            if (r.option().equals(r.requires())) {
                v.add(new Violation(f + ".requires", "requires", "an option cannot require itself"));
            }
            if (block.exclusiveGroups() != null
                    && block.exclusiveGroups().stream()
                            .anyMatch(g -> g != null
                                    && g.contains(r.option())
                                    && g.contains(r.requires())
                                    && !r.option().equals(r.requires()))) {
                v.add(new Violation(
                        f,
                        "contradiction",
                        r.option() + " requires " + r.requires() + " but an exclusive group allows only one of them"));
            }
        }
    }

    private static void checkGroups(List<List<String>> groups, String field, Set<String> ids, List<Violation> v) {
        if (groups == null) {
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            List<String> group = groups.get(i);
            if (group == null || group.size() < 2 || new HashSet<>(group).size() != group.size()) {
                v.add(new Violation(field + "[" + i + "]", "group", "at least two different options"));
                continue;
            }
            for (String id : group) {
                if (!ids.contains(id)) {
                    v.add(new Violation(field + "[" + i + "]", "option", "no option " + id));
                }
            }
        }
    }

    /**
     * Which rules a portfolio breaks. A partial (draft) portfolio is only checked for shape and
     * known options; a complete one against every constraint.
     */
    public static List<Violation> check(PweBlock block, PweAnswer answer, String field, boolean complete) {
        List<Violation> v = new ArrayList<>();
        List<String> chosen = answer.chosenOrEmpty();
        Set<String> seen = new HashSet<>();
        for (String id : chosen) {
            if (id == null || block.option(id).isEmpty()) {
                v.add(new Violation(field + ".chosen", "option", "no option " + id));
            } else if (!seen.add(id)) {
                v.add(new Violation(field + ".chosen", "duplicate", "option " + id + " is chosen twice"));
            }
        }
        int limit = block.motivationLimit();
        for (Map.Entry<String, String> m : answer.motivationsOrEmpty().entrySet()) {
            String f = field + ".motivations." + m.getKey();
            if ("NONE".equals(block.optionMotivationMode())) {
                v.add(new Violation(f, "motivation-not-asked", "this block asks no motivation per option"));
            } else if (!seen.contains(m.getKey())) {
                v.add(new Violation(f, "motivation-not-chosen", "a motivation is only for a chosen option"));
            } else if (m.getValue() != null && m.getValue().length() > limit) {
                v.add(new Violation(f, "max-length", "at most " + limit + " characters"));
            }
        }
        String overall = answer.overallMotivation();
        if (overall != null && "NONE".equals(block.overallMotivationMode())) {
            v.add(new Violation(
                    field + ".overallMotivation", "motivation-not-asked", "this block asks no overall motivation"));
        } else if (overall != null && overall.length() > limit) {
            v.add(new Violation(field + ".overallMotivation", "max-length", "at most " + limit + " characters"));
        }
        if (!complete || !v.isEmpty()) {
            return v;
        }
        if ("REQUIRED".equals(block.optionMotivationMode())) {
            for (String id : chosen) {
                if (isBlank(answer.motivationsOrEmpty().get(id))) {
                    v.add(new Violation(
                            field + ".motivations." + id, "motivation-required", "explain why you chose " + id));
                }
            }
        }
        if ("REQUIRED".equals(block.overallMotivationMode()) && isBlank(overall)) {
            v.add(new Violation(field + ".overallMotivation", "motivation-required", "explain your choice as a whole"));
        }
        if (block.minOptions() != null && chosen.size() < block.minOptions()) {
            v.add(new Violation(
                    field + ".chosen", "min-options", "choose at least " + block.minOptions() + " options"));
        }
        if (block.maxOptions() != null && chosen.size() > block.maxOptions()) {
            v.add(new Violation(field + ".chosen", "max-options", "choose at most " + block.maxOptions() + " options"));
        }
        if (block.exclusiveGroups() != null) {
            for (List<String> group : block.exclusiveGroups()) {
                List<String> both = chosen.stream().filter(group::contains).toList();
                if (both.size() > 1) {
                    v.add(new Violation(
                            field + ".chosen",
                            "exclusive-group",
                            "at most one of " + group + " (chosen: " + both + ")"));
                }
            }
        }
        if (block.requiredTogether() != null) {
            for (List<String> group : block.requiredTogether()) {
                List<String> some = chosen.stream().filter(group::contains).toList();
                if (!some.isEmpty() && some.size() < group.size()) {
                    v.add(new Violation(
                            field + ".chosen",
                            "required-together",
                            "all of " + group + " or none (chosen: " + some + ")"));
                }
            }
        }
        if (block.requires() != null) {
            for (PweRequirement r : block.requires()) {
                if (seen.contains(r.option()) && !seen.contains(r.requires())) {
                    v.add(new Violation(
                            field + ".chosen",
                            "requires",
                            r.option() + " requires " + r.requires() + " (choosing " + r.requires()
                                    + " alone is allowed)"));
                }
            }
        }
        if (block.resourceLimits() != null) {
            block.resourceLimits().forEach((name, max) -> {
                double used = chosen.stream()
                        .map(block::option)
                        .flatMap(java.util.Optional::stream)
                        .mapToDouble(o -> o.quantity(name))
                        .sum();
                if (max != null && used > max + EPSILON) {
                    v.add(new Violation(
                            field + ".chosen",
                            "resource-limit",
                            name + " " + fmt(used) + " is above the limit of " + fmt(max)));
                }
            });
        }
        PweConstraint c = block.constraint();
        double measure = block.measure(chosen);
        if (c.budgetType()) {
            if (measure > c.budget() + EPSILON) {
                v.add(new Violation(
                        field + ".chosen",
                        "budget",
                        "costs " + fmt(measure) + ", above the budget of " + fmt(c.budget())));
            } else if (!c.unspentAllowed()) {
                double left = c.budget() - measure;
                block.optionsOrEmpty().stream()
                        .filter(o ->
                                !seen.contains(o.id()) && o.cost() <= left + EPSILON && addable(block, chosen, o.id()))
                        .findFirst()
                        .ifPresent(o -> v.add(new Violation(
                                field + ".chosen",
                                "unspent-budget",
                                fmt(left) + " of the budget is left, enough for " + o.id()
                                        + "; the whole budget must be used")));
            }
        } else if (measure + EPSILON < c.target()) {
            v.add(new Violation(
                    field + ".chosen",
                    "target",
                    "reaches " + fmt(measure) + ", below the target of " + fmt(c.target())));
        }
        return v;
    }

    /** Whether one more option could join the portfolio without breaking the count, an exclusive group or a dependency. */
    private static boolean addable(PweBlock block, List<String> chosen, String id) {
        if (block.maxOptions() != null && chosen.size() >= block.maxOptions()) {
            return false;
        }
        if (block.requires() != null
                && block.requires().stream().anyMatch(r -> id.equals(r.option()) && !chosen.contains(r.requires()))) {
            return false;
        }
        if (block.exclusiveGroups() != null) {
            for (List<String> group : block.exclusiveGroups()) {
                if (group.contains(id) && chosen.stream().anyMatch(group::contains)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final double EPSILON = 1e-9;

    static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
