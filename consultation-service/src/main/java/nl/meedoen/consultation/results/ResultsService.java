package nl.meedoen.consultation.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.lifecycle.Access;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;

/** Reads results from the counters: whole, broken down by an attribute, weighted, and representativeness. */
@ApplicationScoped
public class ResultsService {

    private static final int MOTIVATIONS_PER_OPTION = 20;

    @Inject
    ResultCells cells;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    ConsultationService consultations;

    @Inject
    ConsultationConfig config;

    @Inject
    EntityManager em;

    /** Owners and ops (a tenant organisation's own poll: only its owner until published, 403); survey frontends once published. Others: 404. */
    public Consultation readable(UUID id, Caller caller) {
        Consultation c = Consultation.findById(id);
        boolean published = c != null
                && (c.is(Consultation.Status.RESULTS_PUBLISHED) || c.is(Consultation.Status.FEEDBACK_PUBLISHED));
        if (c == null || !(Access.canRead(c, caller) || (caller.is(Roles.SURVEY_FRONTEND) && published))) {
            throw ProblemException.notFound("results of consultation " + id);
        }
        if (Access.canRead(c, caller) && !Access.canReadResults(c, caller)) {
            throw new ProblemException(
                    403,
                    "private-poll",
                    "A tenant organisation's own poll",
                    "the results of tenant organisation " + c.initiatorClient
                            + "'s own poll are private to it until it publishes them (status " + c.status + ")",
                    null);
        }
        return c;
    }

    public ResultViews.Results results(Consultation c, String lang, String weightBy) {
        List<String> languages = consultations.languages(c);
        String language = consultations.language(c, lang);
        Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
        Map<String, Map<String, double[]>> whole = group(cells.read(c.id, "")).getOrDefault("", Map.of());
        long invited = Math.round(n(whole.get(""), Tally.INVITED));
        long respondents = Math.round(n(whole.get(""), Tally.RESPONDENTS));
        ResultViews.Weighting weighting = null;
        Map<String, Map<String, double[]>> figures = whole;
        if (weightBy != null) {
            checkAttribute("weightBy", weightBy);
            Map<String, Map<String, Map<String, double[]>>> byValue = group(cells.read(c.id, weightBy));
            Map<String, Long> population = counts(byValue, Tally.INVITED);
            Map<String, Long> responding = counts(byValue, Tally.RESPONDENTS);
            Set<String> withheld = Suppression.suppressed(responding, config.minCellSize());
            figures = new HashMap<>();
            for (Question question : q.questionsOrEmpty()) {
                Map<String, Map<String, double[]>> perValue = new HashMap<>();
                byValue.forEach(
                        (value, questions) -> perValue.put(value, questions.getOrDefault(question.id(), Map.of())));
                Map<String, double[]> weighted = PostStratification.weighPooled(perValue, population, withheld);
                // portfolios are counted for the whole only: keep them unweighted rather than drop them
                whole.getOrDefault(question.id(), Map.of()).forEach((key, acc) -> {
                    if (key.startsWith("p:")) {
                        weighted.put(key, acc);
                    }
                });
                figures.put(question.id(), weighted);
            }
            weighting = weighting(weightBy, population, responding, withheld);
        }
        List<ResultViews.QuestionResult> results = new ArrayList<>();
        for (Question question : q.questionsOrEmpty()) {
            results.add(Summaries.summarise(
                    question,
                    figures.getOrDefault(question.id(), Map.of()),
                    language,
                    languages.get(0),
                    0,
                    question.type() == QuestionType.PWE ? motivations(c.id, question.id()) : null));
        }
        return new ResultViews.Results(
                c.id,
                c.status,
                invited,
                respondents,
                Stats.round(Stats.share(respondents, invited)),
                results,
                weighting);
    }

    public ResultViews.Breakdown breakdown(Consultation c, String attribute, String lang) {
        checkAttribute("attribute", attribute);
        List<String> languages = consultations.languages(c);
        String language = consultations.language(c, lang);
        Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
        int k = config.minCellSize();
        Map<String, Map<String, Map<String, double[]>>> byValue = group(cells.read(c.id, attribute));
        Map<String, Long> respondents = counts(byValue, Tally.RESPONDENTS);
        Set<String> hidden = Suppression.suppressed(respondents, k);
        List<ResultViews.BreakdownCell> out = new ArrayList<>();
        for (String value : new TreeMap<>(byValue).keySet()) {
            long r = respondents.getOrDefault(value, 0L);
            if (r == 0) {
                continue; // invited but nobody answered yet: nothing to break down
            }
            if (hidden.contains(value)) {
                out.add(new ResultViews.BreakdownCell(value, null, true, null));
                continue;
            }
            List<ResultViews.QuestionResult> results = new ArrayList<>();
            for (Question question : q.questionsOrEmpty()) {
                results.add(Summaries.summarise(
                        question,
                        byValue.get(value).getOrDefault(question.id(), Map.of()),
                        language,
                        languages.get(0),
                        k,
                        null));
            }
            out.add(new ResultViews.BreakdownCell(value, r, false, results));
        }
        return new ResultViews.Breakdown(c.id, attribute, k, out);
    }

