package nl.meedoen.consultation.pwe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Participatory Value Evaluation: respondents sit in the decision-maker's chair and choose a
 * portfolio of options under a budget (or towards a target) and further rules.
 *
 * @param resourceLimits    most of a further resource the portfolio may use, e.g. {@code {"volunteerHours": 100}}
 * @param minOptions        fewest options in a portfolio (default 0)
 * @param maxOptions        most options in a portfolio (default: all)
 * @param exclusiveGroups   at most one option of each group
 * @param requiredTogether  options that come only together: all of a group or none
 * @param requires          one-way dependencies: an option that may be chosen only with another (which may come alone)
 * @param optionMotivation  {@code NONE}, {@code OPTIONAL} (default) or {@code REQUIRED}: a motivation per chosen option
 * @param overallMotivation {@code NONE}, {@code OPTIONAL} (default) or {@code REQUIRED}: one motivation for the portfolio
 * @param motivationMaxLength longest motivation (default 1000 characters)
 */
public record PweBlock(
        List<PweOption> options,
        PweConstraint constraint,
        Map<String, Double> resourceLimits,
        Integer minOptions,
        Integer maxOptions,
        List<List<String>> exclusiveGroups,
        List<List<String>> requiredTogether,
        List<PweRequirement> requires,
        String optionMotivation,
        String overallMotivation,
        Integer motivationMaxLength) {

    public static final int DEFAULT_MOTIVATION_MAX_LENGTH = 1000;

    public List<PweOption> optionsOrEmpty() {
        return options == null ? List.of() : options;
    }

    public Optional<PweOption> option(String id) {
        return optionsOrEmpty().stream()
                .filter(o -> o != null && o.id() != null && o.id().equals(id))
                .findFirst();
    }

    public int motivationLimit() {
        return motivationMaxLength == null ? DEFAULT_MOTIVATION_MAX_LENGTH : motivationMaxLength;
    }

    public String optionMotivationMode() {
        return optionMotivation == null ? "OPTIONAL" : optionMotivation;
    }

    public String overallMotivationMode() {
        return overallMotivation == null ? "OPTIONAL" : overallMotivation;
    }

    /** What a portfolio spends (BUDGET) or reaches (TARGET). */
    public double measure(List<String> chosen) {
        String quantity = constraint != null && !constraint.budgetType() ? constraint.quantity() : null;
        return chosen.stream()
                .map(this::option)
                .flatMap(Optional::stream)
                .mapToDouble(o -> o.quantity(quantity))
                .sum();
    }
}
