package nl.meedoen.draw;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes target expected type counts as a mix of valid panels, by column generation on
 * "minimise sum_t s_t: sum_C p_C x_t(C) + s_t >= target_t, sum_C p_C = 1, s >= 0". Every panel seats k people and
 * the targets sum to k, so the shortfall is 0 exactly when the target is such a mix. The shortfall columns keep
 * the duals in [0, 1], which steadies the column generation. Pricing as in {@link Leximin}.
 */
final class Decomposition {
    /** Accept a total shortfall this small (in expected seats). */
    static final double DONE = 1e-7;

    private Decomposition() {}

    /** Panels (over all types) and their probabilities, or null when the target is not a mix of valid panels. */
    static Leximin.Result decompose(Instance in, TypeTable all, double[] target) {
        return decompose(in, all, target, List.of(), DrawMonitor.NONE);
    }

    /**
     * As {@link #decompose(Instance, TypeTable, double[])}, the column generation starting from the panels of
     * {@code start} (valid panels over all types) that take nobody of a type whose target is 0.
     */
    static Leximin.Result decompose(
            Instance in, TypeTable all, double[] target, List<int[]> start, DrawMonitor monitor) {
        boolean[] keep = new boolean[all.size()];
        for (int t = 0; t < keep.length; t++) {
            keep[t] = target[t] > 1e-9; // a type at 0 must be on no panel at all
        }
        TypeTable types = all.restrict(keep);
        int[] original = new int[types.size()];
        double[] goal = new double[types.size()];
        for (int t = 0, i = 0; t < keep.length; t++) {
            if (keep[t]) {
                original[i] = t;
                goal[i++] = target[t];
            }
        }
        int size = types.size();
        List<int[]> fresh = new ArrayList<>();
        for (int[] panel : start) {
            int[] restricted = new int[size];
            boolean fits = true;
            for (int t = 0, i = 0; t < keep.length; t++) {
                if (keep[t]) {
                    restricted[i++] = panel[t];
                } else if (panel[t] > 0) {
                    fits = false;
                }
            }
            if (fits) {
                fresh.add(restricted);
            }
        }
        PanelModel model = new PanelModel(in, types);
        // a start panel that fits is a valid panel over these types; only without one does CP-SAT look for one
        int[] first = fresh.isEmpty() ? model.anyPanel().orElse(null) : fresh.get(0);
        if (first == null) {
            return null;
        }
        MPSolver lp = MPSolver.createSolver("GLOP");
        // without scaling, GLOP goes on from the last basis when panels are added (see Leximin.NO_SCALING)
        lp.setSolverSpecificParametersAsString(Leximin.NO_SCALING);
        try (Pricing pricing = new Pricing(in, types, model)) {
            MPConstraint convexity = lp.makeConstraint(1, 1);
            MPConstraint[] row = new MPConstraint[size];
            for (int t = 0; t < size; t++) {
                row[t] = lp.makeConstraint(goal[t], MPSolver.infinity());
                MPVariable shortfall = lp.makeNumVar(0, MPSolver.infinity(), "s" + t);
                row[t].setCoefficient(shortfall, 1);
                lp.objective().setCoefficient(shortfall, 1);
            }
            lp.objective().setMinimization();
            List<int[]> panels = new ArrayList<>();
            List<MPVariable> p = new ArrayList<>();
            Set<List<Integer>> seen = new HashSet<>();
            fresh.addAll(pricing.cover(first));
            double[] w = new double[size];
            int calls = 0;
            long lpNanos = 0;
            long pricingNanos = 0;
            while (true) {
                int added = 0;
                for (int[] panel : fresh) {
                    if (seen.add(Arrays.stream(panel).boxed().toList())) {
                        MPVariable v = lp.makeNumVar(0, 1, "p" + p.size());
                        convexity.setCoefficient(v, 1);
                        for (int t = 0; t < size; t++) {
                            if (panel[t] > 0) {
                                row[t].setCoefficient(v, panel[t]);
                            }
                        }
                        panels.add(panel);
                        p.add(v);
                        added++;
                    }
                }
                long t0 = System.nanoTime();
                MPSolver.ResultStatus status = Leximin.solveLp(lp, Leximin.NO_SCALING);
                lpNanos += System.nanoTime() - t0;
                if (status != MPSolver.ResultStatus.OPTIMAL) {
                    throw new IllegalStateException("decomposition LP not solved: " + status);
                }
                double value = lp.objective().value(); // total shortfall
                if (value <= DONE || (added == 0 && calls > 0)) {
                    if (Leximin.TRACE) {
                        System.err.printf(
                                "decomposition: shortfall %.9f, %d pricing calls, %d panels, lp %.2fs (%d cold), pricing %.2fs [%s]%n",
                                value,
                                calls,
                                panels.size(),
                                lpNanos / 1e9,
                                Leximin.ABNORMAL.get(),
                                pricingNanos / 1e9,
                                pricing.counts());
                    }
                    return value <= DONE ? result(panels, p, original, all.size(), calls) : null;
                }
                for (int t = 0; t < size; t++) {
                    w[t] = Math.max(0, row[t].dualValue());
                }
                double cap = convexity.dualValue();
                calls++;
                // progress: the shortfall falls to 0 (in millionths of a seat, from at most k seats)
                monitor.progress(
                        "leximin: decomposition, " + panels.size() + " panels, shortfall "
                                + String.format(java.util.Locale.ROOT, "%.2g", value),
                        Math.max(0, in.k * 1_000_000L - Math.round(value * 1_000_000)),
                        in.k * 1_000_000L);
                if (monitor.cancelled()) {
                    throw DrawException.cancelled();
                }
                t0 = System.nanoTime();
                fresh = pricing.improving(w, cap + Leximin.EPS, panels);
                pricingNanos += System.nanoTime() - t0;
                if (Leximin.TRACE && calls % 50 == 0) {
                    System.err.printf(
                            "  decomposition call %d: shortfall %.9f, iters %d, cold %d, %d panels, lp %.2fs, pricing %.2fs [%s]%n",
                            calls,
                            value,
                            lp.iterations(),
                            Leximin.ABNORMAL.get(),
                            panels.size(),
                            lpNanos / 1e9,
                            pricingNanos / 1e9,
                            pricing.counts());
                }
            }
        } finally {
            lp.delete();
        }
    }

    private static Leximin.Result result(
            List<int[]> panels, List<MPVariable> p, int[] original, int allTypes, int calls) {
        List<int[]> used = new ArrayList<>();
        List<Double> prob = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < panels.size(); i++) {
            double v = p.get(i).solutionValue();
            if (v > 1e-12) {
                int[] full = new int[allTypes];
                for (int t = 0; t < original.length; t++) {
                    full[original[t]] = panels.get(i)[t];
                }
                used.add(full);
                prob.add(v);
                total += v;
            }
        }
        double[] probability = new double[used.size()];
        for (int i = 0; i < probability.length; i++) {
            probability[i] = prob.get(i) / total;
        }
        return new Leximin.Result(used, probability, calls);
    }
}
