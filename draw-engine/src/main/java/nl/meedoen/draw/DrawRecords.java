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
 *   "seedCeremony": {"scheme", "revealDeadline", "parties": [{"party", "commitment", "source", "reveal",
 *                     "committedAt", "revealedAt"}], "missing": [party]} (only when the seed came from a ceremony),
 *   "seed": string or null, "result": {"panel", "selected", "waitlist"} or null,
 *   "probabilities": [per pool entry],
 *   "householdsRedacted": true (only in a published copy whose household keys were hashed after the commitment) }
 * </pre>
 * A published copy may hide household keys committed in the clear ({@link #withHouseholdsRedacted}): each is replaced
 * by its draw key, so who shares a household stays visible and everything but the commitment's hash over the inputs
 * still verifies; that one hash needs the unredacted record.
 * A seed ceremony ({@link SeedCeremony}): every party commits to a secret (SHA-256 hex of its UTF-8) before the draw
 * commitment exists and reveals it afterwards; the seed is {@link SeedCeremony#seed(String)}.
 */
public final class DrawRecords {
    public static final String FORMAT = "meedoen-draw-record/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private DrawRecords() {}

    public static String toJson(DrawRecord record) {
        return toJson(record, null);
    }

    /** The record with the seed ceremony its seed came from ({@code null}: none, the record is as before). */
    public static String toJson(DrawRecord record, SeedCeremony ceremony) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("committed", committed(record.engine(), record.input(), record.distribution()));
        tree.put("commitment", record.commitment());
        if (ceremony != null) {
            tree.put("seedCeremony", ceremony.tree());
        }
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

    static final String HOUSEHOLDS_REDACTED = "householdsRedacted";
    static final String COMMITMENT_NOT_RECOMPUTED =
            "commitment not recomputed: household keys were hashed in this published copy after the commitment";

    /**
     * A drawn record's published copy without its household keys: each is replaced by its draw key R("household:"
     * key) (hex), which depends on this draw's commitment and seed, so it links no household across draws or to its
     * address, keeps who shares a household, and is what a uniform draw under the household rule orders households by.
     * Marked {@code "householdsRedacted": true}; verifying it checks everything but the commitment's hash over the
     * inputs (which covered the keys) and says so.
     */
    public static String withHouseholdsRedacted(String json) {
        Map<String, Object> tree = parseTree(json);
        DrawRecord record = fromTree(tree);
        if (record.seed() == null) {
            throw new IllegalArgumentException("only a drawn record is published, and its households need its seed");
        }
        Sampler sampler = new Sampler(record.commitment(), record.seed());
        for (Object o : list(map(tree.get("committed"), "committed").get("pool"), "committed.pool")) {
            Map<String, Object> person = map(o, "pool entry");
            if (person.get("household") instanceof String key) {
                person.put("household", java.util.HexFormat.of().formatHex(sampler.householdDrawKey(key)));
            }
        }
        tree.put(HOUSEHOLDS_REDACTED, true);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean householdsRedacted(Map<String, Object> tree) {
        return Boolean.TRUE.equals(tree.get(HOUSEHOLDS_REDACTED));
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

    /** The record's seed ceremony, or null when it has none (a record from before ceremonies, or a typed seed). */
    public static SeedCeremony seedCeremony(String json) {
        return seedCeremony(parseTree(json));
    }

    static SeedCeremony seedCeremony(Map<String, Object> tree) {
        if (tree.get("seedCeremony") == null) {
            return null;
        }
        Map<String, Object> c = map(tree.get("seedCeremony"), "seedCeremony");
        if (!SeedCeremony.SCHEME.equals(c.get("scheme"))) {
            throw bad("seedCeremony.scheme must be " + SeedCeremony.SCHEME + ", got " + c.get("scheme"));
        }
        List<SeedParty> parties = new ArrayList<>();
        for (Object o : list(c.get("parties"), "seedCeremony.parties")) {
            Map<String, Object> p = map(o, "seedCeremony party");
            parties.add(new SeedParty(
                    string(p.get("party"), "seedCeremony party.party"),
                    optionalString(p.get("commitment"), "seedCeremony party.commitment"),
                    optionalString(p.get("source"), "seedCeremony party.source"),
                    optionalString(p.get("reveal"), "seedCeremony party.reveal"),
                    optionalString(p.get("committedAt"), "seedCeremony party.committedAt"),
                    optionalString(p.get("revealedAt"), "seedCeremony party.revealedAt")));
        }
        List<String> missing = c.get("missing") == null
                ? null
                : list(c.get("missing"), "seedCeremony.missing").stream()
                        .map(x -> string(x, "seedCeremony.missing entry"))
                        .toList();
        return new SeedCeremony(
                optionalString(c.get("revealDeadline"), "seedCeremony.revealDeadline"), parties, missing);
    }

    /** The commitment to a secret: lowercase hex of SHA-256 over its UTF-8 bytes. */
    public static String commitmentTo(String secret) {
        return CanonicalJson.sha256Hex(secret);
    }

    /**
     * One party of a seed ceremony: its name ({@code corporation}, {@code tenant-organisation}, {@code witness:<name>},
     * or {@code public-number}), its commitment (null only for the public number, which is public when revealed and
     * named by {@code source} in advance), its reveal (null: it did not reveal by the deadline) and when (ISO-8601,
     * informational).
     */
    public record SeedParty(
            String party, String commitment, String source, String reveal, String committedAt, String revealedAt) {}

    /**
     * A seed no single party controls. {@code missing} is what the record says did not reveal (derived from the parties
     * when built here). The seed is lowercase hex of SHA-256 over the UTF-8 bytes of the RFC 8785 canonical form of
     * <pre>{"commitment": draw commitment, "reveals": [{"party": name, "reveal": reveal or null}, ...]}</pre>
     * with one entry per party, ordered by party name (Unicode code points).
     */
    public record SeedCeremony(String revealDeadline, List<SeedParty> parties, List<String> missing) {
        public static final String SCHEME = "meedoen-seed-ceremony/1";

        public SeedCeremony {
            parties = List.copyOf(parties);
            missing = missing == null
                    ? parties.stream()
                            .filter(p -> p.reveal() == null)
                            .map(SeedParty::party)
                            .toList()
                    : List.copyOf(missing);
        }

        public SeedCeremony(String revealDeadline, List<SeedParty> parties) {
            this(revealDeadline, parties, null);
        }

        /** The seed that follows from the draw commitment and the reveals. */
        public String seed(String drawCommitment) {
            List<Object> reveals = new ArrayList<>();
            parties.stream()
                    .sorted((a, b) -> byCodePoints(a.party(), b.party()))
                    .forEach(p -> {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("party", p.party());
                        r.put("reveal", p.reveal());
                        reveals.add(r);
                    });
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("commitment", drawCommitment);
            input.put("reveals", reveals);
            return CanonicalJson.sha256Hex(CanonicalJson.write(input));
        }

        Map<String, Object> tree() {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("scheme", SCHEME);
            t.put("revealDeadline", revealDeadline);
            List<Object> ps = new ArrayList<>();
            for (SeedParty p : parties) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("party", p.party());
                m.put("commitment", p.commitment());
                m.put("source", p.source());
                m.put("reveal", p.reveal());
                m.put("committedAt", p.committedAt());
                m.put("revealedAt", p.revealedAt());
                ps.add(m);
            }
            t.put("parties", ps);
            t.put("missing", missing);
            return t;
        }

        /**
         * What is wrong with the ceremony for a record with this commitment and seed (empty: nothing): each reveal must
         * hash to its commitment, only the public number goes without one, party names are unique, {@code missing}
         * names exactly the parties without a reveal, at least one party revealed, and the seed follows.
         */
        public List<String> problems(String drawCommitment, String recordSeed) {
            List<String> problems = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            int revealed = 0;
            for (SeedParty p : parties) {
                if (!names.add(p.party())) {
                    problems.add("seedCeremony: party " + p.party() + " appears twice");
                }
                if (p.commitment() == null && !"public-number".equals(p.party())) {
                    problems.add("seedCeremony: " + p.party() + " has no commitment");
                }
                if (p.reveal() != null) {
                    revealed++;
                    if (p.commitment() != null && !p.commitment().equalsIgnoreCase(commitmentTo(p.reveal()))) {
                        problems.add("seedCeremony: the reveal of " + p.party() + " hashes to "
                                + commitmentTo(p.reveal()) + ", its commitment is " + p.commitment());
                    }
                }
            }
            List<String> withoutReveal = parties.stream()
                    .filter(p -> p.reveal() == null)
                    .map(SeedParty::party)
                    .toList();
            if (!new java.util.HashSet<>(withoutReveal).equals(new java.util.HashSet<>(missing))) {
                problems.add("seedCeremony.missing: says " + missing + ", the parties without a reveal are "
                        + withoutReveal);
            }
            if (revealed == 0) {
                problems.add("seedCeremony: nobody revealed, so the seed follows from the commitment alone");
            }
            String derived = seed(drawCommitment);
            if (!derived.equals(recordSeed)) {
                problems.add("seedCeremony: the commitments and reveals give the seed " + derived + ", the record says "
                        + recordSeed);
            }
            return problems;
        }
    }

    /** Orders strings by Unicode code points (the order of their UTF-8 bytes). */
    static int byCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
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

    private static String optionalString(Object o, String what) {
        return o == null ? null : string(o, what);
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
