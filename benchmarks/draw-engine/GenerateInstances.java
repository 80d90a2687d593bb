import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the benchmark instances of the draw engine, in the Flanigan et al. replication format
 * (categories.csv: category,feature,min,max; respondents.csv: one column per category plus an id column).
 * Deterministic: fixed seeds, so every run writes the same files.
 *
 * Run: java -Xmx256m GenerateInstances.java [outdir]   (default: instances/)
 *  or: java -Xmx256m GenerateInstances.java skewed OUTDIR N K CATEGORIES VALUES SKEW SLACK SEED   (one skewed instance)
 */
public class GenerateInstances {

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("skewed")) {
            skewed(args);
            return;
        }
        Path out = Path.of(args.length > 0 ? args[0] : "instances");
        large2Categories(out.resolve("example_large_2000_200"));
        skewed7Categories(out.resolve("skewed_1700_110"), 1700, 110, 20240607L);
        uniform(out.resolve("uniform_50000_500"), 50_000);
        System.out.println("instances written to " + out.toAbsolutePath());
    }

    /** example_small_20 scaled by 10: 10 female/conservative, 990 female/liberal, 1000 male/conservative; k = 200. */
    static void large2Categories(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("categories.csv")))) {
            w.println("category,feature,min,max");
            w.println("gender,female,90,200");
            w.println("gender,male,90,200");
            w.println("leaning,liberal,90,200");
            w.println("leaning,conservative,90,200");
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("respondents.csv")))) {
            w.println("gender,leaning");
            for (int i = 0; i < 10; i++) {
                w.println("female,conservative");
            }
            for (int i = 0; i < 990; i++) {
                w.println("female,liberal");
            }
            for (int i = 0; i < 1000; i++) {
                w.println("male,conservative");
            }
        }
    }

    record Cat(String name, String[] values, double[] population) {
    }

    /** Seven categories with Dutch-social-housing-like population shares. */
    static final List<Cat> CATS = List.of(
            new Cat("gender", new String[]{"female", "male", "other"}, new double[]{0.51, 0.48, 0.01}),
            new Cat("age", new String[]{"18-34", "35-49", "50-64", "65+"}, new double[]{0.28, 0.24, 0.25, 0.23}),
            new Cat("education", new String[]{"low", "middle", "high"}, new double[]{0.30, 0.38, 0.32}),
            new Cat("district", new String[]{"north", "east", "south", "west", "centre"},
                    new double[]{0.22, 0.20, 0.18, 0.25, 0.15}),
            new Cat("household", new String[]{"single", "couple", "family", "single-parent"},
                    new double[]{0.38, 0.27, 0.25, 0.10}),
            new Cat("background", new String[]{"none", "western", "non-western"}, new double[]{0.62, 0.12, 0.26}),
            new Cat("tenancy", new String[]{"under-5y", "5-15y", "over-15y"}, new double[]{0.35, 0.35, 0.30}));

    /**
     * Population members are drawn with some correlation (older people live longer in their home, live alone more
     * often; education varies with background); each signs up with a propensity that favours older, higher-educated,
     * long-tenured people without a migration background (the usual sign-up skew). Quotas: floor(k * share) to
     * floor(k * share) + 1 per feature, i.e. proportional to the population, not to the sign-ups.
     */
    static void skewed7Categories(Path dir, int n, int k, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> pool = new ArrayList<>();
        while (pool.size() < n) {
            int[] v = new int[CATS.size()];
            for (int c = 0; c < CATS.size(); c++) {
                v[c] = pick(rnd, CATS.get(c).population());
            }
            // correlations: 65+ -> more often single and long tenancy; non-western -> more often low education
            if (v[1] == 3 && rnd.nextDouble() < 0.4) {
                v[4] = 0;
            }
            if (v[1] == 3 && rnd.nextDouble() < 0.5) {
                v[6] = 2;
            }
            if (v[1] == 0 && rnd.nextDouble() < 0.5) {
                v[6] = 0;
            }
            if (v[5] == 2 && rnd.nextDouble() < 0.3) {
                v[2] = 0;
            }
            double propensity = new double[]{1.0, 1.1, 0.8}[v[0]]
                    * new double[]{0.45, 0.8, 1.5, 2.2}[v[1]]
                    * new double[]{0.5, 1.0, 2.0}[v[2]]
                    * new double[]{1.0, 0.9, 0.8, 1.0, 1.4}[v[3]]
                    * new double[]{1.0, 1.2, 0.8, 0.7}[v[4]]
                    * new double[]{1.2, 1.0, 0.45}[v[5]]
                    * new double[]{0.7, 1.0, 1.5}[v[6]];
            if (rnd.nextDouble() < propensity / 8.0) {
                pool.add(v);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("categories.csv")))) {
            w.println("category,feature,min,max");
            for (Cat c : CATS) {
                for (int i = 0; i < c.values().length; i++) {
                    int min = (int) Math.floor(k * c.population()[i]);
                    w.println(c.name() + "," + c.values()[i] + "," + min + "," + (min + 1));
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("respondents.csv")))) {
            StringBuilder header = new StringBuilder("id");
            for (Cat c : CATS) {
                header.append(',').append(c.name());
            }
            w.println(header);
            for (int p = 0; p < pool.size(); p++) {
                StringBuilder row = new StringBuilder("r" + (p + 1));
                for (int c = 0; c < CATS.size(); c++) {
                    row.append(',').append(CATS.get(c).values()[pool.get(p)[c]]);
                }
                w.println(row);
            }
        }
    }

    /** 50,000 sign-ups for the uniform lottery: an id and a household key (about 1.3 people per household). */
    static void uniform(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(7L);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("categories.csv")))) {
            w.println("category,feature,min,max");
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("respondents.csv")))) {
            w.println("id,household");
            int household = 0;
            for (int p = 0; p < n; p++) {
                if (p == 0 || rnd.nextDouble() < 0.75) {
                    household++;
                }
                w.println("t" + (p + 1) + ",h" + household);
            }
        }
    }

    /**
     * {@code skewed}: LEXIMIN instances where Carathéodory peeling gets stuck: many distinct types (nearly one per person), value
     * frequencies that fall off geometrically, sign-up propensities that favour the first values, and quotas proportional
     * to the population (not to the sign-ups) with a small slack. Deterministic for the same arguments.
     *
     * <p>Run: java -Xmx256m GenerateInstances.java skewed OUTDIR N K CATEGORIES VALUES SKEW SLACK SEED
     *
     * <ul>
     *   <li>VALUES: values per category (e.g. 4)
     *   <li>SKEW: population share of value i is proportional to SKEW^-i (1.0 = flat; 1.6 = strongly skewed); the sign-up
     *       propensity of value i is proportional to SKEW^-(i/2) on top, so the rare values are rarer still in the pool
     *   <li>SLACK: quota of value i is floor(k * share_i) .. floor(k * share_i) + SLACK
     * </ul>
     */
    static void skewed(String[] args) throws IOException {
        if (args.length != 9) {
            System.err.println("usage: GenerateInstances skewed OUTDIR N K CATEGORIES VALUES SKEW SLACK SEED");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int k = Integer.parseInt(args[3]);
        int categories = Integer.parseInt(args[4]);
        int values = Integer.parseInt(args[5]);
        double skew = Double.parseDouble(args[6]);
        int slack = Integer.parseInt(args[7]);
        long seed = Long.parseLong(args[8]);
        SplittableRandom rnd = new SplittableRandom(seed);

        double[] share = new double[values];
        double[] propensity = new double[values];
        double sum = 0;
        for (int i = 0; i < values; i++) {
            share[i] = Math.pow(skew, -i);
            propensity[i] = Math.pow(skew, -i / 2.0);
            sum += share[i];
        }
        for (int i = 0; i < values; i++) {
            share[i] /= sum;
        }
        List<int[]> pool = new ArrayList<>();
        double maxPropensity = 1;
        while (pool.size() < n) {
            int[] v = new int[categories];
            double p = 1;
            for (int c = 0; c < categories; c++) {
                v[c] = pick(rnd, share);
                p *= propensity[v[c]];
            }
            if (rnd.nextDouble() < Math.pow(p / maxPropensity, 0.5)) {
                pool.add(v);
            }
        }
        // every value must occur at least once in the pool, or its minimum cannot be met: lower those minimums to
        // what the pool has (the quotas stay tight for the rare values that do occur)
        int[][] inPool = new int[categories][values];
        for (int[] v : pool) {
            for (int c = 0; c < categories; c++) {
                inPool[c][v[c]]++;
            }
        }
        Files.createDirectories(dir);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("categories.csv")))) {
            w.println("category,feature,min,max");
            for (int c = 0; c < categories; c++) {
                for (int i = 0; i < values; i++) {
                    int min = Math.min(inPool[c][i], (int) Math.floor(k * share[i]));
                    w.println("c" + c + ",v" + i + "," + min + "," + Math.min(k, min + slack));
                }
            }
        }
        Set<String> distinct = new HashSet<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("respondents.csv")))) {
            StringBuilder header = new StringBuilder("id");
            for (int c = 0; c < categories; c++) {
                header.append(",c").append(c);
            }
            w.println(header);
            for (int p = 0; p < pool.size(); p++) {
                StringBuilder row = new StringBuilder("r" + (p + 1));
                StringBuilder key = new StringBuilder();
                for (int c = 0; c < categories; c++) {
                    row.append(",v").append(pool.get(p)[c]);
                    key.append(pool.get(p)[c]).append('/');
                }
                distinct.add(key.toString());
                w.println(row);
            }
        }
        System.out.println(dir + ": n=" + n + " k=" + k + " " + distinct.size() + " distinct profiles");
    }

    static int pick(SplittableRandom rnd, double[] shares) {
        double u = rnd.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }
}
