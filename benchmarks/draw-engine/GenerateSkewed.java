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
 * Skewed LEXIMIN instances where Carathéodory peeling gets stuck: many distinct types (nearly one per person), value
 * frequencies that fall off geometrically, sign-up propensities that favour the first values, and quotas proportional
 * to the population (not to the sign-ups) with a small slack. Deterministic for the same arguments.
 *
 * <p>Run: java -Xmx256m GenerateSkewed.java OUTDIR N K CATEGORIES VALUES SKEW SLACK SEED
 *
 * <ul>
 *   <li>VALUES: values per category (e.g. 4)
 *   <li>SKEW: population share of value i is proportional to SKEW^-i (1.0 = flat; 1.6 = strongly skewed); the sign-up
 *       propensity of value i is proportional to SKEW^-(i/2) on top, so the rare values are rarer still in the pool
 *   <li>SLACK: quota of value i is floor(k * share_i) .. floor(k * share_i) + SLACK
 * </ul>
 */
public class GenerateSkewed {

    public static void main(String[] args) throws IOException {
        if (args.length != 8) {
            System.err.println("usage: GenerateSkewed OUTDIR N K CATEGORIES VALUES SKEW SLACK SEED");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int categories = Integer.parseInt(args[3]);
        int values = Integer.parseInt(args[4]);
        double skew = Double.parseDouble(args[5]);
        int slack = Integer.parseInt(args[6]);
        long seed = Long.parseLong(args[7]);
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
