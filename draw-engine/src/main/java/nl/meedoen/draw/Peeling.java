package nl.meedoen.draw;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a point of the relaxed panel polytope Q as a mix of valid panels by Carathéodory peeling, in integer
 * tickets: with residual R (expected counts times the remaining tickets M), find a valid panel x on the smallest
 * face of Q that holds R (every bound R meets exactly, x meets exactly) and close to R/M, give it the largest
 * number of tickets L that keeps R - L x inside (M - L) Q, and repeat. Each step makes one more bound tight, so it
 * ends after at most (types + 1) panels. Needs no large LP. If a face has no valid panel (impossible when Q's
 * vertices are integral, e.g. two categories and no households) the small residual goes to {@link Decomposition};
 * null means the point is not a mix of valid panels.
 */
final class Peeling {
    /** Bounds within this many tickets (10^-9 of a seat) count as tight. */
    private static final long TOLERANCE = 1000;
    /** Tickets left over from rounding that may go to the last panel (10^-8 of the probability mass). */
    private static final long LEFTOVER = 10_000;
    /** Swaps the search may make for one panel before CP-SAT takes over. */
    private static final int SEARCH_MOVES = 60;

    private final Instance in;
    private final TypeTable types;
    private final int[][] featureTypes;
    private final Map<Integer, List<Integer>> householdTypes = new HashMap<>();
    private final FaceSearch search;
    /** Panels found by the swap search and by CP-SAT (trace output). */
    private int searchPanels;

    private int exactPanels;

    private Peeling(Instance in, TypeTable types) {
        this.in = in;
        this.types = types;
        this.search = new FaceSearch(in, types);
        featureTypes = new int[in.features()][];
        for (int f = 0; f < in.features(); f++) {
            List<Integer> with = new ArrayList<>();
            for (int t = 0; t < types.size(); t++) {
                if (PanelModel.contains(types.features[t], f)) {
                    with.add(t);
                }
            }
            featureTypes[f] = with.stream().mapToInt(Integer::intValue).toArray();
        }
        for (int t = 0; t < types.size(); t++) {
            if (types.household[t] >= 0) {
                householdTypes
                        .computeIfAbsent(types.household[t], h -> new ArrayList<>())
                        .add(t);
            }
        }
    }

    /**
     * The peeled panels. When {@code complete}, their tickets sum to {@link Distribution#TICKETS} and their mix has
     * the target expected counts; otherwise the target is not a mix of valid panels and these are the valid panels
     * found before peeling got stuck (tickets meaningless), a warm start for the column generation.
     */
    record Panels(List<int[]> panels, List<Long> tickets, boolean complete) {}

    /** Panels with tickets summing to {@link Distribution#TICKETS} whose mix has the target expected counts, if any. */
    static Panels peel(Instance in, TypeTable types, double[] target) {
        return peel(in, types, target, DrawMonitor.NONE);
    }

    /** As {@link #peel(Instance, TypeTable, double[])}, reporting the panels found to {@code monitor}. */
    static Panels peel(Instance in, TypeTable types, double[] target, DrawMonitor monitor) {
        return new Peeling(in, types).run(target, monitor);
    }

