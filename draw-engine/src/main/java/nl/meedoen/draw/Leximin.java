package nl.meedoen.draw;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * LEXIMIN over types, after Flanigan, Gölz, Gupta, Hennig, Procaccia (Nature 2021), "find_distribution_leximin".
 *
 * <p>Level by level, the LP "maximise z: every unfixed type's probability >= z, every fixed type keeps its level"
 * is solved by column generation over panels. Its duals give weights y_t >= 0 (summing to 1 over the unfixed
 * types) and a cap yhat; pricing looks for a panel with sum_t y_t x_t / |t| > yhat. When none exists the current
 * z is the optimal level, and every unfixed type with positive weight cannot get more (complementary slackness):
 * it is fixed at z. The LP is kept as the primal (panels are columns), so a new panel keeps the basis feasible (GLOP
 * goes on from it only with scaling off, {@link #NO_SCALING}, which this LP does not set); the paper solves the
 * equivalent dual.
 */
final class Leximin {
    /** Pricing tolerance: a panel must beat the cap by more than this (in probability units) to be added. */
    static final double EPS = 1e-9;
    /** Dual weight above which a type is considered tight at the current level. */
    static final double EPS_FIX = 1e-9;
    /** -Ddraw.trace=true prints per-round statistics to stderr (benchmarks and tuning only). */
    static final boolean TRACE = Boolean.getBoolean("draw.trace");

    /** Presolve off: it throws away the warm-start basis and wrongly reports near-degenerate LEXIMIN LPs infeasible. */
    static final MPSolverParameters LP_PARAMS = new MPSolverParameters();

    static {
        Solvers.load();
        LP_PARAMS.setIntegerParam(
                MPSolverParameters.IntegerParam.PRESOLVE, MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
    }

    /** Cold restarts after ABNORMAL (trace output only). */
    static final java.util.concurrent.atomic.AtomicInteger ABNORMAL = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * GLOP without scaling, for column generation LPs whose coefficients are small counts. GLOP keeps its basis when
     * the only change since the last solve is new columns, but with scaling on, the new columns change the row
     * scales, so the scaled matrix differs and it starts from scratch (~1,800 iterations instead of ~100 on 350 rows).
     */
    static final String NO_SCALING = "use_scaling: false";

    /** GLOP's warm start occasionally ends ABNORMAL on these degenerate LPs; a cold start (primal, then dual) then solves them. */
    static MPSolver.ResultStatus solveLp(MPSolver lp) {
        return solveLp(lp, "");
    }

    /**
     * As {@link #solveLp(MPSolver)}, for an LP whose GLOP parameters were set to {@code glop} (text format); the
     * dual simplex fallback adds to them and then restores them.
     */
    static MPSolver.ResultStatus solveLp(MPSolver lp, String glop) {
        MPSolver.ResultStatus status = lp.solve(LP_PARAMS);
        if (status == MPSolver.ResultStatus.ABNORMAL) {
            ABNORMAL.incrementAndGet();
            lp.reset();
            status = lp.solve(LP_PARAMS);
        }
        if (status == MPSolver.ResultStatus.ABNORMAL) {
            // still stuck: GLOP's dual simplex, cold
            ABNORMAL.incrementAndGet();
            lp.reset();
            lp.setSolverSpecificParametersAsString(glop + " use_dual_simplex: true");
            status = lp.solve(LP_PARAMS);
            lp.setSolverSpecificParametersAsString(glop);
        }
        if (status == MPSolver.ResultStatus.ABNORMAL) {
            // and with presolve as the last resort
            ABNORMAL.incrementAndGet();
            lp.reset();
            status = lp.solve();
        }
        return status;
    }

    record Result(List<int[]> panels, double[] panelProbability, int pricingCalls) {}

    private final TypeTable types;
    private final double[] count;
    private final MPSolver lp = MPSolver.createSolver("GLOP");
    private final MPVariable z;
    private final MPConstraint convexity;
    private final MPConstraint[] typeRow;
    private final List<int[]> panels = new ArrayList<>();
    private final List<MPVariable> p = new ArrayList<>();
    private final Set<List<Integer>> seen = new HashSet<>();

    private Leximin(TypeTable types) {
        this.types = types;
        int size = types.size();
        count = new double[size];
        z = lp.makeNumVar(0, MPSolver.infinity(), "z"); // no upper bound: it would take the duals
        convexity = lp.makeConstraint(1, 1, "convexity");
        typeRow = new MPConstraint[size];
        for (int t = 0; t < size; t++) {
            count[t] = types.count(t);
            typeRow[t] = lp.makeConstraint(0, MPSolver.infinity(), "t" + t);
            typeRow[t].setCoefficient(z, -1);
        }
        lp.objective().setCoefficient(z, 1);
        lp.objective().setMaximization();
    }

    static Result solve(Instance in, TypeTable types, PanelModel model) {
        return solve(in, types, model, DrawMonitor.NONE, List.of());
    }

    /** @param start valid panels to start the column generation with (e.g. those peeling found) */
    static Result solve(Instance in, TypeTable types, PanelModel model, DrawMonitor monitor, List<int[]> start) {
        Leximin l = new Leximin(types);
        for (int[] panel : start) {
            l.addPanel(panel);
        }
        try (Pricing pricing = new Pricing(in, types, model)) {
            return l.run(in, model, pricing, monitor);
        } finally {
            l.lp.delete();
        }
    }

    private Result run(Instance in, PanelModel model, Pricing pricing, DrawMonitor monitor) {
        int size = types.size();
        for (int[] panel : pricing.cover(model)) {
            addPanel(panel);
        }
        boolean[] fixed = new boolean[size];
        int fixedCount = 0;
        int calls = 0;
        double[] y = new double[size];
        double[] w = new double[size];
        double[] probability = null;
        while (fixedCount < size) {
            long lpNanos = 0;
            long pricingNanos = 0;
            int roundCalls = 0;
            monitor.progress(
                    "leximin: column generation, probabilities fixed for " + fixedCount + " of " + size + " profiles",
                    fixedCount,
                    size);
            while (true) {
                if (monitor.cancelled()) {
                    throw DrawException.cancelled();
                }
                long t0 = System.nanoTime();
                MPSolver.ResultStatus status = solveLp(lp);
                lpNanos += System.nanoTime() - t0;
                if (status != MPSolver.ResultStatus.OPTIMAL) {
                    throw new IllegalStateException("LEXIMIN LP not solved: " + status + " (" + panels.size()
                            + " panels, " + fixedCount + " types fixed, round call " + roundCalls + ")");
                }
                for (int t = 0; t < size; t++) {
                    y[t] = Math.max(0, -typeRow[t].dualValue());
                    w[t] = y[t] / count[t];
                }
                double cap = convexity.dualValue();
                calls++;
                roundCalls++;
                t0 = System.nanoTime();
                List<int[]> better = pricing.improving(w, cap + EPS, panels);
                pricingNanos += System.nanoTime() - t0;
                if (TRACE && roundCalls % Integer.getInteger("draw.traceEvery", 100) == 0) {
                    System.err.printf(
                            "  call %d: z %.7f cap %.7f best %.7f, %d new, %d panels, lp %.2fs (%d iters), pricing %.2fs [%s]%n",
                            roundCalls,
                            z.solutionValue(),
                            cap,
                            better.isEmpty() ? 0 : PanelModel.weight(w, better.get(0)),
                            better.size(),
                            panels.size(),
                            lpNanos / 1e9,
                            lp.iterations(),
                            pricingNanos / 1e9,
                            pricing.counts());
                }
                int added = 0;
                for (int[] panel : better) {
                    added += addPanel(panel) ? 1 : 0;
                }
                if (added > 0) {
                    continue;
                }
                // No panel beats the cap: z is this level's optimum; positive-weight types cannot rise above it.
                double level = z.solutionValue();
                probability = p.stream().mapToDouble(MPVariable::solutionValue).toArray();
                int newlyFixed = 0;
                for (int t = 0; t < size; t++) {
                    if (!fixed[t] && (y[t] > EPS_FIX || level >= 1 - 1e-9)) {
                        fixed[t] = true;
                        newlyFixed++;
                        typeRow[t].setCoefficient(z, 0);
                        typeRow[t].setLb(Math.max(
                                0, level - 1e-7)); // a hair below, so solver tolerances cannot make it infeasible
                    }
                }
                if (newlyFixed == 0) {
                    throw new IllegalStateException("no type fixed in a LEXIMIN round");
                }
                fixedCount += newlyFixed;
                if (TRACE) {
                    System.err.printf(
                            "level %.6f: fixed %d (%d/%d), %d pricing calls, %d panels, lp %.2fs, pricing %.2fs%n",
                            level,
                            newlyFixed,
                            fixedCount,
                            size,
                            roundCalls,
                            panels.size(),
                            lpNanos / 1e9,
                            pricingNanos / 1e9);
                }
                break;
            }
        }
        if (TRACE) {
            System.err.printf(
                    "pricing: %d by local search, %d proofs by LP relaxation, %d exact ILPs%n",
                    pricing.heuristicHits, pricing.relaxationProofs, pricing.exactCalls);
        }
        List<int[]> used = new ArrayList<>();
        List<Double> prob = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < probability.length; i++) {
            if (probability[i] > 1e-12) {
                used.add(panels.get(i));
                prob.add(probability[i]);
                total += probability[i];
            }
        }
        double[] normalised = new double[used.size()];
        for (int i = 0; i < normalised.length; i++) {
            normalised[i] = prob.get(i) / total;
        }
        return new Result(used, normalised, calls);
    }

    private boolean addPanel(int[] panel) {
        if (!seen.add(Arrays.stream(panel).boxed().toList())) {
            return false;
        }
        panels.add(panel);
        MPVariable v = lp.makeNumVar(0, 1, "p" + p.size());
        p.add(v);
        convexity.setCoefficient(v, 1);
        for (int t = 0; t < panel.length; t++) {
            if (panel[t] > 0) {
                typeRow[t].setCoefficient(v, panel[t] / count[t]);
            }
        }
        return true;
    }
}
