package nl.meedoen.draw;

import java.util.List;

/**
 * Each person's selection probability, in pool order ({@code ids.get(i)} has {@code values.get(i)}); they sum to the
 * panel size. {@code distribution} is the LEXIMIN panel distribution (null for the uniform lottery, whose
 * distribution is implicit). {@code pricingCalls} counts the pricing ILPs solved (0 for uniform).
 */
public record Probabilities(
        Algorithm algorithm,
        List<String> ids,
        List<Double> values,
        Distribution distribution,
        int types,
        int pricingCalls) {
    public Probabilities {
        ids = List.copyOf(ids);
        values = List.copyOf(values);
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    public double sum() {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    public double of(String id) {
        int i = ids.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("unknown id " + id);
        }
        return values.get(i);
    }
}
