package nl.meedoen.draw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of a {@link DrawRecord}:
 * <pre>
 * { "format": "meedoen-draw-record/1",
 *   "committed": { "engine", "algorithm", "panelSize", "householdRule",
 *                  "categories": [{"name", "features": [{"value", "min", "max"}]}],
 *                  "pool": [{"id", "features": [value per category, in category order], "household"}],
 *                  "distribution": {"tickets": 10^12, "types": [[ids]], "panels": [{"counts": [...], "tickets"}]} or null },
 *   "commitment": hex SHA-256 of the RFC 8785 canonical form of "committed",
 *   "seed": string or null, "result": {"panel", "selected", "waitlist"} or null,
 *   "probabilities": [per pool entry] }
 * </pre>
 */
public final class DrawRecords {
    public static final String FORMAT = "meedoen-draw-record/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private DrawRecords() {}

    public static String toJson(DrawRecord record) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("committed", committed(record.engine(), record.input(), record.distribution()));
        tree.put("commitment", record.commitment());
        tree.put("seed", record.seed());
        if (record.result() == null) {
            tree.put("result", null);
        } else {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("panel", record.result().panel());
            result.put("selected", record.result().selected());
            result.put("waitlist", record.result().waitlist());
            tree.put("result", result);
        }
        tree.put("probabilities", record.probabilities());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hashed part, as plain maps and lists (what {@link CanonicalJson} serialises). */
    static Map<String, Object> committed(String engine, DrawInput input, Distribution distribution) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("engine", engine);
        c.put("algorithm", input.algorithm().id());
        c.put("panelSize", input.panelSize());
        c.put("householdRule", input.householdRule());
        List<Object> categories = new ArrayList<>();
        for (Category category : input.categories()) {
            List<Object> features = new ArrayList<>();
            for (FeatureQuota f : category.features()) {
                Map<String, Object> feature = new LinkedHashMap<>();
                feature.put("value", f.value());
                feature.put("min", f.min());
                feature.put("max", f.max());
                features.add(feature);
            }
            Map<String, Object> cat = new LinkedHashMap<>();
            cat.put("name", category.name());
            cat.put("features", features);
            categories.add(cat);
        }
        c.put("categories", categories);
        List<Object> pool = new ArrayList<>();
        for (Person p : input.pool()) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("id", p.id());
            person.put(
                    "features",
                    input.categories().stream()
                            .map(cat -> p.features().get(cat.name()))
                            .toList());
            person.put("household", p.household());
            pool.add(person);
        }
        c.put("pool", pool);
        if (distribution == null) {
            c.put("distribution", null);
        } else {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("tickets", Distribution.TICKETS);
            d.put("types", distribution.types());
            List<Object> panels = new ArrayList<>();
            for (Distribution.Panel panel : distribution.panels()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("counts", panel.counts());
                m.put("tickets", panel.tickets());
                panels.add(m);
            }
            d.put("panels", panels);
            c.put("distribution", d);
        }
        return c;
    }

    static String commitment(Object committedTree) {
        return CanonicalJson.sha256Hex(CanonicalJson.write(committedTree));
    }

    /** Raw JSON tree (maps, lists, strings, BigIntegers, doubles, booleans, nulls). */
    static Map<String, Object> parseTree(String json) {
        try {
            Object tree = JSON.readValue(json, Object.class);
            if (!(tree instanceof Map<?, ?>)) {
                throw bad("a draw record is a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) tree;
            return map;
        } catch (JsonProcessingException e) {
            throw bad("not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static DrawRecord fromJson(String json) {
        return fromTree(parseTree(json));
    }

    static DrawRecord fromTree(Map<String, Object> tree) {
        if (!FORMAT.equals(tree.get("format"))) {
            throw bad("format must be " + FORMAT + ", got " + tree.get("format"));
        }
        Map<String, Object> c = map(tree.get("committed"), "committed");
        List<Category> categories = new ArrayList<>();
        for (Object o : list(c.get("categories"), "committed.categories")) {
            Map<String, Object> cat = map(o, "category");
            List<FeatureQuota> features = new ArrayList<>();
            for (Object f : list(cat.get("features"), "category.features")) {
                Map<String, Object> fm = map(f, "feature");
                features.add(new FeatureQuota(
                        string(fm.get("value"), "feature.value"),
                        integer(fm.get("min"), "feature.min"),
                        integer(fm.get("max"), "feature.max")));
            }
            categories.add(new Category(string(cat.get("name"), "category.name"), features));
        }
        List<Person> pool = new ArrayList<>();
        for (Object o : list(c.get("pool"), "committed.pool")) {
            Map<String, Object> pm = map(o, "pool entry");
            List<Object> values = list(pm.get("features"), "pool entry features");
            if (values.size() != categories.size()) {
                throw bad("pool entry " + pm.get("id") + " has " + values.size() + " features for " + categories.size()
                        + " categories");
            }
            Map<String, String> features = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                features.put(categories.get(i).name(), string(values.get(i), "feature value"));
            }
            Object household = pm.get("household");
            pool.add(new Person(
                    string(pm.get("id"), "pool entry id"),
                    features,
                    household == null ? null : string(household, "household")));
        }
        Algorithm algorithm = Algorithm.parse(string(c.get("algorithm"), "algorithm"));
        Object hr = c.get("householdRule");
        if (!(hr instanceof Boolean)) {
            throw bad("committed.householdRule must be true or false");
        }
        DrawInput input =
                new DrawInput(pool, categories, integer(c.get("panelSize"), "panelSize"), algorithm, (Boolean) hr);
        Distribution distribution = null;
        if (c.get("distribution") != null) {
            Map<String, Object> d = map(c.get("distribution"), "distribution");
            if (!(d.get("tickets") instanceof Number n) || n.longValue() != Distribution.TICKETS) {
                throw bad("distribution.tickets must be " + Distribution.TICKETS);
            }
            List<List<String>> types = new ArrayList<>();
            for (Object t : list(d.get("types"), "distribution.types")) {
                types.add(list(t, "type").stream()
                        .map(id -> string(id, "type member"))
                        .toList());
            }
            List<Distribution.Panel> panels = new ArrayList<>();
            for (Object p : list(d.get("panels"), "distribution.panels")) {
                Map<String, Object> pm = map(p, "panel");
                List<Integer> counts = list(pm.get("counts"), "panel.counts").stream()
                        .map(x -> integer(x, "count"))
                        .toList();
                if (!(pm.get("tickets") instanceof Number tickets)) {
                    throw bad("panel.tickets must be a number");
                }
                panels.add(new Distribution.Panel(counts, tickets.longValue()));
            }
            distribution = new Distribution(types, panels);
        }
        DrawRecord.Result result = null;
        if (tree.get("result") != null) {
            Map<String, Object> r = map(tree.get("result"), "result");
            result = new DrawRecord.Result(
                    r.get("panel") == null ? null : integer(r.get("panel"), "result.panel"),
                    list(r.get("selected"), "result.selected").stream()
                            .map(x -> string(x, "selected id"))
                            .toList(),
                    list(r.get("waitlist"), "result.waitlist").stream()
                            .map(x -> string(x, "waitlist id"))
                            .toList());
        }
        List<Double> probabilities = tree.get("probabilities") == null
                ? null
                : list(tree.get("probabilities"), "probabilities").stream()
                        .map(x -> {
                            if (!(x instanceof Number n)) {
                                throw bad("probabilities must be numbers");
                            }
                            return n.doubleValue();
                        })
                        .toList();
        Object seed = tree.get("seed");
        return new DrawRecord(
                string(c.get("engine"), "engine"),
                input,
                distribution,
                string(tree.get("commitment"), "commitment"),
                seed == null ? null : string(seed, "seed"),
                result,
                probabilities);
    }

    static DrawException bad(String message) {
        return new DrawException(DrawException.INVALID_RECORD, "invalid draw record: " + message, List.of(), List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw bad(what + " must be an object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw bad(what + " must be an array");
    }

    private static String string(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        throw bad(what + " must be a string");
    }

    private static int integer(Object o, String what) {
        if (o instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw bad(what + " must be an integer");
    }
}
