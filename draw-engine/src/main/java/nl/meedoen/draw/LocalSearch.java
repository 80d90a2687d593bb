package nl.meedoen.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cheap pricing heuristic: from a valid panel, repeatedly swap one person of type a for one of type b when that
 * keeps every quota and the household rule and raises sum_t w_t x_t the most. Finds most improving columns in
 * about a millisecond, so the exact ILP is only needed to prove that none is left.
 */
final class LocalSearch {
    private final Instance in;
    private final TypeTable types;
    private final int categories;

    LocalSearch(Instance in, TypeTable types) {
        this.in = in;
        this.types = types;
        this.categories = in.input.categories().size();
    }

    /** Hill-climbs from {@code start} (not modified); returns the local optimum. */
    int[] climb(int[] start, double[] w) {
        int size = types.size();
        int[] x = start.clone();
        int[] count = new int[in.features()];
        int[] householdUse = new int[in.householdSize.length];
        for (int t = 0; t < size; t++) {
            for (int f : types.features[t]) {
                count[f] += x[t];
            }
            if (types.household[t] >= 0) {
                householdUse[types.household[t]] += x[t];
            }
        }
        Integer[] byWeight = new Integer[size];
        for (int t = 0; t < size; t++) {
            byWeight[t] = t;
        }
        Arrays.sort(byWeight, (a, b) -> Double.compare(w[b], w[a]));
        List<Integer> support = new ArrayList<>();
        boolean improved = true;
        while (improved) {
            improved = false;
            support.clear();
            for (int t = 0; t < size; t++) {
                if (x[t] > 0) {
                    support.add(t);
                }
            }
            support.sort((a, b) -> Double.compare(w[a], w[b]));
            double bestGain = 1e-12;
            int bestIn = -1;
            int bestOut = -1;
            for (int b : byWeight) {
                if (w[b] - w[support.get(0)] <= bestGain) {
                    break; // sorted: no later b can beat the best gain
                }
                if (x[b] >= types.cap(b)) {
                    continue;
                }
                for (int a : support) {
                    if (w[b] - w[a] <= bestGain) {
                        break;
                    }
                    if (a != b && swapKeepsQuotas(a, b, count, householdUse)) {
                        bestGain = w[b] - w[a];
                        bestIn = b;
                        bestOut = a;
                        break;
                    }
                }
            }
            if (bestIn >= 0) {
                apply(bestOut, -1, x, count, householdUse);
                apply(bestIn, 1, x, count, householdUse);
                improved = true;
            }
        }
        return x;
    }

    private boolean swapKeepsQuotas(int out, int into, int[] count, int[] householdUse) {
        int h = types.household[into];
        if (h >= 0 && householdUse[h] - (types.household[out] == h ? 1 : 0) >= 1) {
            return false;
        }
        int[] fo = types.features[out];
        int[] fi = types.features[into];
        for (int c = 0; c < categories; c++) {
            if (fo[c] != fi[c] && (count[fo[c]] <= in.featureMin[fo[c]] || count[fi[c]] >= in.featureMax[fi[c]])) {
                return false;
            }
        }
        return true;
    }

    private void apply(int t, int delta, int[] x, int[] count, int[] householdUse) {
        x[t] += delta;
        for (int f : types.features[t]) {
            count[f] += delta;
        }
        if (types.household[t] >= 0) {
            householdUse[types.household[t]] += delta;
        }
    }
}
