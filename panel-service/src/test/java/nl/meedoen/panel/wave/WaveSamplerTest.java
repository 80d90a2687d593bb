package nl.meedoen.panel.wave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import nl.meedoen.panel.wave.WaveSampler.Candidate;
import nl.meedoen.panel.wave.WaveSampler.Rules;
import nl.meedoen.panel.wave.WaveSampler.Sample;
import nl.meedoen.panel.wave.WaveSampler.Stratum;
import org.junit.jupiter.api.Test;

class WaveSamplerTest {

    static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    static final Rules TEN = new Rules(10, 4, Duration.ofDays(30), NOW);

    static Candidate member(String ref, String... values) {
        return new Candidate(ref, List.of(values), false, 0, null, null);
    }

    static List<Candidate> pool(int count, String prefix, String... values) {
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Candidate(prefix + i, java.util.Arrays.asList(values), false, 0, null, null));
        }
        return list;
    }

    @Test
    void quotasFollowTheTargetNotThePool() {
        List<Candidate> pool = new ArrayList<>(pool(80, "y", "young"));
        pool.addAll(pool(20, "o", "old"));
        Sample s = WaveSampler.sample(pool, List.of(new Stratum("ageBand", Map.of("young", 0.5, "old", 0.5))), TEN, 1);
        assertEquals(10, s.tenantRefs().size());
        assertEquals(Map.of("old", 5, "young", 5), s.counts().get(0));
        assertEquals(100, s.eligible());
    }

    @Test
    void aValueThePoolCannotFillPassesItsSeatsToTheOthers() {
        List<Candidate> pool = new ArrayList<>(pool(80, "y", "young"));
        pool.addAll(pool(3, "o", "old"));
        Sample s = WaveSampler.sample(pool, List.of(new Stratum("ageBand", Map.of("young", 0.5, "old", 0.5))), TEN, 1);
        assertEquals(Map.of("old", 3, "young", 7), s.counts().get(0));
        assertEquals(Map.of("old", 3, "young", 7), s.quotas().get(0));
    }

    @Test
    void valuesMissingFromTheTargetGetNoSeatsWhileOthersCanFillThem() {
        List<Candidate> pool = new ArrayList<>(pool(30, "a", "A"));
        pool.addAll(pool(30, "b", "B"));
        pool.addAll(pool(30, "u", (String) null));
        Sample s = WaveSampler.sample(pool, List.of(new Stratum("x", Map.of("A", 0.7, "B", 0.3))), TEN, 7);
        assertEquals(Map.of("A", 7, "B", 3, "unknown", 0), s.counts().get(0));
    }

    @Test
    void twoStrataAreMetTogetherWhenEveryCombinationIsAvailable() {
        List<Candidate> pool = new ArrayList<>();
        for (String age : List.of("young", "mid", "old")) {
            for (String household : List.of("single", "family")) {
                pool.addAll(pool(40, age + household, age, household));
            }
        }
        Rules rules = new Rules(37, 4, Duration.ofDays(30), NOW);
        Sample s = WaveSampler.sample(
                pool,
                List.of(
                        new Stratum("ageBand", Map.of("young", 0.2, "mid", 0.5, "old", 0.3)),
                        new Stratum("householdType", Map.of("single", 0.6, "family", 0.4))),
                rules,
                3);
        // 37 × (0.2, 0.5, 0.3) = 7.4, 18.5, 11.1 → 7, 19, 11 (largest remainder); 37 × (0.6, 0.4) = 22.2, 14.8 → 22, 15
        assertEquals(Map.of("young", 7, "mid", 19, "old", 11), s.counts().get(0));
        assertEquals(Map.of("single", 22, "family", 15), s.counts().get(1));
    }

    @Test
    void fatigueCapCooldownAndUnknownHistoryExcludeMembers() {
        List<Candidate> pool = List.of(
                new Candidate("capped", List.of(), false, 4, null, null),
                new Candidate("recent", List.of(), false, 1, NOW.minus(Duration.ofDays(10)), null),
                new Candidate("unknown-history", List.of(), false, 0, null, NOW.minus(Duration.ofDays(5))),
                new Candidate(
                        "long-ago",
                        List.of(),
                        false,
                        3,
                        NOW.minus(Duration.ofDays(31)),
                        NOW.minus(Duration.ofDays(400))),
                new Candidate("fresh", List.of(), false, 0, null, null));
        Sample s = WaveSampler.sample(pool, List.of(), new Rules(2, 4, Duration.ofDays(30), NOW), 1);
        assertEquals(new HashSet<>(List.of("long-ago", "fresh")), new HashSet<>(s.tenantRefs()));
        assertEquals(2, s.eligible());
        WaveSampler.NotEnoughEligible e = assertThrows(
                WaveSampler.NotEnoughEligible.class,
                () -> WaveSampler.sample(pool, List.of(), new Rules(3, 4, Duration.ofDays(30), NOW), 1));
        assertEquals(2, e.eligible);
        assertEquals(3, e.requested);
    }

    @Test
    void membersInterestedInTheThemeArePreferred() {
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pool.add(new Candidate("plain" + i, List.of("A"), false, 0, null, null));
        }
        for (int i = 0; i < 6; i++) {
            pool.add(new Candidate("keen" + i, List.of("A"), true, 0, null, null));
        }
        Sample s = WaveSampler.sample(pool, List.of(new Stratum("x", Map.of("A", 1.0))), TEN, 99);
        assertEquals(6, s.interested());
        assertTrue(s.tenantRefs().containsAll(List.of("keen0", "keen1", "keen2", "keen3", "keen4", "keen5")));
    }

    @Test
    void fiveStrataOverASkewedPoolStayCloseToEveryQuotaWhileFavouringInterestedMembers() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        int[] sizes = {6, 6, 5, 5, 40};
        List<Candidate> pool = new ArrayList<>();
        int interestedInPool = 0;
        for (int i = 0; i < 8000; i++) {
            List<String> values = new ArrayList<>();
            for (int a = 0; a < 5; a++) {
                values.add("v"
                        + Math.min(sizes[a] - 1, (int)
                                Math.floor(-Math.log(1 - r.nextDouble()) * sizes[a] / 3))); // skewed
            }
            boolean interested = r.nextInt(10) < 3;
            interestedInPool += interested ? 1 : 0;
            pool.add(new Candidate("t" + i, values, interested, 0, null, null));
        }
        List<Stratum> strata = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            Map<String, Double> uniform = new java.util.LinkedHashMap<>();
            for (int v = 0; v < sizes[a]; v++) {
                uniform.put("v" + v, 1.0 / sizes[a]);
            }
            strata.add(new Stratum("a" + a, uniform));
        }
        Sample s = WaveSampler.sample(pool, strata, new Rules(500, 4, Duration.ofDays(30), NOW), 11);
        for (int a = 0; a < 5; a++) {
            for (var q : s.quotas().get(a).entrySet()) {
                int off = Math.abs(s.counts().get(a).get(q.getKey()) - q.getValue());
                assertTrue(
                        off <= 5, "a" + a + "=" + q.getKey() + " is " + off + " seats off its quota " + q.getValue());
            }
        }
        double shareInPool = interestedInPool / 8000.0;
        assertTrue(
                s.interested() / 500.0 > 1.5 * shareInPool,
                s.interested() + " interested of 500, pool share " + shareInPool);
    }

    @Test
    void theSameSeedGivesTheSameSampleAndAnotherSeedAnotherOne() {
        List<Candidate> pool = pool(500, "m", "A");
        List<Stratum> strata = List.of(new Stratum("x", Map.of("A", 1.0)));
        assertEquals(
                WaveSampler.sample(pool, strata, TEN, 42).tenantRefs(),
                WaveSampler.sample(pool, strata, TEN, 42).tenantRefs());
        assertFalse(WaveSampler.sample(pool, strata, TEN, 42)
                .tenantRefs()
                .equals(WaveSampler.sample(pool, strata, TEN, 43).tenantRefs()));
    }

    @Test
    void largestRemainderRoundsEachShareDownOrUp() {
        assertArrayEquals(new int[] {7, 19, 11}, WaveSampler.largestRemainder(37, new double[] {0.2, 0.5, 0.3}));
        assertArrayEquals(new int[] {4, 3, 3}, WaveSampler.largestRemainder(10, new double[] {1, 1, 1}));
        assertArrayEquals(new int[] {2, 2}, WaveSampler.largestRemainder(4, new double[] {0, 0}));
        assertArrayEquals(new int[] {5, 0}, WaveSampler.largestRemainder(5, new double[] {0.3, 0}));
        assertArrayEquals(
                new int[] {3, 7, 0}, WaveSampler.quotas(10, new double[] {0.5, 0.5, 0}, new int[] {3, 50, 50}));
        assertArrayEquals(
                new int[] {3, 2, 5}, WaveSampler.quotas(10, new double[] {0.5, 0.5, 0}, new int[] {3, 2, 50}));
    }
}
