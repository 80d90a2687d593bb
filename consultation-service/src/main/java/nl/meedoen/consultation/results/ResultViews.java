package nl.meedoen.consultation.results;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the results API returns. Plain records; shares are fractions (0.25 = 25%). */
public final class ResultViews {

    private ResultViews() {}

    @Schema(name = "OptionResult")
    public record OptionResult(
            String value,
            String text,
            long count,
            double share,

            @Schema(description = "RANKING: average rank (1 = first)")
            Double meanRank,

            @Schema(description = "RANKING: share ranking it first")
            Double firstChoiceShare) {}

    @Schema(name = "ValueCount")
    public record ValueCount(double value, long count, double share) {}

    @Schema(name = "Portfolio")
    public record Portfolio(List<String> options, long count, double share) {}

    @Schema(name = "PweResult")
    public record PweResult(
            @Schema(description = "BUDGET or TARGET") String constraint,
            @Schema(description = "the budget or target") Double limit,

            @Schema(description = "average spend (BUDGET) or reach (TARGET) of a portfolio")
            Double meanMeasure,

            @Schema(description = "meanMeasure as a share of the budget or target")
            Double meanShareOfLimit,

            @Schema(description = "the most chosen portfolios (whole results only)")
            List<Portfolio> topPortfolios,

            @Schema(
                    description =
                            "option id → motivations (at most 20 each; key 'overall' for the portfolio as a whole)")
            Map<String, List<String>> motivations,

            @Schema(description = "option id → number of motivations given")
            Map<String, Long> motivationCounts) {}

    @Schema(name = "QuestionResult")
    public record QuestionResult(
            String id,
            String type,
            String text,
            long answered,
            List<OptionResult> options,
            Double mean,
            Double median,
            Double min,
            Double max,
            List<ValueCount> distribution,
            PweResult pwe,

            @Schema(description = "fewer answers than the minimum cell size: figures withheld")
            boolean suppressed) {}

    @Schema(
            name = "Weighting",
            description =
                    "Post-stratification on one attribute: each value's respondents count as much as its share of the population")
    public record Weighting(
            String attribute,

            @Schema(description = "share of the population in values with respondents")
            double coverage,

            List<WeightCell> cells) {}

    @Schema(name = "WeightCell")
    public record WeightCell(String value, double populationShare, Double respondentShare, Double weight) {}

    @Schema(name = "Results")
    public record Results(
            UUID consultationId,
            String status,
            long invited,
            long respondents,
            double responseRate,
            List<QuestionResult> questions,
            Weighting weighting) {}

    @Schema(name = "BreakdownCell")
    public record BreakdownCell(String value, Long respondents, boolean suppressed, List<QuestionResult> questions) {}

    @Schema(name = "Breakdown")
    public record Breakdown(UUID consultationId, String attribute, int minCellSize, List<BreakdownCell> cells) {}

    @Schema(name = "RepresentativenessRow")
    public record RepresentativenessRow(
            String value,
            long population,
            double populationShare,
            Long invited,
            Long respondents,
            Double respondentShare,
            Double responseRate,
            boolean suppressed) {}

    @Schema(name = "AttributeRepresentativeness")
    public record AttributeRepresentativeness(
            String attribute,

            @Schema(description = "½ Σ |population share − respondent share|: 0 = respondents mirror the population")
            double dissimilarity,

            @Schema(description = "R-indicator 1 − 2·sd(response rates): 1 = equal response everywhere")
            double rIndicator,

            List<RepresentativenessRow> rows) {}

    @Schema(name = "Representativeness")
    public record Representativeness(
            UUID consultationId,

            @Schema(description = "invited (the audience) or population (every tenant in the read model)")
            String against,

            long population,
            long invited,
            long respondents,
            double responseRate,

            @Schema(description = "1 − the mean dissimilarity over the attributes: 1 = fully representative")
            double summaryIndex,

            int minCellSize,
            List<AttributeRepresentativeness> attributes) {}
}
