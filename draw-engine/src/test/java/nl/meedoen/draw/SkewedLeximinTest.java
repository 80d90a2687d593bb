package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A skewed pool with nearly one type per person and tight quotas, where Carathéodory peeling of the relaxation's
 * optimum gets stuck: the fast path (decomposition of the relaxed optimum, starting from the peeled panels) must give
 * the optimum of the paper's column generation.
 */
class SkewedLeximinTest {

    /** 90 sign-ups, k = 12, 5 categories of 3 values with shares 1 : 1/1.5 : 1/2.25, quotas floor(k share) + 0..1. */
    static DrawInput skewedPool() {
        int n = 90;
        int k = 12;
        int categories = 5;
        double[] share = {1, 1 / 1.5, 1 / 2.25};
        double sum = Arrays.stream(share).sum();
        SplittableRandom rnd = new SplittableRandom(2);
        List<int[]> pool = new ArrayList<>();
        while (pool.size() < n) {
            int[] v = new int[categories];
            double p = 1;
            for (int c = 0; c < categories; c++) {
                double u = rnd.nextDouble() * sum;
                v[c] = u < share[0] ? 0 : u < share[0] + share[1] ? 1 : 2;
                p *= Math.pow(1.5, -v[c] / 2.0);
            }
            if (rnd.nextDouble() < Math.sqrt(p)) {
                pool.add(v);
            }
        }
        int[][] inPool = new int[categories][3];
        for (int[] v : pool) {
            for (int c = 0; c < categories; c++) {
                inPool[c][v[c]]++;
            }
        }
        List<Category> cats = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            List<FeatureQuota> quotas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int min = Math.min(inPool[c][i], (int) Math.floor(k * share[i] / sum));
                quotas.add(new FeatureQuota("v" + i, min, min + 1));
            }
            cats.add(new Category("c" + c, quotas));
        }
        List<Person> people = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            Map<String, String> features = new HashMap<>();
            for (int c = 0; c < categories; c++) {
                features.put("c" + c, "v" + pool.get(p)[c]);
            }
            people.add(new Person("r" + (p + 1), features));
        }
        return new DrawInput(people, cats, k, Algorithm.LEXIMIN, false);
    }

    @Test
    void peelingGetsStuckAndTheResultIsTheOptimumOfTheExactColumnGeneration() {
        DrawInput input = skewedPool();
        Instance in = Instance.of(input);
        TypeTable types = TypeTable.of(in);
        assertTrue(types.size() > 60, "nearly one type per person: " + types.size());
        assertFalse(
                Peeling.peel(in, types, RelaxedLeximin.solve(in, types)).complete(),
                "this instance is meant to exercise the path after peeling gets stuck");

        Probabilities fast = new DrawEngine().probabilities(input);
        Leximin.Result exact = Leximin.solve(in, types, new PanelModel(in, types));
        double[] perType = Distribution.of(types, in, exact.panels(), exact.panelProbability())
                .typeProbabilities();

        assertEquals(12.0, fast.sum(), 1e-6);
        double exactMin = Arrays.stream(perType).min().orElseThrow();
        assertEquals(exactMin, fast.min(), 1e-6);
        // The sorted probability vectors agree. GLOP's tolerances let a type fixed at a level sit a few 1e-6 above
        // it in either computation, so a single person may differ by up to 5e-6; everyone else within 1e-6.
        double[] a = new double[in.n];
        double[] b = new double[in.n];
        for (int p = 0; p < in.n; p++) {
            a[p] = perType[types.typeOf[p]];
            b[p] = fast.values().get(p);
        }
        Arrays.sort(a);
        Arrays.sort(b);
        int loose = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 5e-6, "rank " + i);
            loose += Math.abs(a[i] - b[i]) > 1e-6 ? 1 : 0;
        }
        assertTrue(loose <= 1, loose + " ranks differ by more than 1e-6");
    }
}
