package nl.meedoen.panel.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import nl.meedoen.panel.wave.WaveSampler.Candidate;
import nl.meedoen.panel.wave.WaveSampler.Rules;
import nl.meedoen.panel.wave.WaveSampler.Sample;
import nl.meedoen.panel.wave.WaveSampler.Stratum;

/** Properties of the wave sampler over random pools, strata and targets. */
class WaveSamplerPropertiesTest {

    static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    /** Random strata: each with 1–4 values and random target shares. */
    static List<Stratum> strata(Random r, int count) {
        List<Stratum> strata = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            int values = 1 + r.nextInt(4);
            Map<String, Double> shares = new LinkedHashMap<>();
            for (int v = 0; v < values; v++) {
                shares.put("v" + v, r.nextInt(4) == 0 ? 0.0 : r.nextDouble());
            }
            if (shares.values().stream().allMatch(s -> s == 0.0)) {
                shares.put("v0", 1.0);
            }
            strata.add(new Stratum("a" + a, shares));
        }
        return strata;
    }

    static List<String> randomValues(Random r, List<Stratum> strata) {
        List<String> values = new ArrayList<>();
        for (Stratum s : strata) {
            int n = s.targetShares().size();
            int pick = r.nextInt(n + 1); // sometimes a value outside the target, sometimes unknown
            values.add(pick < n ? "v" + pick : (r.nextBoolean() ? "other" : null));
        }
        return values;
    }

    @Property(tries = 300)
    void theFatigueCapAndCooldownAreNeverBreachedAndTheSizeIsExact(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int poolSize,
            @ForAll @IntRange(min = 1, max = 120) int size,
            @ForAll @IntRange(min = 0, max = 3) int strataCount,
            @ForAll @IntRange(min = 1, max = 6) int cap,
            @ForAll @IntRange(min = 0, max = 90) int cooldownDays) {
        Random r = new Random(seed);
        List<Stratum> strata = strata(r, strataCount);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            Instant last = r.nextInt(3) == 0 ? null : NOW.minus(Duration.ofHours(r.nextInt(24 * 200)));
            Instant known = r.nextInt(4) == 0 ? NOW.minus(Duration.ofHours(r.nextInt(24 * 200))) : null;
            pool.add(new Candidate("t" + i, randomValues(r, strata), r.nextBoolean(), r.nextInt(8), last, known));
        }
        Rules rules = new Rules(size, cap, Duration.ofDays(cooldownDays), NOW);
        long eligible = pool.stream()
                .filter(c -> c.wavesInLastYear() < cap
                        && (c.lastInvitedAt() == null
                                || !c.lastInvitedAt().isAfter(NOW.minus(Duration.ofDays(cooldownDays))))
                        && (c.historyKnownSince() == null
                                || !c.historyKnownSince().isAfter(NOW.minus(Duration.ofDays(cooldownDays)))))
                .count();
        Sample s;
        try {
            s = WaveSampler.sample(pool, strata, rules, seed);
        } catch (WaveSampler.NotEnoughEligible e) {
            assertTrue(eligible < size, "refused although " + eligible + " were eligible for " + size);
            assertEquals(eligible, e.eligible);
            return;
        }
        assertEquals(eligible, s.eligible());
        assertEquals(size, s.tenantRefs().size());
        assertEquals(size, new HashSet<>(s.tenantRefs()).size(), "nobody twice");
        Map<String, Candidate> byRef = new HashMap<>();
        pool.forEach(c -> byRef.put(c.tenantRef(), c));
        for (String ref : s.tenantRefs()) {
            Candidate c = byRef.get(ref);
            assertTrue(c.wavesInLastYear() + 1 <= cap, "fatigue cap exceeded by " + ref);
            assertTrue(
                    c.lastInvitedAt() == null || !c.lastInvitedAt().isAfter(NOW.minus(Duration.ofDays(cooldownDays))),
                    "invited recently: " + ref);
            assertTrue(
                    c.historyKnownSince() == null
                            || !c.historyKnownSince().isAfter(NOW.minus(Duration.ofDays(cooldownDays))),
                    "unknown history: " + ref);
        }
    }

    @Property(tries = 300)
    void oneStratumIsWithinRoundingOfTheTargetWhenThePoolAllows(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 0, max = 50) int slack) {
        Random r = new Random(seed);
        Stratum stratum = strata(r, 1).get(0);
        double total = stratum.targetShares().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        List<Candidate> pool = new ArrayList<>();
        for (var e : stratum.targetShares().entrySet()) {
            int enough = (int) Math.ceil(size * e.getValue() / total) + r.nextInt(slack + 1);
            for (int i = 0; i < enough; i++) {
                pool.add(new Candidate(e.getKey() + "-" + i, List.of(e.getKey()), r.nextBoolean(), 0, null, null));
            }
        }
        for (int i = 0; i < slack; i++) { // members outside the target
            pool.add(new Candidate("other-" + i, List.of("other"), r.nextBoolean(), 0, null, null));
        }
        if (pool.size() < size) {
            return;
        }
        Sample s = WaveSampler.sample(pool, List.of(stratum), new Rules(size, 4, Duration.ofDays(30), NOW), seed);
        assertWithinRounding(size, stratum, s.counts().get(0));
    }

    @Property(tries = 200)
    void severalStrataAreEachWithinRoundingWhenEveryCombinationIsAvailable(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int size,
            @ForAll @IntRange(min = 2, max = 3) int strataCount) {
        Random r = new Random(seed);
        List<Stratum> strata = strata(r, strataCount);
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (Stratum s : strata) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String v : s.targetShares().keySet()) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            combinations = next;
        }
        List<Candidate> pool = new ArrayList<>();
        for (List<String> combination : combinations) {
            for (int i = 0; i < size; i++) {
                pool.add(new Candidate(combination + "-" + i, combination, r.nextBoolean(), r.nextInt(2), null, null));
            }
        }
        Sample s = WaveSampler.sample(pool, strata, new Rules(size, 4, Duration.ofDays(30), NOW), seed);
        for (int a = 0; a < strata.size(); a++) {
            assertWithinRounding(size, strata.get(a), s.counts().get(a));
        }
    }

    @Property(tries = 200)
    void nobodyUninterestedIsTakenWhileAnInterestedTwinIsLeft(
            @ForAll long seed,
            @ForAll @IntRange(min = 5, max = 200) int poolSize,
            @ForAll @IntRange(min = 1, max = 2) int strataCount) {
        Random r = new Random(seed);
        List<Stratum> strata = strata(r, strataCount);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            pool.add(new Candidate("t" + i, randomValues(r, strata), r.nextInt(3) == 0, 0, null, null));
        }
        int size = 1 + r.nextInt(poolSize);
        Sample s = WaveSampler.sample(pool, strata, new Rules(size, 4, Duration.ofDays(30), NOW), seed);
        Set<String> chosen = new HashSet<>(s.tenantRefs());
        Set<List<String>> leftOverInterested = new HashSet<>();
        for (Candidate c : pool) {
            if (c.interested() && !chosen.contains(c.tenantRef())) {
                leftOverInterested.add(normalised(c.values()));
            }
        }
        for (Candidate c : pool) {
            if (!c.interested()
                    && chosen.contains(c.tenantRef())
                    && leftOverInterested.contains(normalised(c.values()))) {
                fail(c.tenantRef() + " taken while an interested member with the same profile was left out");
            }
        }
    }

    @Property(tries = 100)
    void theSameSeedGivesTheSameSample(@ForAll long seed, @ForAll @IntRange(min = 1, max = 100) int poolSize) {
        Random r = new Random(seed);
        List<Stratum> strata = strata(r, 2);
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            pool.add(new Candidate("t" + i, randomValues(r, strata), r.nextBoolean(), 0, null, null));
        }
        Rules rules = new Rules(1 + r.nextInt(poolSize), 4, Duration.ofDays(30), NOW);
        assertEquals(
                WaveSampler.sample(pool, strata, rules, seed).tenantRefs(),
                WaveSampler.sample(pool, strata, rules, seed).tenantRefs());
    }

    static List<String> normalised(List<String> values) {
        return values.stream().map(v -> v == null ? WaveSampler.UNKNOWN : v).toList();
    }

    static void assertWithinRounding(int size, Stratum stratum, Map<String, Integer> counts) {
        double total = stratum.targetShares().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        int sum = 0;
        for (var e : counts.entrySet()) {
            double exact = size * stratum.targetShares().getOrDefault(e.getKey(), 0.0) / total;
            int got = e.getValue();
            sum += got;
            assertTrue(
                    got >= Math.floor(exact) && got <= Math.ceil(exact),
                    stratum.attribute() + "=" + e.getKey() + ": " + got + " seats for a target of " + exact + " ("
                            + counts + ")");
        }
        assertEquals(size, sum);
    }
}
