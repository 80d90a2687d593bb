package nl.meedoen.recruitment.draw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.meedoen.draw.Category;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.FeatureQuota;
import nl.meedoen.draw.Person;

/**
 * Who may take a vacant seat of a drawn panel: the first in the draw order who keeps the household rule, no quota's
 * maximum, and leaves enough open seats to still reach every quota's minimum. With one seat open that is "keeps
 * every quota"; with several open (declines that could not be replaced at once) the panel fills up seat by seat
 * without ever closing the way to a minimum. When nobody fits, {@link Choice#unkept()} names the quotas that
 * cannot be kept (attribute, value, min) and why.
 */
public final class QuotaKeeping {
    private QuotaKeeping() {}

    /** A quota the panel cannot keep: {@code current} seats of {@code value}, the quota wants {@code min}..{@code max}. */
    public record Unkept(String attribute, String value, int min, int max, int current, String why) {
        public String field() {
            return "quotas." + attribute + "." + value + "." + (current < min ? "min" : "max");
        }

        public String describe() {
            return attribute + " " + value + " (min " + min + ", max " + max + "): " + current + " on the panel; "
                    + why;
        }
    }

    /** {@code chosen}: the sign-up id to seat, or null; then {@code unkept} says which quotas stand in the way. */
    public record Choice(String chosen, List<Unkept> unkept) {}

    /**
     * @param panel      the sign-up ids holding a seat now
     * @param candidates the sign-up ids that may be seated, in draw order
     */
    public static Choice choose(DrawInput input, List<String> panel, List<String> candidates) {
        Map<String, Person> byId = new HashMap<>();
        for (Person p : input.pool()) {
            byId.put(p.id(), p);
        }
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Set<String> households = new HashSet<>();
        for (String id : panel) {
            Person p = byId.get(id);
            if (p == null) {
                continue;
            }
            for (Category c : input.categories()) {
                counts.computeIfAbsent(c.name(), x -> new HashMap<>())
                        .merge(p.features().get(c.name()), 1, Integer::sum);
            }
            if (p.household() != null) {
                households.add(p.household());
            }
        }
        int openAfter = input.panelSize() - panel.size() - 1;
        if (openAfter < 0) {
            return new Choice(null, List.of());
        }
        for (String id : candidates) {
            Person p = byId.get(id);
            if (p == null || panel.contains(id)) {
                continue;
            }
            if (input.householdRule() && p.household() != null && households.contains(p.household())) {
                continue;
            }
            if (fits(input, counts, p, openAfter)) {
                return new Choice(id, List.of());
            }
        }
        return new Choice(null, unkept(input, counts, households, byId, panel, candidates));
    }

    private static int count(Map<String, Map<String, Integer>> counts, String category, String value) {
        return counts.getOrDefault(category, Map.of()).getOrDefault(value, 0);
    }

    private static boolean fits(DrawInput input, Map<String, Map<String, Integer>> counts, Person p, int openAfter) {
        for (Category c : input.categories()) {
            String mine = p.features().get(c.name());
            int deficit = 0;
            for (FeatureQuota q : c.features()) {
                int n = count(counts, c.name(), q.value()) + (q.value().equals(mine) ? 1 : 0);
                if (n > q.max()) {
                    return false;
                }
                deficit += Math.max(0, q.min() - n);
            }
            if (deficit > openAfter) {
                return false;
            }
        }
        return true;
    }

    private static List<Unkept> unkept(
            DrawInput input,
            Map<String, Map<String, Integer>> counts,
            Set<String> households,
            Map<String, Person> byId,
            List<String> panel,
            List<String> candidates) {
        List<Unkept> out = new ArrayList<>();
        for (Category c : input.categories()) {
            for (FeatureQuota q : c.features()) {
                int n = count(counts, c.name(), q.value());
                if (n >= q.min()) {
                    continue;
                }
                long have = 0;
                long sameHousehold = 0;
                for (String id : candidates) {
                    Person p = byId.get(id);
                    if (p == null
                            || panel.contains(id)
                            || !q.value().equals(p.features().get(c.name()))) {
                        continue;
                    }
                    if (input.householdRule() && p.household() != null && households.contains(p.household())) {
                        sameHousehold++;
                    } else {
                        have++;
                    }
                }
                String why = have == 0 && sameHousehold == 0
                        ? "nobody left in the draw order has " + c.name() + " " + q.value()
                        : have == 0
                                ? "the " + sameHousehold
                                        + " left in the draw order with it share a household with a panel member"
                                : "the " + have + " left in the draw order with it would each break another quota";
                out.add(new Unkept(c.name(), q.value(), q.min(), q.max(), n, why));
            }
        }
        if (out.isEmpty()) {
            // no minimum is short: every candidate would exceed a maximum (or share a household)
            for (Category c : input.categories()) {
                for (FeatureQuota q : c.features()) {
                    int n = count(counts, c.name(), q.value());
                    if (n >= q.max()
                            && candidates.stream()
                                    .map(byId::get)
                                    .anyMatch(p -> p != null
                                            && q.value().equals(p.features().get(c.name())))) {
                        out.add(new Unkept(
                                c.name(),
                                q.value(),
                                q.min(),
                                q.max(),
                                n,
                                "at its maximum; the next in the draw order have " + c.name() + " " + q.value()));
                    }
                }
            }
        }
        return out;
    }
}
