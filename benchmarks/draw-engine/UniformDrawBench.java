import nl.meedoen.draw.Algorithm;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.draw.Person;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Uniform draw of 500 from 50,000 inside one JVM (the engine's own time: hashing every person, ordering, record).
 * Run: java -Xmx512m -cp draw-engine/target/draw-engine-cli.jar benchmarks/draw-engine/UniformDrawBench.java
 */
public class UniformDrawBench {
    public static void main(String[] args) {
        List<Person> pool = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            pool.add(new Person("t" + (i + 1), Map.of(), "h" + (i * 3 / 4)));
        }
        DrawEngine engine = new DrawEngine();
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
            System.out.printf("household rule %-5s: first %.0f ms, median %.0f ms over %d draws%n", households, ms[0],
                    Arrays.stream(ms).sorted().toArray()[ms.length / 2], ms.length);
        }
    }
}
