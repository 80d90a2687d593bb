package nl.meedoen.consultation.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who answered compared with who could have: per attribute value the population share, the
 * respondent share and the response rate; per attribute the dissimilarity index and the
 * R-indicator; and one summary index. Plain arithmetic over counts.
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
        double dissimilarity = 0;
        double overallRate = Stats.share(resp, inv);
        double variance = 0;
        for (String v : values) {
            long p = population.getOrDefault(v, 0L);
            long i = invited.getOrDefault(v, 0L);
            long r = respondents.getOrDefault(v, 0L);
            double pShare = Stats.share(p, pop);
            double rShare = Stats.share(r, resp);
            double rate = Stats.share(r, i);
            dissimilarity += Math.abs(pShare - rShare) / 2;
            variance += Stats.share(i, inv) * Math.pow(rate - overallRate, 2);
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
