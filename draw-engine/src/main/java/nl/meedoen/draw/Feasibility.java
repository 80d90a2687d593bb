package nl.meedoen.draw;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains infeasible quotas the way sortition-algorithms does: what conflicts, and what to relax. Three parts:
 * plain counting checks per category/feature; a conflicting set of bounds (CP-SAT's infeasible core over one
 * assumption literal per bound); and the smallest relaxation (an ILP minimising the total number of seats by which
 * mins are lowered and maxes raised).
 */
final class Feasibility {
    private Feasibility() {}

    static void check(Instance in, TypeTable types, PanelModel model) {
        if (model.anyPanel().isPresent()) {
            return;
        }
        List<String> details = new ArrayList<>(countingReasons(in, types));
        List<String> conflict = conflictingBounds(in, types);
        if (!conflict.isEmpty()) {
            details.add("these bounds cannot hold together: " + String.join(", ", conflict));
        }
        List<QuotaRelaxation> relaxation = smallestRelaxation(in, types);
        int total = relaxation.stream().mapToInt(QuotaRelaxation::by).sum();
        details.add("smallest relaxation (" + total + " seat" + (total == 1 ? "" : "s") + " in total): "
                + String.join(
                        "; ", relaxation.stream().map(QuotaRelaxation::toString).toList()));
        throw new DrawException(
                DrawException.INFEASIBLE_QUOTAS,
                "no panel of " + in.k + " meets all quotas"
                        + (in.householdRule ? " with at most one per household" : ""),
                details,
                relaxation);
    }

    /** Simple necessary conditions, stated in the user's terms. */
    static List<String> countingReasons(Instance in, TypeTable types) {
        List<String> reasons = new ArrayList<>();
        Map<String, int[]> perCategory = new HashMap<>();
        int[] available = new int[in.features()];
        for (int t = 0; t < types.size(); t++) {
            for (int f : types.features[t]) {
                available[f] += types.count(t);
            }
        }
        for (int f = 0; f < in.features(); f++) {
            int[] sums = perCategory.computeIfAbsent(in.featureCategory[f], c -> new int[2]);
            sums[0] += in.featureMin[f];
            sums[1] += in.featureMax[f];
            if (in.featureMin[f] > available[f]) {
                reasons.add("minimum " + in.featureMin[f] + " for " + in.featureName(f) + " but only " + available[f]
                        + " in the pool");
            }
        }
        for (Map.Entry<String, int[]> e : perCategory.entrySet()) {
            if (e.getValue()[0] > in.k) {
                reasons.add("the minimums of " + e.getKey() + " add up to " + e.getValue()[0] + ", more than the "
                        + in.k + " seats");
            }
            if (e.getValue()[1] < in.k) {
                reasons.add("the maximums of " + e.getKey() + " add up to " + e.getValue()[1] + ", fewer than the "
                        + in.k + " seats");
            }
        }
        return reasons;
    }

    /** A (not necessarily minimum) set of quota bounds that together admit no panel, e.g. "gender=female min 12". */
    static List<String> conflictingBounds(Instance in, TypeTable types) {
        CpModel model = new CpModel();
        IntVar[] x = panelVariables(in, types, model);
        List<BoolVar> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int f = 0; f < in.features(); f++) {
            LinearExpr sum = featureSum(types, x, f);
            BoolVar lo = model.newBoolVar("min" + f);
            model.addGreaterOrEqual(sum, in.featureMin[f]).onlyEnforceIf(lo);
            literals.add(lo);
            names.add(in.featureName(f) + " min " + in.featureMin[f]);
            BoolVar hi = model.newBoolVar("max" + f);
            model.addLessOrEqual(sum, in.featureMax[f]).onlyEnforceIf(hi);
            literals.add(hi);
            names.add(in.featureName(f) + " max " + in.featureMax[f]);
        }
        model.addAssumptions(literals.toArray(BoolVar[]::new));
        CpSolver solver = PanelModel.solver();
        if (solver.solve(model) != CpSolverStatus.INFEASIBLE) {
            return List.of();
        }
        Set<String> core = new LinkedHashSet<>();
        for (int index : solver.sufficientAssumptionsForInfeasibility()) {
            for (int i = 0; i < literals.size(); i++) {
                if (literals.get(i).getIndex() == index) {
                    core.add(names.get(i));
                }
            }
        }
        return List.copyOf(core);
    }

    /** Minimise the total seats by which minimums are lowered and maximums raised; panel size and households stay. */
    static List<QuotaRelaxation> smallestRelaxation(Instance in, TypeTable types) {
        CpModel model = new CpModel();
        IntVar[] x = panelVariables(in, types, model);
        IntVar[] lower = new IntVar[in.features()];
        IntVar[] raise = new IntVar[in.features()];
        for (int f = 0; f < in.features(); f++) {
            LinearExpr sum = featureSum(types, x, f);
            lower[f] = model.newIntVar(0, in.featureMin[f], "lower" + f);
            raise[f] = model.newIntVar(0, in.k, "raise" + f);
            model.addGreaterOrEqual(
                    LinearExpr.newBuilder().add(sum).add(lower[f]).build(), in.featureMin[f]);
            model.addLessOrEqual(
                    LinearExpr.newBuilder().add(sum).addTerm(raise[f], -1).build(), in.featureMax[f]);
        }
        List<IntVar> all = new ArrayList<>(List.of(lower));
        all.addAll(List.of(raise));
        model.minimize(LinearExpr.sum(all.toArray(IntVar[]::new)));
        CpSolver solver = PanelModel.solver();
        CpSolverStatus status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL) {
            return List.of();
        }
        List<QuotaRelaxation> result = new ArrayList<>();
        for (int f = 0; f < in.features(); f++) {
            long lo = solver.value(lower[f]);
            long hi = solver.value(raise[f]);
            if (lo > 0) {
                result.add(new QuotaRelaxation(in.featureCategory[f], in.featureValue[f], "min", in.featureMin[f], (int)
                        (in.featureMin[f] - lo)));
            }
            if (hi > 0) {
                result.add(new QuotaRelaxation(in.featureCategory[f], in.featureValue[f], "max", in.featureMax[f], (int)
                        (in.featureMax[f] + hi)));
            }
        }
        return result;
    }

    private static IntVar[] panelVariables(Instance in, TypeTable types, CpModel model) {
        IntVar[] x = new IntVar[types.size()];
        Map<Integer, List<IntVar>> households = new HashMap<>();
        for (int t = 0; t < x.length; t++) {
            x[t] = model.newIntVar(0, types.cap(t), "x" + t);
            if (types.household[t] >= 0) {
                households
                        .computeIfAbsent(types.household[t], h -> new ArrayList<>())
                        .add(x[t]);
            }
        }
        model.addEquality(LinearExpr.sum(x), in.k);
        for (List<IntVar> vars : households.values()) {
            if (vars.size() > 1) {
                model.addLessOrEqual(LinearExpr.sum(vars.toArray(IntVar[]::new)), 1);
            }
        }
        return x;
    }

    private static LinearExpr featureSum(TypeTable types, IntVar[] x, int f) {
        List<IntVar> with = new ArrayList<>();
        for (int t = 0; t < x.length; t++) {
            if (PanelModel.contains(types.features[t], f)) {
                with.add(x[t]);
            }
        }
        return LinearExpr.sum(with.toArray(IntVar[]::new));
    }
}