    private Panels run(double[] target, DrawMonitor monitor) {
        int size = types.size();
        long total = Distribution.TICKETS;
        long[] r = new long[size];
        for (int t = 0; t < size; t++) {
            r[t] = Math.round(Math.max(0, Math.min(target[t], types.cap(t))) * total);
        }
        List<int[]> panels = new ArrayList<>();
        List<Long> tickets = new ArrayList<>();
        long m = total;
        long started = System.nanoTime();
        while (m > 0) {
            if (panels.size() % 50 == 0 && !panels.isEmpty()) {
                // at most one panel per type and one more
                monitor.progress(
                        "leximin: peeling, " + panels.size() + " panels found", panels.size(), types.size() + 1L);
                if (monitor.cancelled()) {
                    throw DrawException.cancelled();
                }
            }
            if (Leximin.TRACE && panels.size() % 100 == 0) {
                System.err.printf(
                        "  peeling %d panels, %.2fs [%d/%d]%n",
                        panels.size(), (System.nanoTime() - started) / 1e9, searchPanels, exactPanels);
            }
            int[] x = facePanel(r, m, panels.isEmpty() ? null : panels.get(panels.size() - 1));
            if (x == null && !panels.isEmpty() && m <= LEFTOVER) {
                // only rounding dust is left (every residual within tolerance): it joins the last panel
                tickets.set(tickets.size() - 1, tickets.get(tickets.size() - 1) + m);
                break;
            }
            if (x == null) {
                if (Leximin.TRACE) {
                    int support = 0;
                    for (long v : r) {
                        support += v > TOLERANCE ? 1 : 0;
                    }
                    System.err.printf(
                            "peeling stuck after %d panels, %d tickets left, support %d, %.2fs [%d/%d]%n",
                            panels.size(), m, support, (System.nanoTime() - started) / 1e9, searchPanels, exactPanels);
                }
                // The residual lives on few types: write it as a mix of panels by column generation instead.
                double[] rest = new double[size];
                for (int t = 0; t < size; t++) {
                    rest[t] = r[t] > TOLERANCE ? r[t] / (double) m : 0;
                }
                Leximin.Result tail = Decomposition.decompose(in, types, rest);
                if (tail == null) {
                    return new Panels(panels, tickets, false);
                }
                long left = m;
                for (int i = 0; i < tail.panels().size(); i++) {
                    long n = i == tail.panels().size() - 1
                            ? left
                            : Math.min(left, Math.round(tail.panelProbability()[i] * m));
                    if (n > 0) {
                        panels.add(tail.panels().get(i));
                        tickets.add(n);
                        left -= n;
                    }
                }
                return new Panels(panels, tickets, true);
            }
            long step = Math.min(m, maxStep(r, m, x));
            for (int t = 0; t < size; t++) {
                r[t] -= step * x[t];
            }
            m -= step;
            panels.add(x);
            tickets.add(step);
        }
        if (Leximin.TRACE) {
            System.err.printf(
                    "peeling: %d panels (%d by swap search, %d by CP-SAT), %.2fs%n",
                    panels.size(), searchPanels, exactPanels, (System.nanoTime() - started) / 1e9);
        }
        return new Panels(panels, tickets, true);
    }

    /** Largest L (at least 1) with R - L x in (M - L) Q, from the bounds R does not meet. */
    private long maxStep(long[] r, long m, int[] x) {
        long best = m;
        for (int t = 0; t < r.length; t++) {
            best = Math.min(best, limit(r[t], m, x[t], 0, types.cap(t)));
        }
        for (int f = 0; f < featureTypes.length; f++) {
            long s = 0;
            int xs = 0;
            for (int t : featureTypes[f]) {
                s += r[t];
                xs += x[t];
            }
            best = Math.min(best, limit(s, m, xs, in.featureMin[f], in.featureMax[f]));
        }
        for (List<Integer> h : householdTypes.values()) {
            long s = 0;
            int xs = 0;
            for (int t : h) {
                s += r[t];
                xs += x[t];
            }
            best = Math.min(best, limit(s, m, xs, 0, 1));
        }
        return Math.max(1, best);
    }

    /** For a quantity with residual s (in M-scaled units) and panel value v, bounds lo..hi: the largest step. */
    private static long limit(long s, long m, int v, int lo, int hi) {
        long best = Long.MAX_VALUE;
        // s - L v >= (M - L) lo  <=>  L (v - lo) <= s - M lo
        if (v > lo && s - m * lo > TOLERANCE) {
            best = Math.min(best, (s - m * lo) / (v - lo));
        }
        // s - L v <= (M - L) hi  <=>  L (hi - v) <= M hi - s
        if (v < hi && m * hi - s > TOLERANCE) {
            best = Math.min(best, (m * hi - s) / (hi - v));
        }
        return best;
    }

    /**
     * A valid panel on the face of R: bounds R meets are met exactly; otherwise each type count rounds R_t / M up or
     * down if possible, else anything in range. The swap search first, CP-SAT when it gives up.
     */
    private int[] facePanel(long[] r, long m, int[] hint) {
        Face rounding = face(r, m, true);
        double[] preference = new double[r.length];
        for (int t = 0; t < r.length; t++) {
            preference[t] = (r[t] % m) / (double) m;
        }
        int[] x = search.find(
                rounding.lo,
                rounding.hi,
                rounding.featureLo,
                rounding.featureHi,
                rounding.householdLo,
                hint,
                preference,
                SEARCH_MOVES);
        if (x != null && rounding.holds(x)) {
            searchPanels++;
            return x;
        }
        exactPanels++;
        x = solveFace(rounding, hint);
        return x != null ? x : solveFace(face(r, m, false), hint);
    }

