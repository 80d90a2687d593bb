package nl.meedoen.draw;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pricing step, cheapest first: (1) local search from the best known panels; (2) if that finds nothing, the LP
 * relaxation of the panel polytope bounds the best weight — at or below the threshold proves no improving panel
 * exists; (3) otherwise the exact ILP decides.
 */
final class Pricing implements AutoCloseable {
    private static final int STARTS = 10;

    private final TypeTable types;
    private final PanelModel exact;
    private final LocalSearch search;
    private final MPSolver relaxation;
    private final MPVariable[] rx;
    int heuristicHits;
    int relaxationProofs;
    int exactCalls;

    Pricing(Instance in, TypeTable types, PanelModel exact) {
        this.types = types;
        this.exact = exact;
        this.search = new LocalSearch(in, types);
        relaxation = MPSolver.createSolver("GLOP");
        int size = types.size();
        rx = new MPVariable[size];
        for (int t = 0; t < size; t++) {
            rx[t] = relaxation.makeNumVar(0, types.cap(t), "x" + t);
        }
        MPConstraint seats = relaxation.makeConstraint(in.k, in.k);
        for (MPVariable v : rx) {
            seats.setCoefficient(v, 1);
        }
        for (int f = 0; f < in.features(); f++) {
            MPConstraint c = relaxation.makeConstraint(in.featureMin[f], in.featureMax[f]);
            for (int t = 0; t < size; t++) {
                if (PanelModel.contains(types.features[t], f)) {
                    c.setCoefficient(rx[t], 1);
                }
            }
        }
        Map<Integer, MPConstraint> households = new HashMap<>();
        for (int t = 0; t < size; t++) {
            if (types.household[t] >= 0) {
                households
                        .computeIfAbsent(types.household[t], h -> relaxation.makeConstraint(0, 1))
                        .setCoefficient(rx[t], 1);
            }
        }
        relaxation.objective().setMaximization();
    }

    /** Valid panels with weight above {@code threshold}, best first; empty only when none exists. */
    List<int[]> improving(double[] w, double threshold, List<int[]> known) {
        List<int[]> starts = bestOf(known, w);
        List<int[]> found = new ArrayList<>();
        Set<List<Integer>> seen = new HashSet<>();
        for (int[] start : starts) {
            int[] panel = search.climb(start, w);
            if (PanelModel.weight(w, panel) > threshold
                    && seen.add(Arrays.stream(panel).boxed().toList())) {
                found.add(panel);
            }
        }
        if (!found.isEmpty()) {
            heuristicHits++;
            found.sort((a, b) -> Double.compare(PanelModel.weight(w, b), PanelModel.weight(w, a)));
            return found;
        }
        MPObjective objective = relaxation.objective();
        for (int t = 0; t < rx.length; t++) {
            objective.setCoefficient(rx[t], w[t]);
        }
        if (relaxation.solve() == MPSolver.ResultStatus.OPTIMAL && objective.value() <= threshold) {
            relaxationProofs++;
            return List.of();
        }
        exactCalls++;
        return exact.improving(w, threshold, starts.isEmpty() ? null : search.climb(starts.get(0), w));
    }

    /** Panels that together contain every type that can be on a valid panel at all. */
    List<int[]> cover(PanelModel model) {
        return cover(model.anyPanel().orElseThrow(() -> new IllegalStateException("quotas are infeasible")));
    }

    /** As {@link #cover(PanelModel)}, starting from the valid panel {@code first}. */
    List<int[]> cover(int[] first) {
        int size = types.size();
        List<int[]> panels = new ArrayList<>();
        panels.add(first);
        boolean[] covered = new boolean[size];
        mark(panels.get(0), covered);
        double[] w = new double[size];
        for (int t = 0; t < size; t++) {
            if (covered[t]) {
                continue;
            }
            // weight on every type still uncovered, most on t, so one panel covers as many as it can
            for (int u = 0; u < size; u++) {
                w[u] = covered[u] ? 0 : (u == t ? size : 1);
            }
            for (int[] panel : improving(w, size - 0.5, panels)) {
                panels.add(panel);
                mark(panel, covered);
            }
            // none found: type t is on no valid panel and will get probability 0
        }
        if (Leximin.TRACE) {
            System.err.printf("cover: %d panels [%s]%n", panels.size(), counts());
        }
        return panels;
    }

    private static void mark(int[] panel, boolean[] covered) {
        for (int t = 0; t < panel.length; t++) {
            covered[t] |= panel[t] > 0;
        }
    }

    /** The STARTS known panels of highest weight. */
    private static List<int[]> bestOf(List<int[]> known, double[] w) {
        List<int[]> sorted = new ArrayList<>(known);
        Map<int[], Double> weight = new HashMap<>();
        for (int[] p : sorted) {
            weight.put(p, PanelModel.weight(w, p));
        }
        sorted.sort((a, b) -> Double.compare(weight.get(b), weight.get(a)));
        return sorted.subList(0, Math.min(STARTS, sorted.size()));
    }

    @Override
    public void close() {
        relaxation.delete();
    }

    /** Pricing calls answered by the heuristic, proved by the relaxation and solved exactly, for traces. */
    String counts() {
        return heuristicHits + "/" + relaxationProofs + "/" + exactCalls;
    }
}
