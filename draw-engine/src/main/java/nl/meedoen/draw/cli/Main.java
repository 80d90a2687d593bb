package nl.meedoen.draw.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.meedoen.draw.Algorithm;
import nl.meedoen.draw.Category;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawException;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.draw.DrawRecords;
import nl.meedoen.draw.FeatureQuota;
import nl.meedoen.draw.Person;
import nl.meedoen.draw.Probabilities;
import nl.meedoen.draw.QuotaRelaxation;
import nl.meedoen.draw.Replacement;
import nl.meedoen.draw.Verification;

/**
 * Command line of the draw engine. One JSON object on stdout; errors as one JSON object on stderr with exit code 2
 * (bad input) or 3 (internal error); {@code verify} exits 1 on a mismatch.
 *
 * <pre>
 * probabilities --categories C --respondents R --panel-size K --algorithm leximin|uniform [--household-column H] [--id-column I]
 * commit        (same inputs) [--out committed.json]
 * draw          (same inputs | --record committed.json) --seed SEED [--out record.json]
 * verify        --record record.json [--commitment HEX] [--recompute]
 * replace       --record record.json --withdrawn ID[,ID...]
 * </pre>
 */
public final class Main {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USAGE = "usage: probabilities|commit|draw|verify|replace [options]; see draw-engine/README.md";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code (tests call this in-process). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        try {
            if (args.length == 0) {
                throw new DrawException(DrawException.INVALID_INPUT, USAGE, List.of(), List.of());
            }
            Map<String, String> opt = options(args);
            DrawEngine engine = new DrawEngine();
            switch (args[0]) {
                case "probabilities" -> {
                    allow(opt, inputOptions());
                    Probabilities p = engine.probabilities(input(opt));
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("algorithm", p.algorithm().id());
                    o.put("panelSize", Integer.parseInt(opt.get("panel-size")));
                    o.put("respondents", p.ids().size());
                    o.put("types", p.types());
                    o.put("minProbability", p.min());
                    o.put("sumProbabilities", p.sum());
                    o.put(
                            "panelsInDistribution",
                            p.distribution() == null
                                    ? null
                                    : p.distribution().panels().size());
                    o.put("pricingCalls", p.pricingCalls());
                    o.put("probabilities", p.values());
                    o.put("seconds", seconds(start));
                    print(out, o);
                    return 0;
                }
                case "commit" -> {
                    allow(opt, inputOptions("out"));
                    return emit(engine.commit(input(opt)), opt, out, start);
                }
                case "draw" -> {
                    allow(opt, inputOptions("record", "seed", "out"));
                    DrawRecord committed = opt.containsKey("record")
                            ? DrawRecords.fromJson(read(opt.get("record")))
                            : engine.commit(input(opt));
                    return emit(engine.draw(committed, required(opt, "seed")), opt, out, start);
                }
                case "verify" -> {
                    allow(opt, "record", "commitment", "recompute");
                    Verification v = engine.verify(
                            read(required(opt, "record")), opt.get("commitment"), opt.containsKey("recompute"));
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("match", v.match());
                    o.put("commitment", v.commitment());
                    o.put("checked", v.checked());
                    o.put("differences", v.differences());
                    o.put("seconds", seconds(start));
                    print(out, o);
                    return v.match() ? 0 : 1;
                }
                case "replace" -> {
                    allow(opt, "record", "withdrawn");
                    DrawRecord record = DrawRecords.fromJson(read(required(opt, "record")));
                    if (!record.isDrawn()) {
                        throw new DrawException(
                                DrawException.INVALID_INPUT, "the record has no draw result", List.of(), List.of());
                    }
                    List<String> panel = record.result().selected();
                    List<String> waitlist = record.result().waitlist();
                    List<Object> steps = new ArrayList<>();
                    for (String withdrawn : required(opt, "withdrawn").split(",")) {
                        Replacement r = engine.replace(record, panel, waitlist, withdrawn.trim());
                        Map<String, Object> step = new LinkedHashMap<>();
                        step.put("withdrawn", r.withdrawn());
                        step.put("replacement", r.replacement());
                        step.put("reason", r.reason());
                        steps.add(step);
                        panel = r.panel();
                        waitlist = r.waitlist();
                    }
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("replacements", steps);
                    o.put("panel", panel);
                    o.put("seconds", seconds(start));
                    print(out, o);
                    return 0;
                }
                default ->
                    throw new DrawException(
                            DrawException.INVALID_INPUT,
                            "unknown command '" + args[0] + "'; " + USAGE,
                            List.of(),
                            List.of());
            }
        } catch (DrawException e) {
            error(err, e.code(), e.getMessage(), e.details(), e.relaxations());
            return 2;
        } catch (Usage e) {
            error(err, DrawException.INVALID_INPUT, e.getMessage(), List.of(), List.of());
            return 2;
        } catch (RuntimeException | LinkageError e) {
            error(err, "internal-error", String.valueOf(e), List.of(), List.of());
            return 3;
        }
    }

    /** A problem with the command line or the input files. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    private static int emit(DrawRecord record, Map<String, String> opt, PrintStream out, long start) {
        String json = DrawRecords.toJson(record);
        if (!opt.containsKey("out")) {
            out.print(json);
            return 0;
        }
        try {
            Files.writeString(Path.of(opt.get("out")), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Usage("cannot write " + opt.get("out") + ": " + e.getMessage());
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("out", opt.get("out"));
        o.put("commitment", record.commitment());
        o.put("seed", record.seed());
        o.put("selected", record.result() == null ? null : record.result().selected());
        o.put("seconds", seconds(start));
        print(out, o);
        return 0;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new Usage("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (name.equals("recompute")) {
                opt.put(name, "true");
            } else if (i + 1 < args.length) {
                opt.put(name, args[++i]);
            } else {
                throw new Usage("--" + name + " needs a value");
            }
        }
        return opt;
    }

    /** The options that read a pool (input(opt)), and those a command adds to them. */
    private static String[] inputOptions(String... more) {
        List<String> names = new ArrayList<>(
                List.of("categories", "respondents", "panel-size", "algorithm", "household-column", "id-column"));
        names.addAll(List.of(more));
        return names.toArray(String[]::new);
    }

    private static void allow(Map<String, String> opt, String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : opt.keySet()) {
            if (!allowed.contains(name)) {
                throw new Usage("unknown option --" + name);
            }
        }
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null || v.isBlank()) {
            throw new Usage("--" + name + " is required");
        }
        return v;
    }

    /** Reads the replication-data CSVs into a draw input. */
    static DrawInput input(Map<String, String> opt) {
        Algorithm algorithm = Algorithm.parse(required(opt, "algorithm"));
        int k;
        try {
            k = Integer.parseInt(required(opt, "panel-size").trim());
        } catch (NumberFormatException e) {
            throw new Usage("--panel-size must be a whole number, got '" + opt.get("panel-size") + "'");
        }
        List<Category> categories = opt.containsKey("categories") || algorithm == Algorithm.LEXIMIN
                ? categories(csv(required(opt, "categories")))
                : List.of();
        List<Csv.Row> rows = csv(required(opt, "respondents"));
        if (rows.isEmpty()) {
            throw new Usage("respondents file is empty");
        }
        List<String> header = rows.get(0).values();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.putIfAbsent(header.get(i), i);
        }
        for (Category c : categories) {
            if (!column.containsKey(c.name())) {
                throw new Usage("respondents file has no column '" + c.name() + "' (columns: " + header + ")");
            }
        }
        String householdColumn = opt.get("household-column");
        if (householdColumn != null && !column.containsKey(householdColumn)) {
            throw new Usage("respondents file has no household column '" + householdColumn + "'");
        }
        String idColumn = opt.getOrDefault("id-column", column.containsKey("id") ? "id" : null);
        if (idColumn != null && !column.containsKey(idColumn)) {
            throw new Usage("respondents file has no id column '" + idColumn + "'");
        }
        List<Person> pool = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r).values();
            if (row.size() != header.size()) {
                throw new Usage("respondents line " + rows.get(r).line() + " has " + row.size() + " fields, the header "
                        + header.size());
            }
            Map<String, String> features = new HashMap<>();
            for (Category c : categories) {
                features.put(c.name(), row.get(column.get(c.name())));
            }
            String id = idColumn == null ? String.valueOf(r) : row.get(column.get(idColumn));
            String household = householdColumn == null ? null : row.get(column.get(householdColumn));
            pool.add(new Person(id, features, household == null || household.isEmpty() ? null : household));
        }
        return new DrawInput(pool, categories, k, algorithm, householdColumn != null);
    }

    /** categories.csv: header category,feature,min,max; one row per feature, grouped by category in file order. */
    static List<Category> categories(List<Csv.Row> rows) {
        if (rows.isEmpty() || !rows.get(0).values().equals(List.of("category", "feature", "min", "max"))) {
            throw new Usage("categories file must start with the header category,feature,min,max (or ; between them)");
        }
        Map<String, List<FeatureQuota>> byCategory = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r).values();
            long line = rows.get(r).line();
            if (row.size() != 4) {
                throw new Usage("categories line " + line + " must have 4 fields");
            }
            try {
                byCategory
                        .computeIfAbsent(row.get(0), c -> new ArrayList<>())
                        .add(new FeatureQuota(row.get(1), Integer.parseInt(row.get(2)), Integer.parseInt(row.get(3))));
            } catch (NumberFormatException e) {
                throw new Usage("categories line " + line + ": min and max must be whole numbers");
            }
        }
        List<Category> categories = new ArrayList<>();
        byCategory.forEach((name, features) -> categories.add(new Category(name, features)));
        return categories;
    }

    private static List<Csv.Row> csv(String path) {
        try {
            return Csv.parse(read(path));
        } catch (IllegalArgumentException e) {
            throw new Usage(path + ": " + e.getMessage());
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Usage("file not found: " + path);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Usage("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e6) / 1e3;
    }

    private static void print(PrintStream out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(
            PrintStream err, String code, String message, List<String> details, List<QuotaRelaxation> relaxations) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("error", code);
        o.put("message", message);
        if (!details.isEmpty()) {
            o.put("details", details);
        }
        if (!relaxations.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (QuotaRelaxation r : relaxations) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("category", r.category());
                m.put("feature", r.feature());
                m.put("bound", r.bound());
                m.put("current", r.current());
                m.put("suggested", r.suggested());
                list.add(m);
            }
            o.put("relaxations", list);
        }
        print(err, o);
    }
}
