package nl.meedoen.draw;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Phase (b) of a verifiable draw: everything random is a SHA-256 of the commitment, the seed and a label, so anyone
 * with the record and the seed gets the same panel (see README "Verifiable draws" for the exact procedure).
 */
final class Sampler {
    record Outcome(Integer panel, List<String> selected, List<String> waitlist) {}

    /** SHA-256 state after the prefix; cloned per label, so 50,000 keys cost 50,000 short hashes. */
    private final MessageDigest prefix;

    /** The record's households are their draw keys (a redacted copy), not the names the keys are drawn from. */
    private final boolean householdsAreDrawKeys;

    Sampler(String commitment, String seed) {
        this(commitment, seed, false);
    }

    Sampler(String commitment, String seed, boolean householdsAreDrawKeys) {
        this.householdsAreDrawKeys = householdsAreDrawKeys;
        try {
            prefix = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // the seed is hashed first so that no seed text can be confused with a label
        prefix.update((commitment + ":" + CanonicalJson.sha256Hex(seed) + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** R(label) = SHA-256(UTF-8(commitment ":" hex(SHA-256(seed)) ":" label)), a 256-bit big-endian number. */
    byte[] random(String label) {
        try {
            MessageDigest md = (MessageDigest) prefix.clone();
            return md.digest(label.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 implementation cannot be cloned", e);
        }
    }

    /** R("household:" name): a household's place in a uniform draw under the household rule. */
    byte[] householdDrawKey(String household) {
        return random("household:" + household);
    }

    /** Orders 256-bit keys; the first 64 bits decide unless they tie. */
    static int compare(byte[] a, byte[] b) {
        int c = Long.compareUnsigned(first64(a), first64(b));
        return c != 0 ? c : Arrays.compareUnsigned(a, b);
    }

    private static long first64(byte[] k) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (k[i] & 0xff);
        }
        return v;
    }

    /** LEXIMIN: pick a panel by tickets, then the first members of each type in person-key order. */
    Outcome leximin(Instance in, Distribution distribution) {
        BigInteger r = new BigInteger(1, random("panel")).mod(BigInteger.valueOf(Distribution.TICKETS));
        long target = r.longValueExact();
        long cumulative = 0;
        int chosen = -1;
        for (int i = 0; i < distribution.panels().size() && chosen < 0; i++) {
            cumulative += distribution.panels().get(i).tickets();
            if (cumulative > target) {
                chosen = i;
            }
        }
        List<Integer> counts = distribution.panels().get(chosen).counts();
        byte[][] key = personKeys(in);
        Integer[] order = byKey(in.n, key);
        Map<String, Integer> typeOf = new HashMap<>();
        for (int t = 0; t < distribution.types().size(); t++) {
            for (String id : distribution.types().get(t)) {
                typeOf.put(id, t);
            }
        }
        int[] taken = new int[counts.size()];
        List<String> selected = new ArrayList<>();
        List<String> waitlist = new ArrayList<>();
        for (int p : order) {
            int t = typeOf.get(in.ids[p]);
            if (taken[t] < counts.get(t)) {
                taken[t]++;
                selected.add(in.ids[p]);
            } else {
                waitlist.add(in.ids[p]);
            }
        }
        return new Outcome(chosen, selected, waitlist);
    }

    /**
     * Uniform: units (a household under the household rule, otherwise a person) in unit-key order; the first k
     * units each send their member with the lowest person key. The waitlist is everyone else by (unit key, person key).
     */
    Outcome uniform(Instance in) {
        byte[][] key = personKeys(in);
        byte[][] unitKey = new byte[in.n][];
        Map<Integer, byte[]> householdKey = new HashMap<>();
        for (int p = 0; p < in.n; p++) {
            int h = in.household[p];
            if (in.householdRule && h >= 0) {
                String name = in.input.pool().get(p).household();
                unitKey[p] = householdKey.computeIfAbsent(
                        h, x -> householdsAreDrawKeys ? HexFormat.of().parseHex(name) : householdDrawKey(name));
            } else {
                unitKey[p] = key[p];
            }
        }
        Integer[] order = new Integer[in.n];
        for (int p = 0; p < in.n; p++) {
            order[p] = p;
        }
        Arrays.sort(
                order,
                Comparator.<Integer, byte[]>comparing(p -> unitKey[p], Sampler::compare)
                        .thenComparing(p -> key[p], Sampler::compare)
                        .thenComparing(p -> p));
        List<String> selected = new ArrayList<>();
        List<String> waitlist = new ArrayList<>();
        byte[] previousUnit = null;
        for (int p : order) {
            boolean newUnit = previousUnit == null || !Arrays.equals(previousUnit, unitKey[p]);
            previousUnit = unitKey[p];
            if (newUnit && selected.size() < in.k) {
                selected.add(in.ids[p]);
            } else {
                waitlist.add(in.ids[p]);
            }
        }
        return new Outcome(null, selected, waitlist);
    }

    private byte[][] personKeys(Instance in) {
        byte[][] key = new byte[in.n][];
        for (int p = 0; p < in.n; p++) {
            key[p] = random("person:" + in.ids[p]);
        }
        return key;
    }

    private static Integer[] byKey(int n, byte[][] key) {
        Integer[] order = new Integer[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        Arrays.sort(
                order,
                Comparator.<Integer, byte[]>comparing(p -> key[p], Sampler::compare)
                        .thenComparing(p -> p));
        return order;
    }
}
