package nl.meedoen.consultation.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who answered compared with who could have: per attribute value the population share, the
 * respondent share and the response rate; per attribute the dissimilarity index and the
 * R-indicator; and one summary index. Plain arithmetic over counts. Withheld values count as one group in the
 * indices, so the indices reveal nothing a withheld cell hides.
 */
public final class Representativeness {

    private Representativeness() {}

    /**
     * @param population  attribute value → population size (invited, or the whole read model)
     * @param invited     attribute value → invited
     * @param respondents attribute value → respondents
     */
    public static ResultViews.AttributeRepresentativeness of(
            String attribute,
            Map<String, Long> population,
            Map<String, Long> invited,
            Map<String, Long> respondents,
            int k) {
        Set<String> values = new TreeSet<>(population.keySet());
        values.addAll(respondents.keySet());
        values.addAll(invited.keySet());
        long pop = population.values().stream().mapToLong(Long::longValue).sum();
        long inv = invited.values().stream().mapToLong(Long::longValue).sum();
        long resp = respondents.values().stream().mapToLong(Long::longValue).sum();
        Set<String> hidden = Suppression.suppressed(respondents, k);
        List<ResultViews.RepresentativenessRow> rows = new ArrayList<>();
        double overallRate = Stats.share(resp, inv);
        // The indices see the withheld values as one group: computed per value, they would let anyone solve the
        // withheld split back from the published figures. Their sum is no secret (the total minus the others).
        double dissimilarity = 0;
        double variance = 0;
        long hiddenP = 0;
        long hiddenI = 0;
        long hiddenR = 0;
        for (String v : values) {
            long p = population.getOrDefault(v, 0L);
            long i = invited.getOrDefault(v, 0L);
            long r = respondents.getOrDefault(v, 0L);
            if (hidden.contains(v)) {
                hiddenP += p;
                hiddenI += i;
                hiddenR += r;
            } else {
                dissimilarity += Math.abs(Stats.share(p, pop) - Stats.share(r, resp)) / 2;
                variance += Stats.share(i, inv) * Math.pow(Stats.share(r, i) - overallRate, 2);
            }
        }
        if (!hidden.isEmpty()) {
            dissimilarity += Math.abs(Stats.share(hiddenP, pop) - Stats.share(hiddenR, resp)) / 2;
            variance += Stats.share(hiddenI, inv) * Math.pow(Stats.share(hiddenR, hiddenI) - overallRate, 2);
        }
        for (String v : values) {
            long p = population.getOrDefault(v, 0L);
            long i = invited.getOrDefault(v, 0L);
            long r = respondents.getOrDefault(v, 0L);
            double pShare = Stats.share(p, pop);
            double rShare = Stats.share(r, resp);
            double rate = Stats.share(r, i);
            boolean suppressed = hidden.contains(v);
            rows.add(new ResultViews.RepresentativenessRow(
                    v,
                    p,
                    Stats.round(pShare),
                    i,
                    suppressed ? null : r,
                    suppressed ? null : Stats.round(rShare),
                    suppressed || i == 0 ? null : Stats.round(rate),
                    suppressed));
        }
        double r = 1 - 2 * Math.sqrt(variance);
        return new ResultViews.AttributeRepresentativeness(
                attribute, Stats.round(resp == 0 ? 0 : dissimilarity), Stats.round(r), rows);
    }

    /** 1 − the mean dissimilarity: 1 when respondents mirror the population on every attribute. */
    public static double summary(List<ResultViews.AttributeRepresentativeness> attributes) {
        return Stats.round(1
                - attributes.stream()
                        .mapToDouble(ResultViews.AttributeRepresentativeness::dissimilarity)
                        .average()
                        .orElse(0));
    }
}
