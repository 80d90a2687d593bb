package nl.meedoen.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People grouped into interchangeable "types": same value in every category and, under the household rule, not
 * sharing a household with anyone else in the pool (people of one shared household with the same values form their
 * own type). Swapping two people of a type maps panels to panels, so the LEXIMIN optimum gives them the same
 * probability and the solver only needs how many of each type a panel takes. Types are numbered by first
 * appearance in the pool; members are in pool order.
 */
final class TypeTable {
    final int[][] members;
    final int[] typeOf;
    /** Global feature indices of each type (one per category). */
    final int[][] features;
    /** The shared household of a type, or -1. At most one person of a shared household may be selected. */
    final int[] household;

    private TypeTable(int[][] members, int[] typeOf, int[][] features, int[] household) {
        this.members = members;
        this.typeOf = typeOf;
        this.features = features;
        this.household = household;
    }

    static TypeTable of(Instance in) {
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int p = 0; p < in.n; p++) {
            List<Integer> key = new ArrayList<>();
            for (int f : in.personFeature[p]) {
                key.add(f);
            }
            int h = in.household[p];
            key.add(in.householdRule && h >= 0 && in.householdSize[h] > 1 ? h : -1);
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(p);
        }
        int t = 0;
        int[][] members = new int[groups.size()][];
        int[][] features = new int[groups.size()][];
        int[] household = new int[groups.size()];
        int[] typeOf = new int[in.n];
        for (Map.Entry<List<Integer>, List<Integer>> e : groups.entrySet()) {
            List<Integer> key = e.getKey();
            members[t] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            features[t] = key.subList(0, key.size() - 1).stream()
                    .mapToInt(Integer::intValue)
                    .toArray();
            household[t] = key.get(key.size() - 1);
            for (int p : members[t]) {
                typeOf[p] = t;
            }
            t++;
        }
        return new TypeTable(members, typeOf, features, household);
    }

    /** The types with keep[t], renumbered in order (members, features and households unchanged). */
    TypeTable restrict(boolean[] keep) {
        List<Integer> kept = new ArrayList<>();
        for (int t = 0; t < size(); t++) {
            if (keep[t]) {
                kept.add(t);
            }
        }
        int[][] m = new int[kept.size()][];
        int[][] f = new int[kept.size()][];
        int[] h = new int[kept.size()];
        int[] of = new int[typeOf.length];
        Arrays.fill(of, -1);
        for (int i = 0; i < m.length; i++) {
            int t = kept.get(i);
            m[i] = members[t];
            f[i] = features[t];
            h[i] = household[t];
            for (int p : m[i]) {
                of[p] = i;
            }
        }
        return new TypeTable(m, of, f, h);
    }

    int size() {
        return members.length;
    }

    int count(int t) {
        return members[t].length;
    }

    /** Most people of type t one panel can hold. */
    int cap(int t) {
        return household[t] >= 0 ? 1 : members[t].length;
    }

    /** Whether type counts form a valid panel: size k, every quota, household rule, no type over its size. */
    boolean isValidPanel(Instance in, int[] counts) {
        if (counts.length != size()) {
            return false;
        }
        int total = 0;
        int[] perFeature = new int[in.features()];
        Map<Integer, Integer> perHousehold = new LinkedHashMap<>();
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] < 0 || counts[t] > cap(t)) {
                return false;
            }
            total += counts[t];
            for (int f : features[t]) {
                perFeature[f] += counts[t];
            }
            if (household[t] >= 0 && perHousehold.merge(household[t], counts[t], Integer::sum) > 1) {
                return false;
            }
        }
        if (total != in.k) {
            return false;
        }
        for (int f = 0; f < perFeature.length; f++) {
            if (perFeature[f] < in.featureMin[f] || perFeature[f] > in.featureMax[f]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return Arrays.deepToString(members);
    }
}
