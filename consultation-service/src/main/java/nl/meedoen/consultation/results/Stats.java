package nl.meedoen.consultation.results;

import java.util.Map;
import java.util.NavigableMap;

/** Small statistics over counted values (histograms), so nothing needs the individual responses. */
public final class Stats {

    private Stats() {}

    /** The median of a histogram value → count; the mean of the two middle values when the count is even. */
    public static Double median(NavigableMap<Double, Double> histogram) {
        double total =
                histogram.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return null;
        }
        double half = total / 2;
        double cumulative = 0;
        for (Map.Entry<Double, Double> e : histogram.entrySet()) {
            cumulative += e.getValue();
            if (cumulative > half + 1e-9) {
                return e.getKey();
            }
            if (Math.abs(cumulative - half) <= 1e-9) {
                Double next = histogram.higherKey(e.getKey());
                return next == null ? e.getKey() : (e.getKey() + next) / 2;
            }
        }
        return histogram.lastKey();
    }

    public static double share(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    /** Rounds to 4 decimals: results are read by people, and it keeps the JSON small. */
    public static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
