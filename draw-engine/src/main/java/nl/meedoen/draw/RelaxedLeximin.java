package nl.meedoen.draw;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * LEXIMIN over the LP relaxation Q of the panel polytope: expected type counts x with 0 <= x_t <= cap_t,
 * sum x = k, every quota and household bound, no integrality. Q has one variable per type and a few dozen rows, so
 * each level is a single small LP instead of a column generation. Q contains every mix of valid panels, so if the
 * optimum found here is itself a mix of valid panels ({@link Decomposition}), it is the LEXIMIN optimum.
 */
final class RelaxedLeximin {
    private RelaxedLeximin() {}

    /** Leximin-optimal expected counts per type over Q. */
    static double[] solve(Instance in, TypeTable types) {
        Solvers.load();
        int size = types.size();
        MPSolver lp = MPSolver.createSolver("GLOP");
        try {
            MPVariable z = lp.makeNumVar(0, MPSolver.infinity(), "z"); // no upper bound: it would take the duals
            MPVariable[] x = new MPVariable[size];
            MPConstraint seats = lp.makeConstraint(in.k, in.k);
            MPConstraint[] share = new MPConstraint[size];
            for (int t = 0; t < size; t++) {
                x[t] = lp.makeNumVar(0, types.cap(t), "x" + t);
                seats.setCoefficient(x[t], 1);
                share[t] = lp.makeConstraint(0, MPSolver.infinity()); // x_t - |t| z >= 0: probability at least z
                share[t].setCoefficient(x[t], 1);
                share[t].setCoefficient(z, -types.count(t));
            }
            for (int f = 0; f < in.features(); f++) {
                MPConstraint c = lp.makeConstraint(in.featureMin[f], in.featureMax[f]);
                for (int t = 0; t < size; t++) {
                    if (PanelModel.contains(types.features[t], f)) {
                        c.setCoefficient(x[t], 1);
                    }
                }
            }
            Map<Integer, MPConstraint> households = new HashMap<>();
            for (int t = 0; t < size; t++) {
                if (types.household[t] >= 0) {
                    households
                            .computeIfAbsent(types.household[t], h -> lp.makeConstraint(0, 1))
                            .setCoefficient(x[t], 1);
                }
            }
            lp.objective().setCoefficient(z, 1);
            lp.objective().setMaximization();
            boolean[] fixed = new boolean[size];
            int fixedCount = 0;
            double[] result = new double[size];
            while (fixedCount < size) {
                MPSolver.ResultStatus status = Leximin.solveLp(lp);
                for (int retry = 0; status != MPSolver.ResultStatus.OPTIMAL && retry < 3; retry++) {
                    // Rounding in the earlier levels' solutions can leave the fixed bounds a hair too tight for
                    // GLOP: loosen them by another 1e-7 of a probability and solve again.
                    for (int t = 0; t < size; t++) {
                        if (fixed[t]) {
                            share[t].setLb(Math.max(0, share[t].lb() - 1e-7 * types.count(t)));
                        }
                    }
                    status = Leximin.solveLp(lp);
                }
                if (status != MPSolver.ResultStatus.OPTIMAL) {
                    throw new IllegalStateException("relaxed LEXIMIN LP not solved: " + status);
                }
                double level = z.solutionValue();
                double[] dual = new double[size];
                for (int t = 0; t < size; t++) {
                    dual[t] = -share[t].dualValue(); // read everything before the model changes
                    result[t] = x[t].solutionValue();
                }
                int newlyFixed = 0;
                for (int t = 0; t < size; t++) {
                    // positive dual: the type is at the level in every optimum, so it cannot get more
                    // (at level 1 every remaining type is as high as it can be)
                    if (!fixed[t] && (dual[t] > Leximin.EPS_FIX || level >= 1 - 1e-9)) {
                        fixed[t] = true;
                        newlyFixed++;
                        share[t].setCoefficient(z, 0);
                        // at the level, a hair lower so that solver tolerances cannot make the next LP infeasible
                        share[t].setLb(Math.max(0, Math.min(result[t], level * types.count(t)) - 1e-7));
                    }
                }
                if (newlyFixed == 0) {
                    throw new IllegalStateException("no type fixed in a relaxed LEXIMIN round");
                }
                fixedCount += newlyFixed;
                if (Leximin.TRACE) {
                    double smallest = 1;
                    double largestFree = 0;
                    for (int t = 0; t < size; t++) {
                        if (dual[t] > Leximin.EPS_FIX) {
                            smallest = Math.min(smallest, dual[t]);
                        } else if (dual[t] > 0) {
                            largestFree = Math.max(largestFree, dual[t]);
                        }
                    }
                    System.err.printf(
                            "relaxed level %.7f: fixed %d (%d/%d), smallest dual fixed %.3g, largest positive not fixed %.3g%n",
                            level, newlyFixed, fixedCount, size, smallest, largestFree);
                }
            }
            return result;
        } finally {
            lp.delete();
        }
    }
}
