package nl.meedoen.consultation.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweOption;
import nl.meedoen.consultation.questionnaire.Option;
import nl.meedoen.consultation.questionnaire.Question;

/**
 * Per-question figures from the counters of {@link Tally}: counts and shares per option, mean,
 * median and distribution of numbers, ranks, and PWE option shares, spend and portfolios.
 */
public final class Summaries {

    private static final int NUMBER_DISTRIBUTION_LIMIT = 50;
    private static final int TOP_PORTFOLIOS = 10;

    private Summaries() {}

    /**
     * @param keys key → {n, total} of this question (possibly weighted, so fractional)
     * @param k    answers below which the figures are withheld (0: never)
     */
    public static ResultViews.QuestionResult summarise(
            Question q, Map<String, double[]> keys, String lang, String def, int k, ResultViews.PweResult pweExtras) {
        String text = Texts.pick(q.text(), lang, def);
        double answered = n(keys, Tally.ANSWERED);
        if (k > 0 && answered > 0 && answered < k) {
            return new ResultViews.QuestionResult(
                    q.id(), q.type().name(), text, 0, null, null, null, null, null, null, null, true);
        }
        return switch (q.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> answered(q, text, answered, choices(q, keys, lang, def, answered));
            case RANKING -> answered(q, text, answered, ranks(q, keys, lang, def, answered));
            case SCALE -> numbers(q, text, keys, answered, true);
            case NUMBER -> numbers(q, text, keys, answered, false);
            case TEXT -> answered(q, text, answered, null); // open answers are counted here and read in the export
            case PWE -> pwe(q, text, keys, lang, def, answered, pweExtras);
        };
    }

    /** The figures of a question that has at most per-option counts. */
    private static ResultViews.QuestionResult answered(
            Question q, String text, double answered, List<ResultViews.OptionResult> options) {
        return new ResultViews.QuestionResult(
                q.id(),
                q.type().name(),
                text,
                Math.round(answered),
                options,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
    }

    private static List<ResultViews.OptionResult> choices(
            Question q, Map<String, double[]> keys, String lang, String def, double answered) {
        List<ResultViews.OptionResult> options = new ArrayList<>();
        for (Option o : q.optionsOrEmpty()) {
            double c = n(keys, "o:" + o.value());
            options.add(new ResultViews.OptionResult(
                    o.value(),
                    Texts.pick(o.text(), lang, def),
                    Math.round(c),
                    Stats.round(Stats.share(c, answered)),
                    null,
                    null));
        }
        return options;
    }

    private static List<ResultViews.OptionResult> ranks(
            Question q, Map<String, double[]> keys, String lang, String def, double answered) {
        List<ResultViews.OptionResult> options = new ArrayList<>();
        for (Option o : q.optionsOrEmpty()) {
            double c = n(keys, "o:" + o.value());
            double[] acc = keys.get("o:" + o.value());
            options.add(new ResultViews.OptionResult(
                    o.value(),
                    Texts.pick(o.text(), lang, def),
                    Math.round(c),
                    Stats.round(Stats.share(c, answered)),
                    acc == null || c == 0 ? null : Stats.round(acc[1] / c),
                    Stats.round(Stats.share(n(keys, "r:" + o.value() + ":1"), answered))));
        }
        options.sort(Comparator.comparing(o -> o.meanRank() == null ? Double.MAX_VALUE : o.meanRank()));
        return options;
    }

    /** SCALE and NUMBER: mean, median, range and distribution; {@code everyPoint} lists each point of a scale. */
    private static ResultViews.QuestionResult numbers(
            Question q, String text, Map<String, double[]> keys, double answered, boolean everyPoint) {
        Double mean = null;
        Double median = null;
        Double min = null;
        Double max = null;
        List<ResultViews.ValueCount> distribution = null;
        TreeMap<Double, Double> histogram = new TreeMap<>();
        keys.forEach((key, acc) -> {
            if (key.startsWith("v:") && acc[0] > 0) {
                histogram.merge(Double.parseDouble(key.substring(2)), acc[0], Double::sum);
            }
        });
        if (everyPoint) {
            for (int v = q.scaleMin(); v <= q.scaleMax(); v++) {
                histogram.putIfAbsent((double) v, 0d);
            }
        }
        if (answered > 0) {
            mean = Stats.round(keys.get(Tally.ANSWERED)[1] / answered);
            median = Stats.median(histogram);
            min = histogram.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            max = histogram.descendingMap().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
        }
        if (histogram.size() <= NUMBER_DISTRIBUTION_LIMIT) {
            distribution = new ArrayList<>();
            for (Map.Entry<Double, Double> e : histogram.entrySet()) {
                distribution.add(new ResultViews.ValueCount(
                        e.getKey(), Math.round(e.getValue()), Stats.round(Stats.share(e.getValue(), answered))));
            }
        }
        return new ResultViews.QuestionResult(
                q.id(),
                q.type().name(),
                text,
                Math.round(answered),
                null,
                mean,
                median,
                min,
                max,
                distribution,
                null,
                false);
    }

    private static ResultViews.QuestionResult pwe(
            Question q,
            String text,
            Map<String, double[]> keys,
            String lang,
            String def,
            double answered,
            ResultViews.PweResult pweExtras) {
        PweBlock block = q.pwe();
        List<ResultViews.OptionResult> options = new ArrayList<>();
        for (PweOption o : block.optionsOrEmpty()) {
            double c = n(keys, "o:" + o.id());
            options.add(new ResultViews.OptionResult(
                    o.id(),
                    Texts.pick(o.text(), lang, def),
                    Math.round(c),
                    Stats.round(Stats.share(c, answered)),
                    null,
                    null));
        }
        double limit = block.constraint().budgetType()
                ? block.constraint().budget()
                : block.constraint().target();
        Double meanMeasure = answered > 0 ? Stats.round(keys.get(Tally.ANSWERED)[1] / answered) : null;
        List<ResultViews.Portfolio> portfolios = new ArrayList<>();
        keys.entrySet().stream()
                .filter(e -> e.getKey().startsWith("p:") && e.getValue()[0] > 0)
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_PORTFOLIOS)
                .forEach(e -> {
                    String p = e.getKey().substring(2);
                    portfolios.add(new ResultViews.Portfolio(
                            p.isEmpty() ? List.of() : Arrays.asList(p.split("\\|")),
                            Math.round(e.getValue()[0]),
                            Stats.round(Stats.share(e.getValue()[0], answered))));
                });
        ResultViews.PweResult pwe = new ResultViews.PweResult(
                block.constraint().type(),
                limit,
                meanMeasure,
                meanMeasure == null ? null : Stats.round(meanMeasure / limit),
                portfolios.isEmpty() ? null : portfolios,
                pweExtras == null ? null : pweExtras.motivations(),
                pweExtras == null ? null : pweExtras.motivationCounts());
        return new ResultViews.QuestionResult(
                q.id(), q.type().name(), text, Math.round(answered), options, null, null, null, null, null, pwe, false);
    }

    private static double n(Map<String, double[]> keys, String key) {
        double[] acc = keys.get(key);
        return acc == null ? 0 : acc[0];
    }
}
