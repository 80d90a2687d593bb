import nl.meedoen.draw.Algorithm;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.draw.Person;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Uniform draw of 500 from 50,000 inside one JVM (the engine's own time: hashing every person, ordering, record),
 * and in the same JVM its raw reference: a plain SecureRandom partial Fisher–Yates over the same 50,000 ids.
 * Run: java -Xmx512m -cp draw-engine/target/draw-engine-cli.jar benchmarks/draw-engine/UniformDrawBench.java
 */
public class UniformDrawBench {
    public static void main(String[] args) {
        List<Person> pool = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            pool.add(new Person("t" + (i + 1), Map.of(), "h" + (i * 3 / 4)));
        }
        DrawEngine engine = new DrawEngine();
        double[] engineMedian = new double[2];
        for (boolean households : new boolean[]{false, true}) {
            DrawRecord committed = engine.commit(new DrawInput(pool, List.of(), 500, Algorithm.UNIFORM, households));
            double[] ms = new double[7];
            for (int run = 0; run < ms.length; run++) {
                long start = System.nanoTime();
                DrawRecord r = engine.draw(committed, "bench-" + run);
                ms[run] = (System.nanoTime() - start) / 1e6;
                if (r.result().selected().size() != 500) {
                    throw new IllegalStateException("not 500");
                }
            }
            engineMedian[households ? 1 : 0] = Arrays.stream(ms).sorted().toArray()[ms.length / 2];
            System.out.printf("household rule %-5s: first %.0f ms, median %.0f ms over %d draws%n", households, ms[0],
                    Arrays.stream(ms).sorted().toArray()[ms.length / 2], ms.length);
        }

        // the raw reference: pick 500 of the same ids, nothing else (no commitment, no verifiable keys, no record)
        String[] ids = pool.stream().map(Person::id).toArray(String[]::new);
        double[] raw = new double[7];
        for (int run = 0; run < raw.length; run++) {
            long start = System.nanoTime();
            List<String> picked = fisherYates(ids, 500, new SecureRandom());
            raw[run] = (System.nanoTime() - start) / 1e6;
            if (picked.size() != 500) {
                throw new IllegalStateException("not 500");
            }
        }
        double rawMedian = Arrays.stream(raw).sorted().toArray()[raw.length / 2];
        System.out.printf("raw SecureRandom partial Fisher-Yates, 500 of the same 50000 ids: first %.3f ms, median %.3f ms over %d draws%n",
                raw[0], rawMedian, raw.length);
        System.out.printf("ratio engine/raw (medians): household rule false %.0fx, true %.0fx%n",
                engineMedian[0] / rawMedian, engineMedian[1] / rawMedian);
    }

    /** Swaps a random remaining id into each of the first k places of a copy: k draws, no bias. */
    static List<String> fisherYates(String[] ids, int k, SecureRandom random) {
        String[] a = ids.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(a.length - i);
            String t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.asList(a).subList(0, k);
    }
}
