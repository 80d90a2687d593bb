package nl.meedoen.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The draw engine: selection probabilities, two-phase verifiable draws, verification and replacements. Stateless
 * and thread-safe; plain data in, plain data out; problems with the input raise {@link DrawException}.
 */
public final class DrawEngine {
    /** Goes into every commitment: a change to how distributions or samples are computed must change it. */
    public static final String ENGINE = "meedoen-draw-engine/1.0.0";
    /** Tolerance when comparing a recomputed LEXIMIN optimum with a committed one. */
    static final double RECOMPUTE_TOLERANCE = 1e-6;

    /** Each person's selection probability (pool order); for LEXIMIN also the panel distribution. */
    public Probabilities probabilities(DrawInput input) {
        return compute(Instance.of(input), DrawMonitor.NONE);
    }

    /**
     * Checks the input without computing anything (milliseconds): a panel larger than the pool or its households,
     * unknown features, malformed quotas. What only the solver can tell (infeasible quotas) is left to {@link #commit}.
     */
    public void validate(DrawInput input) {
        Instance.of(input);
    }

    /** Phase (a): fix the inputs and the distribution and hash them. Publish the result before the seed exists. */
    public DrawRecord commit(DrawInput input) {
        return commit(input, DrawMonitor.NONE);
    }

    /** {@link #commit(DrawInput)}, reporting progress to {@code monitor} and stopping when it says so. */
    public DrawRecord commit(DrawInput input, DrawMonitor monitor) {
        Probabilities p = compute(Instance.of(input), monitor);
        String commitment = DrawRecords.commitment(DrawRecords.committed(ENGINE, input, p.distribution()));
        return new DrawRecord(ENGINE, input, p.distribution(), commitment, null, null, p.values());
    }

    /** Phase (b): sample the panel and the waitlist from a committed record with the seed. */
    public DrawRecord draw(DrawRecord committed, String seed) {
        if (seed == null || seed.isBlank()) {
            throw DrawException.invalid("the seed must not be empty");
        }
        Instance in = Instance.of(committed.input());
        Sampler.Outcome o = sample(in, committed.distribution(), committed.commitment(), seed);
        return new DrawRecord(
                committed.engine(),
                committed.input(),
                committed.distribution(),
                committed.commitment(),
                seed,
                new DrawRecord.Result(o.panel(), o.selected(), o.waitlist()),
                committed.probabilities());
    }

    /** Both phases at once (tests, or when the seed is not public). */
    public DrawRecord draw(DrawInput input, String seed) {
        return draw(commit(input), seed);
    }

    public Verification verify(DrawRecord record) {
        return verify(DrawRecords.toJson(record), null, false);
    }

