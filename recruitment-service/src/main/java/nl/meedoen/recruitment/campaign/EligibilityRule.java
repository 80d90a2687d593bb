package nl.meedoen.recruitment.campaign;

import java.util.List;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.population.PopulationMember;

/** A tenant is eligible when, for every rule, their profile value of {@code attribute} is one of {@code values}. */
public record EligibilityRule(String attribute, List<String> values) {

    public static String valueOf(PopulationMember m, PopulationAttribute a) {
        return switch (a) {
            case complexId -> m.complexId;
            case neighbourhoodCode -> m.neighbourhoodCode;
            case ageBand -> m.ageBand;
            case householdType -> m.householdType;
            case dwellingType -> m.dwellingType;
            case tenancyBand -> m.tenancyBand;
            case language -> m.language;
        };
    }

    public boolean admits(PopulationMember m) {
        String v = valueOf(m, PopulationAttribute.parse(attribute).orElseThrow());
        return v != null && values.contains(v);
    }

    public static boolean eligible(List<EligibilityRule> rules, PopulationMember m) {
        return m != null && rules.stream().allMatch(r -> r.admits(m));
    }

    /** A SQL condition with its positional parameters, to be placed after {@code WHERE}. */
    public record Condition(String sql, List<Object> parameters) {}

    /**
     * The rules as a condition on {@code population_member} rows aliased {@code alias}, parameters numbered
     * from {@code firstParameter}: the same test as {@link #eligible}, so population-sized reads stay in SQL
     * (a value that is null never matches, as in {@link #admits}). Column names are fixed, never the caller's text.
     */
    public static Condition sql(List<EligibilityRule> rules, String alias, int firstParameter) {
        StringBuilder sql = new StringBuilder("TRUE");
        List<Object> parameters = new java.util.ArrayList<>();
        for (EligibilityRule r : rules) {
            PopulationAttribute a = PopulationAttribute.parse(r.attribute()).orElseThrow();
            if (r.values().isEmpty()) {
                sql.append(" AND FALSE");
                continue;
            }
            sql.append(" AND ")
                    .append(alias)
                    .append('.')
                    .append(a.column())
                    .append(" = ANY(CAST(?")
                    .append(firstParameter + parameters.size())
                    .append(" AS TEXT[]))");
            parameters.add(r.values().toArray(String[]::new));
        }
        return new Condition(sql.toString(), parameters);
    }
}
