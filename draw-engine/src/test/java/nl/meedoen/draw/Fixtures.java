package nl.meedoen.draw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: the published example_small_20 (Flanigan et al. replication data) and small builders. */
final class Fixtures {
    private Fixtures() {}

    static String resource(String name) {
        try (var in = Fixtures.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** example_small_20: n = 200, k = 20, gender x leaning; LEXIMIN gives everyone 10%. */
    static DrawInput example(Algorithm algorithm) {
        Map<String, List<FeatureQuota>> quotas = new LinkedHashMap<>();
        String[] lines = resource("example_small_20/categories.csv").strip().split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            quotas.computeIfAbsent(f[0], c -> new ArrayList<>())
                    .add(new FeatureQuota(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        }
        List<Category> categories = new ArrayList<>();
        quotas.forEach((name, features) -> categories.add(new Category(name, features)));
        String[] rows = resource("example_small_20/respondents.csv").strip().split("\\R");
        String[] header = rows[0].split(",");
        List<Person> pool = new ArrayList<>();
        for (int r = 1; r < rows.length; r++) {
            String[] v = rows[r].split(",");
            Map<String, String> features = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                features.put(header[c], v[c]);
            }
            pool.add(new Person("p" + r, features));
        }
        return new DrawInput(pool, categories, 20, algorithm, false);
    }

    static DrawInput withQuotas(DrawInput input, List<Category> categories) {
        return new DrawInput(input.pool(), categories, input.panelSize(), input.algorithm(), input.householdRule());
    }

    /** Feature counts of a set of selected ids, "category=value" -> count. */
    static Map<String, Integer> featureCounts(DrawInput input, List<String> selected) {
        Map<String, Person> byId = new HashMap<>();
        input.pool().forEach(p -> byId.put(p.id(), p));
        Map<String, Integer> counts = new HashMap<>();
        for (String id : selected) {
            byId.get(id).features().forEach((c, v) -> counts.merge(c + "=" + v, 1, Integer::sum));
        }
        return counts;
    }

    /** Whether the selected ids meet every quota, the panel size and (if on) the household rule. */
    static boolean satisfiesQuotas(DrawInput input, List<String> selected) {
        if (selected.size() != input.panelSize() || selected.stream().distinct().count() != selected.size()) {
            return false;
        }
        Map<String, Integer> counts = featureCounts(input, selected);
        for (Category c : input.categories()) {
            for (FeatureQuota f : c.features()) {
                int n = counts.getOrDefault(c.name() + "=" + f.value(), 0);
                if (n < f.min() || n > f.max()) {
                    return false;
                }
            }
        }
        return satisfiesHouseholdRule(input, selected);
    }

    static boolean satisfiesHouseholdRule(DrawInput input, List<String> selected) {
        if (!input.householdRule()) {
            return true;
        }
        Map<String, Person> byId = new HashMap<>();
        input.pool().forEach(p -> byId.put(p.id(), p));
        List<String> households = selected.stream()
                .map(id -> byId.get(id).household())
                .filter(h -> h != null)
                .toList();
        return households.stream().distinct().count() == households.size();
    }
}