    /**
     * Checks a published record: its commitment is the hash of what it commits to (and equals
     * {@code expectedCommitment} when given), the inputs are valid, the distribution's types follow from the pool and
     * every panel in it is valid, the probabilities follow from the distribution, and the seed reproduces the result.
     * A record with a seed ceremony also needs every reveal to match its commitment and the seed to follow from the
     * commitment and the reveals ({@link DrawRecords.SeedCeremony#problems}).
     * With {@code recomputeDistribution} the LEXIMIN optimum is computed again and must give everyone the committed
     * probability (within 1e-6; the optimal probabilities are unique, the panel mix need not be).
     */
    private static final java.util.regex.Pattern DRAW_KEY = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    public Verification verify(String recordJson, String expectedCommitment, boolean recomputeDistribution) {
        List<String> checked = new ArrayList<>();
        List<String> diff = new ArrayList<>();
        Map<String, Object> tree = DrawRecords.parseTree(recordJson);
        DrawRecord record = DrawRecords.fromTree(tree);

        String recomputed;
        try {
            recomputed = DrawRecords.commitment(tree.get("committed"));
        } catch (IllegalArgumentException e) {
            throw DrawRecords.bad("committed part is not canonical JSON: " + e.getMessage());
        }
        boolean householdsRedacted = DrawRecords.householdsRedacted(tree);
        if (householdsRedacted) {
            // the commitment covers the household keys as committed, which this published copy hides; the grouping the
            // rest depends on is kept, and the parties' unredacted record still proves the commitment
            checked.add(DrawRecords.COMMITMENT_NOT_RECOMPUTED);
        } else {
            checked.add("commitment");
            if (!recomputed.equals(record.commitment())) {
                diff.add("commitment: the committed inputs hash to " + recomputed + ", the record says "
                        + record.commitment());
            }
        }
        if (expectedCommitment != null) {
            checked.add("published commitment");
            if (!expectedCommitment.equalsIgnoreCase(record.commitment())) {
                diff.add("published commitment: expected " + expectedCommitment + ", the record has "
                        + record.commitment());
            }
        }
        if (!record.engine().startsWith("meedoen-draw-engine/1.")) {
            diff.add("engine: " + record.engine() + " is not a version this verifier knows");
            return new Verification(false, record.commitment(), checked, diff);
        }
        Instance in;
        try {
            in = Instance.of(record.input());
        } catch (DrawException e) {
            diff.add("inputs: " + e.getMessage() + (e.details().isEmpty() ? "" : " " + e.details()));
            return new Verification(false, record.commitment(), checked, diff);
        }
        checked.add("inputs");
        if (householdsRedacted
                && record.input().pool().stream()
                        .anyMatch(p -> p.household() != null
                                && !DRAW_KEY.matcher(p.household()).matches())) {
            diff.add("committed.pool: a redacted household must be its draw key, 64 lowercase hex digits");
            return new Verification(false, record.commitment(), checked, diff);
        }
        boolean leximin = record.input().algorithm() == Algorithm.LEXIMIN;
        if (leximin != (record.distribution() != null)) {
            diff.add("distribution: " + (leximin ? "missing for leximin" : "present for uniform"));
            return new Verification(false, record.commitment(), checked, diff);
        }
        if (leximin) {
            checked.add("distribution");
            diff.addAll(distributionProblems(in, record.distribution()));
            if (!diff.isEmpty()) {
                return new Verification(false, record.commitment(), checked, diff);
            }
        }
        List<Double> derived = probabilitiesOf(in, record.distribution());
        if (record.probabilities() != null) {
            checked.add("probabilities");
            int differing = 0;
            for (int p = 0; p < in.n && record.probabilities().size() == in.n; p++) {
                differing += Math.abs(record.probabilities().get(p) - derived.get(p)) > 1e-9 ? 1 : 0;
            }
            if (record.probabilities().size() != in.n || differing > 0) {
                diff.add("probabilities: "
                        + (record.probabilities().size() != in.n
                                ? "not one per pool entry"
                                : differing + " differ from the committed distribution"));
            }
        }
        if (record.seed() != null || record.result() != null) {
            checked.add("result");
            if (record.seed() == null || record.result() == null) {
                diff.add("result: a record with a result needs its seed (and vice versa)");
            } else {
                Sampler.Outcome o =
                        sample(in, record.distribution(), record.commitment(), record.seed(), householdsRedacted);
                if (!Objects.equals(o.panel(), record.result().panel())) {
                    diff.add("result.panel: the seed picks panel " + o.panel() + ", the record says "
                            + record.result().panel());
                }
                if (!o.selected().equals(record.result().selected())) {
                    diff.add("result.selected: the seed selects " + o.selected() + ", the record says "
                            + record.result().selected());
                }
                if (!o.waitlist().equals(record.result().waitlist())) {
                    diff.add("result.waitlist: differs from the order the seed gives");
                }
            }
        }
        DrawRecords.SeedCeremony ceremony = DrawRecords.seedCeremony(tree);
        if (ceremony != null) {
            checked.add("seed ceremony");
            if (record.seed() == null) {
                diff.add("seedCeremony: a record with a seed ceremony needs its seed");
            } else {
                diff.addAll(ceremony.problems(record.commitment(), record.seed()));
            }
        }
        if (recomputeDistribution && leximin) {
            checked.add("leximin optimum");
            List<Double> optimum = compute(in, DrawMonitor.NONE).values();
            int worst = -1;
            for (int p = 0; p < in.n; p++) {
                if (Math.abs(optimum.get(p) - derived.get(p)) > RECOMPUTE_TOLERANCE
                        && (worst < 0
                                || Math.abs(optimum.get(p) - derived.get(p))
                                        > Math.abs(optimum.get(worst) - derived.get(worst)))) {
                    worst = p;
                }
            }
            if (worst >= 0) {
                diff.add("leximin optimum: person " + in.ids[worst] + " has probability " + derived.get(worst)
                        + " in the committed distribution, the optimum gives " + optimum.get(worst));
            }
        }
        return new Verification(diff.isEmpty(), record.commitment(), checked, diff);
    }