    /** Bounds of the face of R (type, feature and household), type counts rounded when {@code rounding}. */
    private final class Face {
        final int[] lo;
        final int[] hi;
        final int[] featureLo;
        final int[] featureHi;
        final int[] householdLo;

        Face(int size) {
            lo = new int[size];
            hi = new int[size];
            featureLo = new int[in.features()];
            featureHi = new int[in.features()];
            householdLo = new int[in.householdSize.length];
        }

        boolean holds(int[] x) {
            if (!types.isValidPanel(in, x)) {
                return false;
            }
            for (int t = 0; t < x.length; t++) {
                if (x[t] < lo[t] || x[t] > hi[t]) {
                    return false;
                }
            }
            for (int f = 0; f < featureTypes.length; f++) {
                int s = 0;
                for (int t : featureTypes[f]) {
                    s += x[t];
                }
                if (s < featureLo[f] || s > featureHi[f]) {
                    return false;
                }
            }
            for (Map.Entry<Integer, List<Integer>> e : householdTypes.entrySet()) {
                int s = 0;
                for (int t : e.getValue()) {
                    s += x[t];
                }
                if (s < householdLo[e.getKey()] || s > 1) {
                    return false;
                }
            }
            return true;
        }
    }

    private Face face(long[] r, long m, boolean rounding) {
        int size = types.size();
        Face face = new Face(size);
        for (int t = 0; t < size; t++) {
            int cap = types.cap(t);
            long lo;
            long hi;
            if (r[t] <= TOLERANCE) {
                lo = hi = 0;
            } else if (m * cap - r[t] <= TOLERANCE) {
                lo = hi = cap;
            } else if (rounding) {
                lo = r[t] / m;
                hi = Math.min(cap, lo + 1);
            } else {
                lo = 0;
                hi = cap;
            }
            face.lo[t] = (int) lo;
            face.hi[t] = (int) hi;
        }
        for (int f = 0; f < featureTypes.length; f++) {
            long s = 0;
            for (int t : featureTypes[f]) {
                s += r[t];
            }
            int lo = in.featureMin[f];
            int hi = in.featureMax[f];
            if (s - m * lo <= TOLERANCE) {
                hi = lo;
            } else if (m * hi - s <= TOLERANCE) {
                lo = hi;
            }
            face.featureLo[f] = lo;
            face.featureHi[f] = hi;
        }
        for (Map.Entry<Integer, List<Integer>> e : householdTypes.entrySet()) {
            long s = 0;
            for (int t : e.getValue()) {
                s += r[t];
            }
            face.householdLo[e.getKey()] = m - s <= TOLERANCE ? 1 : 0;
        }
        return face;
    }

    private int[] solveFace(Face face, int[] hint) {
        int size = types.size();
        CpModel model = new CpModel();
        IntVar[] x = new IntVar[size];
        for (int t = 0; t < size; t++) {
            x[t] = model.newIntVar(face.lo[t], face.hi[t], "x" + t);
        }
        model.addEquality(LinearExpr.sum(x), in.k);
        for (int f = 0; f < featureTypes.length; f++) {
            IntVar[] vars = new IntVar[featureTypes[f].length];
            for (int i = 0; i < vars.length; i++) {
                vars[i] = x[featureTypes[f][i]];
            }
            model.addLinearConstraint(LinearExpr.sum(vars), face.featureLo[f], face.featureHi[f]);
        }
        for (Map.Entry<Integer, List<Integer>> e : householdTypes.entrySet()) {
            List<Integer> h = e.getValue();
            IntVar[] vars = new IntVar[h.size()];
            for (int i = 0; i < vars.length; i++) {
                vars[i] = x[h.get(i)];
            }
            model.addLinearConstraint(LinearExpr.sum(vars), face.householdLo[e.getKey()], 1);
        }
        if (hint != null) {
            for (int t = 0; t < size; t++) {
                model.addHint(x[t], hint[t]);
            }
        }
        CpSolver solver = PanelModel.solver();
        CpSolverStatus status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return null;
        }
        int[] panel = new int[size];
        for (int t = 0; t < size; t++) {
            panel[t] = (int) solver.value(x[t]);
        }
        return panel;
    }
}
