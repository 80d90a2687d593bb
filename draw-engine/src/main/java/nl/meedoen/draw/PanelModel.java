package nl.meedoen.draw;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The integer program "a valid panel" over type counts (CP-SAT): x_t in [0, cap_t], sum x = k, every quota,
 * at most one per shared household. Built once, solved with changing objectives during column generation.
 */
final class PanelModel {
    private final TypeTable types;
    private final int k;
    private final CpModel model = new CpModel();
    private final IntVar[] x;

    PanelModel(Instance in, TypeTable types) {
        Solvers.load();
        this.types = types;
        this.k = in.k;
        int size = types.size();
        x = new IntVar[size];
        for (int t = 0; t < size; t++) {
            x[t] = model.newIntVar(0, types.cap(t), "x" + t);
        }
        model.addEquality(LinearExpr.sum(x), in.k);
        for (int f = 0; f < in.features(); f++) {
            List<IntVar> with = new ArrayList<>();
            for (int t = 0; t < size; t++) {
                if (contains(types.features[t], f)) {
                    with.add(x[t]);
                }
            }
            model.addLinearConstraint(LinearExpr.sum(with.toArray(IntVar[]::new)), in.featureMin[f], in.featureMax[f]);
        }
        Map<Integer, List<IntVar>> households = new HashMap<>();
        for (int t = 0; t < size; t++) {
            if (types.household[t] >= 0) {
                households
                        .computeIfAbsent(types.household[t], h -> new ArrayList<>())
                        .add(x[t]);
            }
        }
        for (List<IntVar> vars : households.values()) {
            if (vars.size() > 1) {
                model.addLessOrEqual(LinearExpr.sum(vars.toArray(IntVar[]::new)), 1);
            }
        }
    }

    static boolean contains(int[] a, int v) {
        for (int e : a) {
            if (e == v) {
                return true;
            }
        }
        return false;
    }

    /** Any valid panel, or empty when the quotas cannot be met. */
    Optional<int[]> anyPanel() {
        model.clearObjective();
        model.clearHints();
        CpSolver solver = solver();
        CpSolverStatus status = solver.solve(model);
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            return Optional.of(values(solver::value));
        }
        return Optional.empty();
    }

    /**
     * Pricing step of the column generation: valid panels whose weight sum_t w_t x_t exceeds {@code threshold}, the
     * best first (the best one is optimal up to ~1e-9 relative rounding). Empty when none does.
     */
    List<int[]> improving(double[] w, double threshold, int[] hint) {
        double maxW = Arrays.stream(w).max().orElse(0);
        if (maxW <= 0) {
            return List.of();
        }
        // CP-SAT wants integer coefficients: scale so the largest objective stays below 2^40.
        double scale = Math.pow(2, 40) / (maxW * k);
        long[] coef = new long[w.length];
        for (int t = 0; t < w.length; t++) {
            coef[t] = Math.round(w[t] * scale);
        }
        model.clearObjective();
        model.maximize(LinearExpr.weightedSum(x, coef));
        model.clearHints();
        if (hint != null) {
            for (int t = 0; t < x.length; t++) {
                model.addHint(x[t], hint[t]);
            }
        }
        List<int[]> found = new ArrayList<>();
        Set<List<Integer>> seen = new HashSet<>();
        CpSolverSolutionCallback collect = new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                int[] panel = values(this::value);
                if (weight(w, panel) > threshold
                        && seen.add(Arrays.stream(panel).boxed().toList())) {
                    found.add(panel);
                }
            }
        };
        CpSolver solver = solver();
        CpSolverStatus status = solver.solve(model, collect);
        if (status != CpSolverStatus.OPTIMAL) {
            throw new IllegalStateException("pricing problem not solved to optimality: " + status);
        }
        found.sort((a, b) -> Double.compare(weight(w, b), weight(w, a)));
        return found;
    }

    static double weight(double[] w, int[] panel) {
        double s = 0;
        for (int t = 0; t < panel.length; t++) {
            s += w[t] * panel[t];
        }
        return s;
    }

    private interface Value {
        long of(IntVar v);
    }

    private int[] values(Value value) {
        int[] panel = new int[x.length];
        for (int t = 0; t < x.length; t++) {
            panel[t] = (int) value.of(x[t]);
        }
        return panel;
    }

    /**
     * One worker and a fixed seed make every solve repeatable. Symmetry detection is off: on some small pools its
     * presolve step fails an internal check and aborts the JVM (the service with it) instead of answering.
     */
    static CpSolver solver() {
        CpSolver solver = new CpSolver();
        solver.getParameters()
                .setNumWorkers(1)
                .setRandomSeed(1)
                .setLogSearchProgress(false)
                .setSymmetryLevel(0);
        return solver;
    }
}