    /** Replace a withdrawn panel member from the record's own panel and waitlist. */
    public Replacement replace(DrawRecord record, String withdrawn) {
        if (!record.isDrawn()) {
            throw DrawException.invalid("the record has no draw result yet");
        }
        return replace(record, record.result().selected(), record.result().waitlist(), withdrawn);
    }

    /**
     * The first person on {@code waitlist} who, put in the place of {@code withdrawn}, keeps every quota (LEXIMIN)
     * and the household rule. Chain calls with the returned panel and waitlist for further withdrawals.
     */
    public Replacement replace(DrawRecord record, List<String> panel, List<String> waitlist, String withdrawn) {
        Instance in = Instance.of(record.input());
        Map<String, Integer> index = new HashMap<>();
        for (int p = 0; p < in.n; p++) {
            index.put(in.ids[p], p);
        }
        if (!panel.contains(withdrawn)) {
            throw DrawException.invalid("'" + withdrawn + "' is not on the panel");
        }
        for (String id : panel) {
            if (!index.containsKey(id)) {
                throw DrawException.invalid("'" + id + "' on the panel is not in the pool");
            }
        }
        List<String> remaining = new ArrayList<>(panel);
        remaining.remove(withdrawn);
        boolean quotas = record.input().algorithm() == Algorithm.LEXIMIN;
        int[] perFeature = new int[in.features()];
        Set<Integer> households = new HashSet<>();
        for (String id : remaining) {
            int p = index.get(id);
            for (int f : in.personFeature[p]) {
                perFeature[f]++;
            }
            if (in.household[p] >= 0) {
                households.add(in.household[p]);
            }
        }
        for (int i = 0; i < waitlist.size(); i++) {
            Integer p = index.get(waitlist.get(i));
            if (p == null) {
                throw DrawException.invalid("'" + waitlist.get(i) + "' on the waitlist is not in the pool");
            }
            if (in.householdRule && in.household[p] >= 0 && households.contains(in.household[p])) {
                continue;
            }
            if (quotas && !fits(in, perFeature, p)) {
                continue;
            }
            List<String> newPanel = new ArrayList<>(remaining);
            newPanel.add(waitlist.get(i));
            List<String> newWaitlist = new ArrayList<>(waitlist);
            newWaitlist.remove(i);
            return new Replacement(withdrawn, waitlist.get(i), newPanel, newWaitlist, null);
        }
        String needs = quotas
                ? " with "
                        + String.join(
                                ", ",
                                Arrays.stream(in.personFeature[index.get(withdrawn)])
                                        .filter(f -> perFeature[f] < in.featureMin[f])
                                        .mapToObj(in::featureName)
                                        .toList())
                : "";
        return new Replacement(
                withdrawn,
                null,
                remaining,
                waitlist,
                "no one on the waitlist" + (needs.endsWith("with ") ? "" : needs) + " keeps all quotas"
                        + (in.householdRule ? " and the household rule" : ""));
    }

    private static boolean fits(Instance in, int[] perFeature, int p) {
        for (int f = 0; f < in.features(); f++) {
            int count = perFeature[f] + (PanelModel.contains(in.personFeature[p], f) ? 1 : 0);
            if (count < in.featureMin[f] || count > in.featureMax[f]) {
                return false;
            }
        }
        return true;
    }

    /**
     * -Ddraw.exact=true: the paper's column generation alone, without the relaxation, peeling and decomposition (a
     * reference for checking the fast path; slow on pools with hundreds of types).
     */
    static final boolean EXACT_ONLY = Boolean.getBoolean("draw.exact");

