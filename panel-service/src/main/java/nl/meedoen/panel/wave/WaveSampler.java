package nl.meedoen.panel.wave;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws the sample of a panel wave: stratified random sampling to the panel's target composition.
 * Plain Java over plain data (no framework, no I/O), so it can be unit- and property-tested and
 * benchmarked on its own.
 *
 * <ol>
 *   <li><b>Eligibility.</b> A member is skipped when they already had {@code fatigueCap} waves in the
 *       last 12 months, or were invited within the cooldown; a member whose invitation history is not
 *       known for the whole cooldown window counts as invited.</li>
 *   <li><b>Quotas.</b> Per stratum attribute the wave size is apportioned to the target shares by the
 *       largest-remainder method, so each value's quota is the target rounded down or up. Where the
 *       eligible pool has fewer members of a value than its quota, the shortfall moves to the other
 *       values in proportion to their shares.</li>
 *   <li><b>Order.</b> Raking (iterative proportional fitting) gives each member a weight such that
 *       the weights of every stratum value add up to its quota; members interested in the wave's theme
 *       start with {@value #INTEREST_BOOST} times the weight of the others. Members are then put in a
 *       weighted random order (seeded: the same seed on the same pool gives the same sample).</li>
 *   <li><b>Selection.</b> Most urgent stratum value first (remaining quota per member left to try),
 *       the first member in that order is taken whose every value still has quota left; when no such
 *       member exists the condition is relaxed one attribute at a time, and a last pass fills any
 *       remaining seats in order.</li>
 *   <li><b>Interest.</b> Finally an uninterested member is swapped for an interested member with the
 *       same values left out, which changes no stratum count: representativeness first, then interest.</li>
 * </ol>
 */
public final class WaveSampler {

    private WaveSampler() {}

    /**
     * One member as the sampler sees it.
     *
     * @param values            the member's value per stratum, in the order of the strata (null means unknown)
     * @param interested        interested in the wave's theme
     * @param wavesInLastYear   waves the member was invited to in the last 12 months
     * @param lastInvitedAt     last wave invitation, null if never
     * @param historyKnownSince invitations before this instant are unknown; null if known all along
     */
    public record Candidate(
            String tenantRef,
            List<String> values,
            boolean interested,
            int wavesInLastYear,
            Instant lastInvitedAt,
            Instant historyKnownSince) {}

    /** A stratification attribute and its target share per value (values left out have share 0). */
    public record Stratum(String attribute, Map<String, Double> targetShares) {}

    public record Rules(int size, int fatigueCap, Duration cooldown, Instant now) {}

    /**
     * @param quotas per stratum: value → seats aimed for
     * @param counts per stratum: value → seats taken
     */
    public record Sample(
            List<String> tenantRefs,
            int eligible,
            int interested,
            List<Map<String, Integer>> quotas,
            List<Map<String, Integer>> counts) {}

    /** The wave asks for more members than are eligible. */
    public static final class NotEnoughEligible extends RuntimeException {
        public final int eligible;
        public final int requested;

        public NotEnoughEligible(int eligible, int requested) {
            super(requested + " members requested, " + eligible + " eligible");
            this.eligible = eligible;
            this.requested = requested;
        }
    }

    public static final String UNKNOWN = "unknown";

    /** How much likelier than others, at the start of raking, members interested in the theme are to be asked. */
    static final double INTEREST_BOOST = 8.0;

    public static boolean eligible(Candidate c, Rules rules) {
        if (c.wavesInLastYear() >= rules.fatigueCap()) {
            return false;
        }
        Instant windowStart = rules.now().minus(rules.cooldown());
        if (c.lastInvitedAt() != null && c.lastInvitedAt().isAfter(windowStart)) {
            return false;
        }
        // unknown history inside the window counts as invited
        return c.historyKnownSince() == null || !c.historyKnownSince().isAfter(windowStart);
    }

    public static Sample sample(List<Candidate> candidates, List<Stratum> strata, Rules rules, long seed) {
        if (rules.size() < 1) {
            throw new IllegalArgumentException("size must be at least 1");
        }
        List<Candidate> pool = new ArrayList<>();
        for (Candidate c : candidates) {
            if (eligible(c, rules)) {
                pool.add(c);
            }
        }
        int n = rules.size();
        if (pool.size() < n) {
            throw new NotEnoughEligible(pool.size(), n);
        }
        int k = strata.size();
        int m = pool.size();

        // value codes per stratum: target values first (sorted for determinism), then values only the pool has
        List<Map<String, Integer>> codes = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (Stratum s : strata) {
            Map<String, Integer> map = new LinkedHashMap<>();
            List<String> list = new ArrayList<>(s.targetShares().keySet());
            Collections.sort(list);
            for (String v : list) {
                map.put(v, map.size());
            }
            codes.add(map);
            names.add(new ArrayList<>(list));
        }
        int[][] code = new int[m][k];
        for (int i = 0; i < m; i++) {
            List<String> values = pool.get(i).values();
            for (int a = 0; a < k; a++) {
                String v = values.get(a) == null ? UNKNOWN : values.get(a);
                Integer c = codes.get(a).get(v);
                if (c == null) {
                    c = codes.get(a).size();
                    codes.get(a).put(v, c);
                    names.get(a).add(v);
                }
                code[i][a] = c;
            }
        }

        // quotas per stratum, within the pool's availability
        int[][] quota = new int[k][];
        for (int a = 0; a < k; a++) {
            int size = names.get(a).size();
            double[] shares = new double[size];
            int[] available = new int[size];
            for (int v = 0; v < size; v++) {
                shares[v] = Math.max(
                        0,
                        strata.get(a).targetShares().getOrDefault(names.get(a).get(v), 0.0));
            }
            for (int i = 0; i < m; i++) {
                available[code[i][a]]++;
            }
            quota[a] = quotas(n, shares, available);
        }

        // preference order: weighted random, by raked weights (interested members boosted)
        double[] start = new double[m];
        for (int i = 0; i < m; i++) {
            start[i] = pool.get(i).interested() ? INTEREST_BOOST : 1.0;
        }
        double[] weight = rake(code, quota, start);
        Random random = new Random(seed);
        double[] key = new double[m];
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
            // Efraimidis–Spirakis: sorting by Exp(1) / weight is weighted sampling without replacement
            key[i] = weight[i] == 0 ? Double.MAX_VALUE : -Math.log(1 - random.nextDouble()) / weight[i];
        }
        Arrays.sort(order, (x, y) -> Double.compare(key[x], key[y]));
        int[] preferred = Arrays.stream(order).mapToInt(Integer::intValue).toArray();

        // per stratum value: its members in preference order
        int[][][] lists = new int[k][][];
        for (int a = 0; a < k; a++) {
            int[] sizes = new int[names.get(a).size()];
            for (int i = 0; i < m; i++) {
                sizes[code[i][a]]++;
            }
            lists[a] = new int[sizes.length][];
            for (int v = 0; v < sizes.length; v++) {
                lists[a][v] = new int[sizes[v]];
            }
            int[] fill = new int[sizes.length];
            for (int i : preferred) {
                int v = code[i][a];
                lists[a][v][fill[v]++] = i;
            }
        }

        Selection sel = new Selection(code, quota, m, n);
        for (int threshold = k; threshold >= 0 && sel.count < n; threshold--) {
            sel.fill(lists, threshold);
        }
        for (int i : preferred) { // seats no stratum value asks for any more (or no strata at all)
            if (sel.count >= n) {
                break;
            }
            if (!sel.taken[i]) {
                sel.take(i);
            }
        }

        // an interested member never stays out while an uninterested one with the same values is in:
        // swapping such twins changes no stratum count
        Map<String, ArrayDeque<Integer>> waitingTwins = new HashMap<>();
        for (int i : preferred) {
            if (!sel.taken[i] && pool.get(i).interested()) {
                waitingTwins
                        .computeIfAbsent(Arrays.toString(code[i]), x -> new ArrayDeque<>())
                        .add(i);
            }
        }
        for (int c = 0; c < sel.chosen.size() && !waitingTwins.isEmpty(); c++) {
            int i = sel.chosen.get(c);
            if (!pool.get(i).interested()) {
                ArrayDeque<Integer> twins = waitingTwins.get(Arrays.toString(code[i]));
                if (twins != null && !twins.isEmpty()) {
                    int twin = twins.poll();
                    sel.taken[i] = false;
                    sel.taken[twin] = true;
                    sel.chosen.set(c, twin);
                }
            }
        }

        List<String> refs = new ArrayList<>(n);
        int interested = 0;
        List<Map<String, Integer>> counts = new ArrayList<>();
        List<Map<String, Integer>> quotas = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            counts.add(new LinkedHashMap<>());
            quotas.add(new LinkedHashMap<>());
            for (int v = 0; v < names.get(a).size(); v++) {
                counts.get(a).put(names.get(a).get(v), 0);
                quotas.get(a).put(names.get(a).get(v), quota[a][v]);
            }
        }
        for (int i : sel.chosen) {
            Candidate c = pool.get(i);
            refs.add(c.tenantRef());
            if (c.interested()) {
                interested++;
            }
            for (int a = 0; a < k; a++) {
                counts.get(a).merge(names.get(a).get(code[i][a]), 1, Integer::sum);
            }
        }
        return new Sample(refs, m, interested, quotas, counts);
    }

    /** The greedy selection state. */
    private static final class Selection {
        final int[][] code;
        final int[][] remaining;
        final boolean[] taken;
        final List<Integer> chosen;
        final int n;
        int count;

        Selection(int[][] code, int[][] quota, int m, int n) {
            this.code = code;
            this.remaining = new int[quota.length][];
            for (int a = 0; a < quota.length; a++) {
                remaining[a] = quota[a].clone();
            }
            this.taken = new boolean[m];
            this.chosen = new ArrayList<>(n);
            this.n = n;
        }

        /** How many of the member's values still have quota left. Never rises as seats are taken. */
        int fit(int i) {
            int f = 0;
            for (int a = 0; a < remaining.length; a++) {
                if (remaining[a][code[i][a]] > 0) {
                    f++;
                }
            }
            return f;
        }

        void take(int i) {
            taken[i] = true;
            chosen.add(i);
            count++;
            for (int a = 0; a < remaining.length; a++) {
                if (remaining[a][code[i][a]] > 0) {
                    remaining[a][code[i][a]]--;
                }
            }
        }

        /**
         * Takes members with at least {@code threshold} values that still have quota, most urgent
         * stratum value first. A member that falls below the threshold never rises again, so each
         * list is scanned once per threshold.
         */
        void fill(int[][][] lists, int threshold) {
            int k = lists.length;
            int[][] next = new int[k][];
            boolean[][] stuck = new boolean[k][];
            for (int a = 0; a < k; a++) {
                next[a] = new int[lists[a].length];
                stuck[a] = new boolean[lists[a].length];
            }
            while (count < n) {
                int bestA = -1;
                int bestV = -1;
                double bestUrgency = -1;
                for (int a = 0; a < k; a++) {
                    for (int v = 0; v < lists[a].length; v++) {
                        if (remaining[a][v] > 0 && !stuck[a][v]) {
                            double urgency = remaining[a][v] / (double) Math.max(1, lists[a][v].length - next[a][v]);
                            if (urgency > bestUrgency) {
                                bestUrgency = urgency;
                                bestA = a;
                                bestV = v;
                            }
                        }
                    }
                }
                if (bestA < 0) {
                    return;
                }
                int[] list = lists[bestA][bestV];
                int found = -1;
                while (next[bestA][bestV] < list.length) {
                    int i = list[next[bestA][bestV]++];
                    if (!taken[i] && fit(i) >= threshold) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    stuck[bestA][bestV] = true;
                } else {
                    take(found);
                }
            }
        }
    }

    /**
     * Raking (iterative proportional fitting): a weight per member, at most 1, such that the weights
     * of each stratum value add up to its quota as nearly as the pool allows. A member with a rare
     * combination of needed values gets a high weight, one whose values are over-supplied a low one.
     */
    static double[] rake(int[][] code, int[][] quota, double[] start) {
        int m = code.length;
        double[] w = start.clone();
        for (int iteration = 0; iteration < 30; iteration++) {
            double worst = 0;
            for (int a = 0; a < quota.length; a++) {
                double[] sum = new double[quota[a].length];
                for (int i = 0; i < m; i++) {
                    sum[code[i][a]] += w[i];
                }
                for (int v = 0; v < sum.length; v++) {
                    worst = Math.max(worst, Math.abs(sum[v] - quota[a][v]));
                }
                for (int i = 0; i < m; i++) {
                    int v = code[i][a];
                    w[i] = sum[v] == 0 ? 0 : Math.min(1.0, w[i] * quota[a][v] / sum[v]);
                }
            }
            if (worst < 0.5) {
                break;
            }
        }
        return w;
    }

    /**
     * Apportions {@code n} seats to values by share (largest remainder), then moves seats a value
     * cannot fill ({@code available}) to the values that can, in proportion to their shares (or to
     * their spare members when those have no share). Requires {@code sum(available) >= n}.
     */
    public static int[] quotas(int n, double[] shares, int[] available) {
        int size = shares.length;
        int[] quota = largestRemainder(n, shares);
        while (true) {
            int excess = 0;
            for (int v = 0; v < size; v++) {
                if (quota[v] > available[v]) {
                    excess += quota[v] - available[v];
                    quota[v] = available[v];
                }
            }
            if (excess == 0) {
                return quota;
            }
            double[] weights = new double[size];
            double spareShare = 0;
            for (int v = 0; v < size; v++) {
                if (available[v] > quota[v]) {
                    weights[v] = shares[v];
                    spareShare += shares[v];
                }
            }
            if (spareShare == 0) {
                for (int v = 0; v < size; v++) {
                    weights[v] = Math.max(0, available[v] - quota[v]);
                }
            }
            int[] extra = largestRemainder(excess, weights);
            for (int v = 0; v < size; v++) {
                quota[v] += extra[v];
            }
        }
    }

    /**
     * {@code n} seats in proportion to {@code weights}: each value gets its exact share rounded down or
     * up, the rounded-up ones being those with the largest remainders (ties: lower index). All-zero
     * weights share the seats equally.
     */
    public static int[] largestRemainder(int n, double[] weights) {
        int size = weights.length;
        int[] seats = new int[size];
        if (size == 0) {
            return seats;
        }
        double total = 0;
        for (double w : weights) {
            total += Math.max(0, w);
        }
        double[] exact = new double[size];
        for (int v = 0; v < size; v++) {
            exact[v] = total == 0 ? n / (double) size : n * Math.max(0, weights[v]) / total;
        }
        int given = 0;
        for (int v = 0; v < size; v++) {
            seats[v] = (int) Math.floor(exact[v]);
            given += seats[v];
        }
        Integer[] byRemainder = new Integer[size];
        for (int v = 0; v < size; v++) {
            byRemainder[v] = v;
        }
        Arrays.sort(byRemainder, (x, y) -> {
            int c = Double.compare(exact[y] - seats[y], exact[x] - seats[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        // fewer than size seats are left over, as each value lost less than one seat to rounding down
        for (int i = 0; given < n; i++) {
            seats[byRemainder[i % size]]++;
            given++;
        }
        return seats;
    }
}
