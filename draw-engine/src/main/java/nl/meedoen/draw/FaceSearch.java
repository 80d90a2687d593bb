package nl.meedoen.draw;

/**
 * Cheap search for a valid panel inside given bounds (per type, per feature, per shared household), used by
 * {@link Peeling} before it asks CP-SAT: from a start panel (the previous one, which usually breaks only the bound
 * that just became tight), swap one person of a type for one of another type so that the total violation of the
 * bounds falls the most; a short tabu list gets it off plateaus. Deterministic. Returns null when it gives up, which
 * proves nothing: the caller then asks the exact model.
 */
final class FaceSearch {
    private final Instance in;
    private final TypeTable types;
    private final int categories;

    FaceSearch(Instance in, TypeTable types) {
        this.in = in;
        this.types = types;
        this.categories = in.input.categories().size();
    }

    /**
     * A panel x with lo[t] <= x[t] <= hi[t], featureLo[f] <= sum of x over types with f <= featureHi[f], at least
     * householdLo[h] and at most one of every shared household h and k people, or null. Among equally good moves it
     * prefers to take people of types with high {@code preference}.
     */
    int[] find(
            int[] lo,
            int[] hi,
            int[] featureLo,
            int[] featureHi,
            int[] householdLo,
            int[] start,
            double[] preference,
            int maxMoves) {
        int size = types.size();
        int[] x = new int[size];
        int total = 0;
        for (int t = 0; t < size; t++) {
            x[t] = Math.max(lo[t], Math.min(hi[t], start == null ? lo[t] : start[t]));
            total += x[t];
        }
        int[] count = new int[in.features()];
        int[] use = new int[in.householdSize.length];
        for (int t = 0; t < size; t++) {
            for (int f : types.features[t]) {
                count[f] += x[t];
            }
            if (types.household[t] >= 0) {
                use[types.household[t]] += x[t];
            }
        }
        // the panel size first: add (or remove) whoever helps the bounds most
        while (total != in.k) {
            int sign = total < in.k ? 1 : -1;
            int best = -1;
            long bestDelta = Long.MAX_VALUE;
            double bestPref = 0;
            for (int t = 0; t < size; t++) {
                if (sign > 0 ? x[t] >= hi[t] : x[t] <= lo[t]) {
                    continue;
                }
                long d = 0;
                for (int f : types.features[t]) {
                    d += viol(count[f] + sign, featureLo[f], featureHi[f]) - viol(count[f], featureLo[f], featureHi[f]);
                }
                int h = types.household[t];
                if (h >= 0) {
                    d += viol(use[h] + sign, householdLo[h], 1) - viol(use[h], householdLo[h], 1);
                }
                double pref = sign * preference[t];
                if (d < bestDelta || (d == bestDelta && pref > bestPref)) {
                    best = t;
                    bestDelta = d;
                    bestPref = pref;
                }
            }
            if (best < 0) {
                return null;
            }
            x[best] += sign;
            total += sign;
            for (int f : types.features[best]) {
                count[f] += sign;
            }
            if (types.household[best] >= 0) {
                use[types.household[best]] += sign;
            }
        }
        long violation = 0;
        for (int f = 0; f < count.length; f++) {
            violation += viol(count[f], featureLo[f], featureHi[f]);
        }
        for (int h = 0; h < use.length; h++) {
            violation += viol(use[h], householdLo[h], 1);
        }
        int[] tabuUntil = new int[size];
        int[] removable = new int[size];
        int[] addable = new int[size];
        // change in a feature's violation when one person with it leaves / joins (the pair loop reads these)
        long[] leave = new long[count.length];
        long[] join = new long[count.length];
        for (int move = 0; violation > 0 && move < maxMoves; move++) {
            int nr = 0;
            int na = 0;
            for (int t = 0; t < size; t++) {
                if (x[t] > lo[t]) {
                    removable[nr++] = t;
                }
                if (x[t] < hi[t]) {
                    addable[na++] = t;
                }
            }
            for (int f = 0; f < count.length; f++) {
                long now = viol(count[f], featureLo[f], featureHi[f]);
                leave[f] = viol(count[f] - 1, featureLo[f], featureHi[f]) - now;
                join[f] = viol(count[f] + 1, featureLo[f], featureHi[f]) - now;
            }
            int bestOut = -1;
            int bestIn = -1;
            long bestDelta = Long.MAX_VALUE;
            double bestPref = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < nr; i++) {
                int a = removable[i];
                int[] fa = types.features[a];
                for (int j = 0; j < na; j++) {
                    int b = addable[j];
                    if (a == b) {
                        continue;
                    }
                    int[] fb = types.features[b];
                    long d = 0;
                    for (int c = 0; c < categories; c++) {
                        if (fa[c] != fb[c]) {
                            d += leave[fa[c]] + join[fb[c]];
                        }
                    }
                    int ha = types.household[a];
                    int hb = types.household[b];
                    if (ha != hb) {
                        if (ha >= 0) {
                            d += viol(use[ha] - 1, householdLo[ha], 1) - viol(use[ha], householdLo[ha], 1);
                        }
                        if (hb >= 0) {
                            d += viol(use[hb] + 1, householdLo[hb], 1) - viol(use[hb], householdLo[hb], 1);
                        }
                    }
                    boolean tabu = tabuUntil[a] > move || tabuUntil[b] > move;
                    if (tabu && violation + d > 0) {
                        continue; // aspiration: a tabu move is allowed only when it finishes the job
                    }
                    double pref = preference[b] - preference[a];
                    if (d < bestDelta || (d == bestDelta && pref > bestPref)) {
                        bestOut = a;
                        bestIn = b;
                        bestDelta = d;
                        bestPref = pref;
                    }
                }
            }
            if (bestOut < 0) {
                return null;
            }
            x[bestOut]--;
            x[bestIn]++;
            for (int f : types.features[bestOut]) {
                count[f]--;
            }
            for (int f : types.features[bestIn]) {
                count[f]++;
            }
            if (types.household[bestOut] >= 0) {
                use[types.household[bestOut]]--;
            }
            if (types.household[bestIn] >= 0) {
                use[types.household[bestIn]]++;
            }
            violation += bestDelta;
            tabuUntil[bestOut] = move + 7;
            tabuUntil[bestIn] = move + 7;
        }
        return violation == 0 ? x : null;
    }

    private static long viol(int value, int lo, int hi) {
        return value < lo ? lo - value : value > hi ? value - hi : 0;
    }
}
