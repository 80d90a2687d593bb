package nl.meedoen.draw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated {@link DrawInput} as int arrays: features get one global index across categories. */
final class Instance {
    final DrawInput input;
    final int n;
    final int k;
    final String[] ids;
    final String[] featureCategory;
    final String[] featureValue;
    final int[] featureMin;
    final int[] featureMax;
    /** personFeature[p][c] = global feature index of person p's value in category c. */
    final int[][] personFeature;
    /** Household group per person (index into distinct household keys), -1 when the person has none. */
    final int[] household;

    final int[] householdSize;
    /** Selectable "units" under the household rule: households plus people without a household key. */
    final int units;

    final boolean householdRule;

    private Instance(DrawInput input) {
        this.input = input;
        List<String> problems = new ArrayList<>();
        n = input.pool().size();
        k = input.panelSize();
        householdRule = input.householdRule();
        if (input.algorithm() == null) {
            problems.add("algorithm is missing");
        }
        if (k < 1) {
            problems.add("panel size must be at least 1, got " + k);
        }
        if (n == 0) {
            problems.add("the pool is empty");
        }

        List<String> fc = new ArrayList<>();
        List<String> fv = new ArrayList<>();
        List<Integer> fmin = new ArrayList<>();
        List<Integer> fmax = new ArrayList<>();
        List<Map<String, Integer>> featureIndex = new ArrayList<>();
        Set<String> categoryNames = new HashSet<>();
        for (Category c : input.categories()) {
            if (c.name() == null || c.name().isBlank()) {
                problems.add("a category has no name");
            } else if (!categoryNames.add(c.name())) {
                problems.add("category '" + c.name() + "' is listed twice");
            }
            Map<String, Integer> index = new HashMap<>();
            for (FeatureQuota f : c.features()) {
                String where = c.name() + "=" + f.value();
                if (f.value() == null || f.value().isBlank()) {
                    problems.add("category '" + c.name() + "' has a feature without a value");
                } else if (index.put(f.value(), fc.size()) != null) {
                    problems.add("feature " + where + " is listed twice");
                }
                if (f.min() < 0 || f.max() < f.min()) {
                    problems.add("quota of " + where + " must satisfy 0 <= min <= max, got min " + f.min() + ", max "
                            + f.max());
                }
                fc.add(c.name());
                fv.add(f.value());
                fmin.add(f.min());
                fmax.add(f.max());
            }
            if (c.features().isEmpty()) {
                problems.add("category '" + c.name() + "' has no features");
            }
            featureIndex.add(index);
        }
        featureCategory = fc.toArray(String[]::new);
        featureValue = fv.toArray(String[]::new);
        featureMin = fmin.stream().mapToInt(Integer::intValue).toArray();
        featureMax = fmax.stream().mapToInt(Integer::intValue).toArray();

        ids = new String[n];
        personFeature = new int[n][input.categories().size()];
        household = new int[n];
        Map<String, Integer> householdIndex = new HashMap<>();
        List<Integer> sizes = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        int withoutHousehold = 0;
        for (int p = 0; p < n; p++) {
            Person person = input.pool().get(p);
            ids[p] = person.id();
            if (person.id() == null || person.id().isBlank()) {
                problems.add("person " + (p + 1) + " has no id");
            } else if (!seenIds.add(person.id())) {
                problems.add("person id '" + person.id() + "' occurs twice");
            }
            for (int c = 0; c < input.categories().size(); c++) {
                String cat = input.categories().get(c).name();
                String value = person.features().get(cat);
                Integer f = value == null ? null : featureIndex.get(c).get(value);
                if (f == null) {
                    if (problems.size() < 20) { // one bad column should not produce thousands of lines
                        problems.add(
                                value == null
                                        ? "person '" + person.id() + "' has no value for category '" + cat + "'"
                                        : "person '" + person.id() + "' has " + cat + "=" + value
                                                + ", which is not a feature in the categories");
                    }
                    f = -1;
                }
                personFeature[p][c] = f;
            }
            String h = person.household();
            if (h == null || h.isBlank()) {
                household[p] = -1;
                withoutHousehold++;
            } else {
                int idx = householdIndex.computeIfAbsent(h, key -> sizes.size());
                if (idx == sizes.size()) {
                    sizes.add(0);
                }
                sizes.set(idx, sizes.get(idx) + 1);
                household[p] = idx;
            }
        }
        householdSize = sizes.stream().mapToInt(Integer::intValue).toArray();
        units = householdRule ? householdSize.length + withoutHousehold : n;
        if (!problems.isEmpty()) {
            throw DrawException.invalid(problems);
        }
        if (k > n) {
            throw new DrawException(
                    DrawException.PANEL_LARGER_THAN_POOL,
                    "panel size " + k + " is larger than the pool of " + n,
                    List.of(),
                    List.of());
        }
        if (k > units) {
            throw new DrawException(
                    DrawException.PANEL_LARGER_THAN_POOL,
                    "panel size " + k + " is larger than the " + units
                            + " households in the pool (at most one per household)",
                    List.of(),
                    List.of());
        }
    }

    static Instance of(DrawInput input) {
        return new Instance(input);
    }

    int features() {
        return featureValue.length;
    }

    String featureName(int f) {
        return featureCategory[f] + "=" + featureValue[f];
    }
}