    private Probabilities compute(Instance in, DrawMonitor monitor) {
        if (in.input.algorithm() == Algorithm.UNIFORM) {
            return new Probabilities(Algorithm.UNIFORM, List.of(in.ids), probabilitiesOf(in, null), null, 0, 0);
        }
        TypeTable types = TypeTable.of(in);
        PanelModel model = new PanelModel(in, types);
        monitor.progress("checking the quotas", 0, types.size());
        Feasibility.check(in, types, model);
        if (monitor.cancelled()) {
            throw DrawException.cancelled();
        }
        // Fast path: LEXIMIN over the LP relaxation, exact whenever that optimum is a mix of valid panels.
        monitor.progress("leximin: relaxation", 0, types.size());
        if (EXACT_ONLY) {
            Leximin.Result exact = Leximin.solve(in, types, model, monitor, List.of());
            return new Probabilities(
                    Algorithm.LEXIMIN,
                    List.of(in.ids),
                    probabilitiesOf(in, Distribution.of(types, in, exact.panels(), exact.panelProbability())),
                    Distribution.of(types, in, exact.panels(), exact.panelProbability()),
                    types.size(),
                    exact.pricingCalls());
        }
        double[] relaxed = RelaxedLeximin.solve(in, types);
        monitor.progress("leximin: peeling", 0, types.size());
        Peeling.Panels peeled = Peeling.peel(in, types, relaxed, monitor);
        if (monitor.cancelled()) {
            throw DrawException.cancelled();
        }
        Distribution distribution;
        int calls = 0;
        if (peeled.complete()) {
            distribution = Distribution.ofTickets(types, in, peeled.panels(), peeled.tickets());
        } else {
            // Peeling got stuck: column generation writes the relaxation's optimum as a mix of valid panels, starting
            // from the panels peeled so far. If it is no such mix, the LEXIMIN column generation over panels decides.
            monitor.progress("leximin: decomposition", 0, types.size());
            Leximin.Result result = Decomposition.decompose(in, types, relaxed, peeled.panels(), monitor);
            if (result == null) {
                result = Leximin.solve(in, types, model, monitor, peeled.panels());
            }
            distribution = Distribution.of(types, in, result.panels(), result.panelProbability());
            calls = result.pricingCalls();
        }
        monitor.progress("leximin: distribution found", types.size(), types.size());
        return new Probabilities(
                Algorithm.LEXIMIN,
                List.of(in.ids),
                probabilitiesOf(in, distribution),
                distribution,
                types.size(),
                calls);
    }

    /** Uniform: k/n, or k/units/household size under the household rule. LEXIMIN: from the distribution's tickets. */
    private static List<Double> probabilitiesOf(Instance in, Distribution distribution) {
        Double[] p = new Double[in.n];
        if (distribution == null) {
            for (int i = 0; i < in.n; i++) {
                int h = in.household[i];
                p[i] = in.householdRule && h >= 0
                        ? (double) in.k / in.units / in.householdSize[h]
                        : (double) in.k / (in.householdRule ? in.units : in.n);
            }
        } else {
            double[] perType = distribution.typeProbabilities();
            Map<String, Integer> typeOf = typeIndex(distribution);
            for (int i = 0; i < in.n; i++) {
                p[i] = perType[typeOf.get(in.ids[i])];
            }
        }
        return List.of(p);
    }

    private static Map<String, Integer> typeIndex(Distribution d) {
        Map<String, Integer> typeOf = new HashMap<>();
        for (int t = 0; t < d.types().size(); t++) {
            for (String id : d.types().get(t)) {
                typeOf.put(id, t);
            }
        }
        return typeOf;
    }

    private static Sampler.Outcome sample(Instance in, Distribution distribution, String commitment, String seed) {
        return sample(in, distribution, commitment, seed, false);
    }

    private static Sampler.Outcome sample(
            Instance in, Distribution distribution, String commitment, String seed, boolean householdsAreDrawKeys) {
        Sampler sampler = new Sampler(commitment, seed, householdsAreDrawKeys);
        return distribution == null ? sampler.uniform(in) : sampler.leximin(in, distribution);
    }

    /** The types must be exactly those the pool gives, and every panel must be valid with tickets adding up. */
    private static List<String> distributionProblems(Instance in, Distribution d) {
        List<String> problems = new ArrayList<>();
        TypeTable table = TypeTable.of(in);
        List<List<String>> expected = new ArrayList<>();
        for (int[] members : table.members) {
            expected.add(Arrays.stream(members).mapToObj(p -> in.ids[p]).toList());
        }
        if (!expected.equals(d.types())) {
            problems.add("distribution.types: do not match the types the pool gives");
            return problems;
        }
        long tickets = 0;
        for (int i = 0; i < d.panels().size(); i++) {
            Distribution.Panel panel = d.panels().get(i);
            if (panel.tickets() <= 0) {
                problems.add("distribution.panels[" + i + "]: tickets must be positive");
            }
            tickets += panel.tickets();
            int[] counts = panel.counts().stream().mapToInt(Integer::intValue).toArray();
            if (!table.isValidPanel(in, counts)) {
                problems.add("distribution.panels[" + i + "]: not a valid panel (size, quotas or household rule)");
            }
        }
        if (tickets != Distribution.TICKETS) {
            problems.add("distribution: tickets add up to " + tickets + ", not " + Distribution.TICKETS);
        }
        return problems;
    }
}
