package nl.meedoen.consultation.results;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Post-stratification on one attribute: each value's respondents count as much as that value's
 * share of the population. Works on the counters of the breakdown, so weighting needs no rescan:
 * the weighted counter of a key is Σ over values of W(value) · counter(value) / answered(value),
 * scaled to the number who answered; W is the population share, renormalised over the values
 * where someone answered.
 */
public final class PostStratification {

    private PostStratification() {}

    /**
     * @param byValue    attribute value → (key → {n, total}) of one question
     * @param population attribute value → population size
     * @return key → {weighted n, weighted total}
     */
    public static Map<String, double[]> weigh(
            Map<String, Map<String, double[]>> byValue, Map<String, Long> population) {
        double covered = 0;
        double answered = 0;
        for (Map.Entry<String, Map<String, double[]>> e : byValue.entrySet()) {
            double a = answered(e.getValue());
            if (a > 0) {
                covered += population.getOrDefault(e.getKey(), 0L);
                answered += a;
            }
        }
        Map<String, double[]> out = new HashMap<>();
        if (covered <= 0) {
            return out;
        }
        for (Map.Entry<String, Map<String, double[]>> e : byValue.entrySet()) {
            double a = answered(e.getValue());
            if (a <= 0) {
                continue;
            }
            double w = population.getOrDefault(e.getKey(), 0L) / covered;
            for (Map.Entry<String, double[]> k : e.getValue().entrySet()) {
                double[] acc = out.computeIfAbsent(k.getKey(), x -> new double[2]);
                acc[0] += answered * w * k.getValue()[0] / a;
                acc[1] += answered * w * k.getValue()[1] / a;
            }
        }
        return out;
    }

    /** The group the withheld values of an attribute are weighted as. */
    static final String WITHHELD = "(withheld)";

    /**
     * {@link #weigh} with the withheld values ({@link Suppression#suppressed}) as one group. Weighted per value, a
     * withheld cell could be solved back from the weighted and unweighted figures; as one group only their sum
     * counts, and that is no secret (the total minus the others) — as for the representativeness indices.
     */
    public static Map<String, double[]> weighPooled(
            Map<String, Map<String, double[]>> byValue, Map<String, Long> population, Set<String> withheld) {
        Map<String, Map<String, double[]>> pooled = new HashMap<>();
        byValue.forEach((value, keys) -> {
            Map<String, double[]> group =
                    pooled.computeIfAbsent(withheld.contains(value) ? WITHHELD : value, v -> new HashMap<>());
            keys.forEach((key, acc) -> {
                double[] sum = group.computeIfAbsent(key, k -> new double[2]);
                sum[0] += acc[0];
                sum[1] += acc[1];
            });
        });
        Map<String, Long> pooledPopulation = new HashMap<>();
        population.forEach(
                (value, n) -> pooledPopulation.merge(withheld.contains(value) ? WITHHELD : value, n, Long::sum));
        return weigh(pooled, pooledPopulation);
    }

    private static double answered(Map<String, double[]> keys) {
        double[] a = keys.get(Tally.ANSWERED);
        return a == null ? 0 : a[0];
    }
}
