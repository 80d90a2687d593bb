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

    private final Instance in;
    private final TypeTable types;
    private final int[][] featureTypes;
    private final Map<Integer, List<Integer>> householdTypes = new HashMap<>();

    private Peeling(Instance in, TypeTable types) {
        this.in = in;
        this.types = types;
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

    record Panels(List<int[]> panels, List<Long> tickets) {}

    /** Panels with tickets summing to {@link Distribution#TICKETS} whose mix has the target expected counts, or null. */
    static Panels peel(Instance in, TypeTable types, double[] target) {
        return new Peeling(in, types).run(target);
    }

    private Panels run(double[] target) {
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
            if (Leximin.TRACE && panels.size() % 100 == 0) {
                System.err.printf("  peeling %d panels, %.2fs%n", panels.size(), (System.nanoTime() - started) / 1e9);
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
                            "peeling stuck after %d panels, %d tickets left, support %d%n", panels.size(), m, support);
                }
                // The residual lives on few types: write it as a mix of panels by column generation instead.
                double[] rest = new double[size];
                for (int t = 0; t < size; t++) {
                    rest[t] = r[t] > TOLERANCE ? r[t] / (double) m : 0;
                }
                Leximin.Result tail = Decomposition.decompose(in, types, rest);
                if (tail == null) {
                    return null;
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
                return new Panels(panels, tickets);
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
            System.err.printf("peeling: %d panels%n", panels.size());
        }
        return new Panels(panels, tickets);
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
     * down if possible, else anything in range.
     */
    private int[] facePanel(long[] r, long m, int[] hint) {
        int[] x = solveFace(r, m, true, hint);
        return x != null ? x : solveFace(r, m, false, hint);
    }

    private int[] solveFace(long[] r, long m, boolean rounding, int[] hint) {
        int size = types.size();
        CpModel model = new CpModel();
        IntVar[] x = new IntVar[size];
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
            x[t] = model.newIntVar(lo, hi, "x" + t);
        }
        model.addEquality(LinearExpr.sum(x), in.k);
        for (int f = 0; f < featureTypes.length; f++) {
            IntVar[] vars = new IntVar[featureTypes[f].length];
            long s = 0;
            for (int i = 0; i < vars.length; i++) {
                vars[i] = x[featureTypes[f][i]];
                s += r[featureTypes[f][i]];
            }
            long lo = in.featureMin[f];
            long hi = in.featureMax[f];
            if (s - m * lo <= TOLERANCE) {
                hi = lo;
            } else if (m * hi - s <= TOLERANCE) {
                lo = hi;
            }
            model.addLinearConstraint(LinearExpr.sum(vars), lo, hi);
        }
        for (List<Integer> h : householdTypes.values()) {
            long s = 0;
            IntVar[] vars = new IntVar[h.size()];
            for (int i = 0; i < vars.length; i++) {
                vars[i] = x[h.get(i)];
                s += r[h.get(i)];
            }
            model.addLinearConstraint(LinearExpr.sum(vars), m - s <= TOLERANCE ? 1 : 0, 1);
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
