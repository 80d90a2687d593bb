package nl.meedoen.panel.panel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.meedoen.commons.problem.Problem;

/**
 * A panel's target composition: per stratum attribute, the share of members per value. A stratum
 * the panel gives no shares for follows the tenant population (live, from the read model).
 */
@ApplicationScoped
public class Targets {

    public static final String EXPLICIT = "EXPLICIT";
    public static final String POPULATION = "POPULATION";

    /** The effective target of one stratum. */
    public record Target(String attribute, String source, Map<String, Double> shares) {}

    @Inject
    EntityManager em;

    public List<Target> effective(Panel panel) {
        Map<String, Map<String, Double>> explicit = panel.targetComposition();
        return effective(
                panel,
                populationCounts(panel.strata().stream()
                        .filter(a -> !explicit.containsKey(a))
                        .toList()));
    }

    /** @param population tenants per value of (at least) the strata without explicit shares */
    public List<Target> effective(Panel panel, Map<String, Map<String, Long>> population) {
        List<String> strata = panel.strata();
        Map<String, Map<String, Double>> explicit = panel.targetComposition();
        List<Target> targets = new ArrayList<>();
        for (String attribute : strata) {
            if (explicit.containsKey(attribute)) {
                targets.add(new Target(attribute, EXPLICIT, explicit.get(attribute)));
            } else {
                targets.add(new Target(attribute, POPULATION, shares(population.getOrDefault(attribute, Map.of()))));
            }
        }
        return targets;
    }

    /** Tenants per value of each attribute ({@code unknown} for tenants without one), in one scan. */
    public Map<String, Map<String, Long>> populationCounts(List<String> attributes) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        if (attributes.isEmpty()) {
            return counts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + Attributes.groupingColumns("p", attributes)
                        + "count(*) FROM population_member p" + Attributes.groupingSets("p", attributes))
                .getResultList();
        for (Object[] row : rows) {
            String[] group = Attributes.grouped(row, attributes);
            counts.computeIfAbsent(group[0], a -> new TreeMap<>())
                    .put(group[1], ((Number) row[attributes.size()]).longValue());
        }
        return counts;
    }

    public static Map<String, Double> shares(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((value, n) -> shares.put(value, total == 0 ? 0.0 : n / (double) total));
        return shares;
    }

    /** Field errors for strata and target shares; shares per attribute must add up to 1 (±0.01). */
    public static List<Problem.FieldError> validate(List<String> strata, Map<String, Map<String, Double>> composition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < strata.size(); i++) {
            String a = strata.get(i);
            if (!Attributes.known(a)) {
                errors.add(
                        new Problem.FieldError("strata[" + i + "]", "'" + a + "' is not one of " + Attributes.names()));
            } else if (!seen.add(a)) {
                errors.add(new Problem.FieldError("strata[" + i + "]", "'" + a + "' is listed twice"));
            }
        }
        for (var e : composition.entrySet()) {
            String field = "targetComposition." + e.getKey();
            if (!strata.contains(e.getKey())) {
                errors.add(new Problem.FieldError(field, "not one of the strata " + strata));
                continue;
            }
            Map<String, Double> shares = e.getValue();
            if (shares == null || shares.isEmpty()) {
                errors.add(new Problem.FieldError(
                        field, "give a share per value, or leave the attribute out to follow the population"));
                continue;
            }
            double sum = 0;
            for (var s : shares.entrySet()) {
                if (s.getValue() == null
                        || s.getValue() < 0
                        || s.getValue() > 1
                        || s.getKey().isBlank()) {
                    errors.add(new Problem.FieldError(field + "." + s.getKey(), "a share between 0 and 1"));
                } else {
                    sum += s.getValue();
                }
            }
            if (Math.abs(sum - 1.0) > 0.01) {
                errors.add(new Problem.FieldError(
                        field, "shares add up to " + Math.round(sum * 1000) / 1000.0 + ", not 1"));
            }
        }
        return errors;
    }
}
