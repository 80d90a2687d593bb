package nl.meedoen.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A probability distribution over panels, as committed and published. {@code types} lists the member ids of each
 * type (interchangeable people); a panel says how many people it takes from each type; its probability is
 * {@code tickets / TICKETS}. Integer tickets make sampling exact and reproducible in any language.
 */
public record Distribution(List<List<String>> types, List<Panel> panels) {
    /** Tickets of a whole distribution: 10^12, so rounding moves any probability by at most ~10^-12 per panel. */
    public static final long TICKETS = 1_000_000_000_000L;

    public record Panel(List<Integer> counts, long tickets) {
        public Panel {
            counts = List.copyOf(counts);
        }

        public double probability() {
            return tickets / (double) TICKETS;
        }
    }

    public Distribution {
        types = types.stream().map(List::copyOf).toList();
        panels = List.copyOf(panels);
    }

    /** Selection probability of one member of each type: E[count_t] / |type t|. */
    public double[] typeProbabilities() {
        double[] p = new double[types.size()];
        for (int t = 0; t < p.length; t++) {
            long expected = 0; // in tickets; <= 10^12 * panel size, fits a long
            for (Panel panel : panels) {
                expected += panel.tickets() * panel.counts().get(t);
            }
            p[t] = expected / (double) TICKETS / types.get(t).size();
        }
        return p;
    }

    /** Panels with exact tickets (summing to TICKETS): equal panels merged, sorted by their counts. */
    static Distribution ofTickets(TypeTable table, Instance in, List<int[]> panels, List<Long> tickets) {
        java.util.TreeMap<int[], Long> merged = new java.util.TreeMap<>(Arrays::compare);
        for (int i = 0; i < panels.size(); i++) {
            merged.merge(panels.get(i), tickets.get(i), Long::sum);
        }
        List<Panel> out = new ArrayList<>();
        merged.forEach(
                (counts, n) -> out.add(new Panel(Arrays.stream(counts).boxed().toList(), n)));
        return new Distribution(typeIds(table, in), out);
    }

    private static List<List<String>> typeIds(TypeTable table, Instance in) {
        List<List<String>> typeIds = new ArrayList<>();
        for (int[] members : table.members) {
            typeIds.add(Arrays.stream(members).mapToObj(p -> in.ids[p]).toList());
        }
        return typeIds;
    }

    /** Panels sorted by their counts (lexicographically) and probabilities rounded to tickets by largest remainder. */
    static Distribution of(TypeTable table, Instance in, List<int[]> panels, double[] probability) {
        Integer[] order = new Integer[panels.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> panels.get(i), Arrays::compare));
        long[] tickets = new long[order.length];
        double[] remainder = new double[order.length];
        long assigned = 0;
        for (int j = 0; j < order.length; j++) {
            double exact = probability[order[j]] * TICKETS;
            tickets[j] = (long) Math.floor(exact);
            remainder[j] = exact - tickets[j];
            assigned += tickets[j];
        }
        Integer[] byRemainder = new Integer[order.length];
        for (int j = 0; j < order.length; j++) {
            byRemainder[j] = j;
        }
        Arrays.sort(
                byRemainder,
                (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int r = 0; assigned < TICKETS; r = (r + 1) % order.length) {
            tickets[byRemainder[r]]++;
            assigned++;
        }
        List<Panel> out = new ArrayList<>();
        for (int j = 0; j < order.length; j++) {
            if (tickets[j] > 0) {
                out.add(new Panel(Arrays.stream(panels.get(order[j])).boxed().toList(), tickets[j]));
            }
        }
        return new Distribution(typeIds(table, in), out);
    }
}