    public ResultViews.Representativeness representativeness(Consultation c, String against) {
        boolean population = "population".equals(against);
        if (against != null && !population && !"invited".equals(against)) {
            throw ProblemException.invalidField("against", "invited or population");
        }
        int k = config.minCellSize();
        List<ResultViews.AttributeRepresentativeness> attributes = new ArrayList<>();
        long totalPopulation = 0;
        for (String attribute : cells.attributes()) {
            Map<String, Map<String, Map<String, double[]>>> byValue = group(cells.read(c.id, attribute, ""));
            Map<String, Long> invited = counts(byValue, Tally.INVITED);
            Map<String, Long> base = population ? populationCounts(attribute) : invited;
            totalPopulation = base.values().stream().mapToLong(Long::longValue).sum();
            attributes.add(Representativeness.of(attribute, base, invited, counts(byValue, Tally.RESPONDENTS), k));
        }
        Map<String, double[]> whole =
                group(cells.read(c.id, "", "")).getOrDefault("", Map.of()).getOrDefault("", Map.of());
        long invited = Math.round(n(whole, Tally.INVITED));
        long respondents = Math.round(n(whole, Tally.RESPONDENTS));
        return new ResultViews.Representativeness(
                c.id,
                population ? "population" : "invited",
                totalPopulation,
                invited,
                respondents,
                Stats.round(Stats.share(respondents, invited)),
                Representativeness.summary(attributes),
                k,
                attributes);
    }

    private ResultViews.Weighting weighting(
            String attribute, Map<String, Long> population, Map<String, Long> respondents, Set<String> withheld) {
        double pop = population.values().stream().mapToLong(Long::longValue).sum();
        double resp = respondents.values().stream().mapToLong(Long::longValue).sum();
        double covered = 0;
        List<ResultViews.WeightCell> cells = new ArrayList<>();
        for (String value : new TreeMap<>(population).keySet()) {
            double pShare = Stats.share(population.get(value), pop);
            long r = respondents.getOrDefault(value, 0L);
            if (r > 0) {
                covered += pShare;
            }
            // the weight itself is no count, but with the population share it gives one: withheld like the cell
            // (also the cell withheld beside a single small one, which would give the small one away)
            Double rShare = r == 0 || withheld.contains(value) ? null : Stats.round(Stats.share(r, resp));
            cells.add(new ResultViews.WeightCell(
                    value, Stats.round(pShare), rShare, rShare == null ? null : Stats.round(pShare / rShare)));
        }
        return new ResultViews.Weighting(attribute, Stats.round(covered), cells);
    }

    private Map<String, Long> populationCounts(String attribute) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT coalesce(" + Attributes.column(attribute)
                        + ", 'unknown'), count(*) FROM population_member GROUP BY 1")
                .getResultList();
        Map<String, Long> out = new HashMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
        return out;
    }

    private ResultViews.PweResult motivations(UUID consultationId, String question) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT coalesce(option_id, 'overall'), text, count(*) OVER (PARTITION BY option_id) FROM (
                          SELECT option_id, text, row_number() OVER (PARTITION BY option_id ORDER BY id) AS n
                          FROM pwe_motivation WHERE consultation_id = ?1 AND question_id = ?2) m
                        WHERE n <= ?3""")
                .setParameter(1, consultationId)
                .setParameter(2, question)
                .setParameter(3, MOTIVATIONS_PER_OPTION)
                .getResultList();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        rows.forEach(r ->
                texts.computeIfAbsent((String) r[0], x -> new ArrayList<>()).add((String) r[1]));
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery("""
                        SELECT coalesce(option_id, 'overall'), count(*) FROM pwe_motivation WHERE consultation_id = ?1 AND question_id = ?2 GROUP BY 1""")
                .setParameter(1, consultationId)
                .setParameter(2, question)
                .getResultList();
        Map<String, Long> n = new LinkedHashMap<>();
        counts.forEach(r -> n.put((String) r[0], ((Number) r[1]).longValue()));
        return new ResultViews.PweResult(null, null, null, null, null, texts, n);
    }

    /** value → question → key → {n, total}; the question '' holds respondents and invited. */
    private static Map<String, Map<String, Map<String, double[]>>> group(List<ResultCells.Cell> rows) {
        Map<String, Map<String, Map<String, double[]>>> out = new HashMap<>();
        for (ResultCells.Cell c : rows) {
            out.computeIfAbsent(c.value(), v -> new HashMap<>())
                    .computeIfAbsent(c.question(), q -> new HashMap<>())
                    .put(c.key(), new double[] {c.n(), c.total()});
        }
        return out;
    }

    private static Map<String, Long> counts(Map<String, Map<String, Map<String, double[]>>> byValue, String key) {
        Map<String, Long> out = new HashMap<>();
        byValue.forEach((value, questions) -> {
            long n = Math.round(n(questions.get(""), key));
            if (n > 0) {
                out.put(value, n);
            }
        });
        return out;
    }

    private static double n(Map<String, double[]> keys, String key) {
        if (keys == null) {
            return 0;
        }
        double[] acc = keys.get(key);
        return acc == null ? 0 : acc[0];
    }

    private void checkAttribute(String field, String attribute) {
        if (!cells.attributes().contains(attribute)) {
            throw ProblemException.invalidField(field, "one of " + cells.attributes());
        }
    }
}
