import nl.meedoen.panel.wave.WaveSampler;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The wave sampler on its own: a wave of 1,000 from a 20,000-member panel with 5 stratification
 * attributes, the fatigue cap, the cooldown and the interest preference. Deterministic data (fixed
 * seed); each run samples with a new seed. In the same JVM, interleaved run by run, its raw
 * reference: a plain stratified selection of the same size from the same eligible members.
 *
 * Run from the repository root after building panel-service:
 *   java -Xmx512m -cp panel-service/target/classes benchmarks/panel/SamplerBenchmark.java [members] [size] [runs]
 */
public class SamplerBenchmark {

    static final String[][] VALUES = {
            {"under-18", "18-34", "35-49", "50-64", "65-79", "80+"},                           // ageBand
            {"SINGLE", "COUPLE", "FAMILY_WITH_CHILDREN", "SINGLE_PARENT", "SHARED", "OTHER"}, // householdType
            {"APARTMENT", "SINGLE_FAMILY_HOUSE", "SENIOR_HOUSING", "STUDENT_ROOM", "OTHER"},  // dwellingType
            {"0-1", "2-4", "5-9", "10-19", "20+"},                                             // tenancyBand
            null,                                                                              // neighbourhoodCode: 40 codes
    };
    static final String[] ATTRIBUTES = {"ageBand", "householdType", "dwellingType", "tenancyBand", "neighbourhoodCode"};

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String[] neighbourhoods = new String[40];
        for (int i = 0; i < 40; i++) {
            neighbourhoods[i] = "BU0344%04d".formatted(i);
        }
        VALUES[4] = neighbourhoods;

        SplittableRandom r = new SplittableRandom(20261126L);
        Instant now = Instant.parse("2027-03-01T10:00:00Z");
        List<WaveSampler.Candidate> pool = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            String[] v = new String[5];
            for (int a = 0; a < 5; a++) {
                v[a] = skewed(r, VALUES[a]);
            }
            int waves = r.nextInt(6);                                              // 0..5 waves in the last year (cap 4)
            Instant last = waves == 0 ? null : now.minus(Duration.ofDays(r.nextInt(365)));
            Instant known = r.nextInt(50) == 0 ? now.minus(Duration.ofDays(r.nextInt(60))) : null; // 2% recorded with unknown history
            pool.add(new WaveSampler.Candidate("T-" + i, Arrays.asList(v), r.nextInt(10) < 3, waves, last, known));
        }
        // targets: uniform over the values (deliberately unlike the skewed pool)
        List<WaveSampler.Stratum> strata = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            Map<String, Double> shares = new LinkedHashMap<>();
            for (String value : VALUES[a]) {
                shares.put(value, 1.0 / VALUES[a].length);
            }
            strata.add(new WaveSampler.Stratum(ATTRIBUTES[a], shares));
        }
        WaveSampler.Rules rules = new WaveSampler.Rules(size, 4, Duration.ofDays(30), now);

        for (int i = 0; i < 20; i++) { // warm-up
            WaveSampler.sample(pool, strata, rules, i);
            plainStratified(pool, rules);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        long[] rawNanos = new long[runs];
        long[] rawCpu = new long[runs];
        WaveSampler.Sample last = null;
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            last = WaveSampler.sample(pool, strata, rules, 1000 + i);
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            c0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            if (plainStratified(pool, rules).size() != size) {
                throw new IllegalStateException("raw selection is not " + size);
            }
            rawNanos[i] = System.nanoTime() - t0;
            rawCpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        Arrays.sort(rawNanos);
        Arrays.sort(rawCpu);
        System.out.printf("members=%d size=%d strata=5 eligible=%d interested-in-sample=%d runs=%d%n",
                members, size, last.eligible(), last.interested(), runs);
        System.out.printf("sample wall time: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6, nanos[runs - 1] / 1e6);
        System.out.printf("sample CPU time:  median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                cpu[runs / 2] / 1e6, cpu[(int) Math.ceil(runs * 0.95) - 1] / 1e6, cpu[runs - 1] / 1e6);
        for (int a = 0; a < 5; a++) {
            int off = 0;
            for (var e : last.quotas().get(a).entrySet()) {
                off = Math.max(off, Math.abs(e.getValue() - last.counts().get(a).get(e.getKey())));
            }
            System.out.printf("  %-18s max |sampled - quota| = %d%n", ATTRIBUTES[a], off);
        }
        System.out.printf("raw stratified selection (same eligible members, proportional allocation over the 5-attribute cells, SecureRandom): "
                + "wall median %.2f ms, CPU median %.2f ms%n", rawNanos[runs / 2] / 1e6, rawCpu[runs / 2] / 1e6);
        System.out.printf("ratio sampler/raw (medians): wall %.1fx, CPU %.1fx%n",
                (double) nanos[runs / 2] / rawNanos[runs / 2], (double) cpu[runs / 2] / rawCpu[runs / 2]);
    }

    /**
     * The raw reference: the same eligibility rules (fatigue cap, cooldown, unknown history counts as
     * invited), the eligible members grouped by their combination of the 5 values, the wave's seats
     * allocated to the groups in proportion to their size (largest remainder, ties in random order),
     * and each group's seats filled by a SecureRandom partial shuffle. No targets, raking or interest.
     */
    static List<String> plainStratified(List<WaveSampler.Candidate> candidates, WaveSampler.Rules rules) {
        SecureRandom random = new SecureRandom();
        Instant windowStart = rules.now().minus(rules.cooldown());
        Map<List<String>, List<String>> cells = new HashMap<>();
        int eligible = 0;
        for (WaveSampler.Candidate c : candidates) {
            boolean tired = c.wavesInLastYear() >= rules.fatigueCap();
            boolean recent = c.lastInvitedAt() != null && c.lastInvitedAt().isAfter(windowStart);
            boolean unknown = c.historyKnownSince() != null && c.historyKnownSince().isAfter(windowStart);
            if (!tired && !recent && !unknown) {
                cells.computeIfAbsent(c.values(), v -> new ArrayList<>()).add(c.tenantRef());
                eligible++;
            }
        }
        List<List<String>> groups = new ArrayList<>(cells.values());
        java.util.Collections.shuffle(groups, random);
        int[] seats = new int[groups.size()];
        double[] remainder = new double[groups.size()];
        int given = 0;
        for (int g = 0; g < seats.length; g++) {
            double exact = (double) rules.size() * groups.get(g).size() / eligible;
            seats[g] = (int) exact;
            remainder[g] = exact - seats[g];
            given += seats[g];
        }
        Integer[] byRemainder = new Integer[seats.length];
        for (int g = 0; g < seats.length; g++) {
            byRemainder[g] = g;
        }
        Arrays.sort(byRemainder, (x, y) -> Double.compare(remainder[y], remainder[x])); // stable: ties keep the shuffled order
        for (int i = 0; given < rules.size(); i++, given++) {
            seats[byRemainder[i]]++;
        }
        List<String> selected = new ArrayList<>(rules.size());
        for (int g = 0; g < seats.length; g++) {
            List<String> members = groups.get(g);
            for (int i = 0; i < seats[g]; i++) {
                java.util.Collections.swap(members, i, i + random.nextInt(members.size() - i));
                selected.add(members.get(i));
            }
        }
        return selected;
    }

    /** Skewed: the first values are more common (weights 1, 1/2, 1/3, ...). */
    static String skewed(SplittableRandom r, String[] values) {
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            total += 1.0 / (i + 1);
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < values.length; i++) {
            x -= 1.0 / (i + 1);
            if (x <= 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
