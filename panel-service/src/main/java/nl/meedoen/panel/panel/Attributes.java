package nl.meedoen.panel.panel;

import java.util.List;
import nl.meedoen.population.PopulationAttribute;

/**
 * The population attributes a panel can be stratified by, and their fixed columns in
 * {@code population_member}: the only strings ever placed in SQL text, never the caller's.
 */
public final class Attributes {

    /** Strata of a panel that names none. */
    public static final List<String> DEFAULT_STRATA = List.of("ageBand", "householdType", "neighbourhoodCode");

    private Attributes() {}

    public static String column(String attribute) {
        return switch (PopulationAttribute.parse(attribute)
                .orElseThrow(() -> new IllegalArgumentException(attribute))) {
            case complexId -> "complex_id";
            case neighbourhoodCode -> "neighbourhood_code";
            case ageBand -> "age_band";
            case householdType -> "household_type";
            case dwellingType -> "dwelling_type";
            case tenancyBand -> "tenancy_band";
            case language -> "language";
        };
    }

    public static boolean known(String attribute) {
        return attribute != null && PopulationAttribute.parse(attribute).isPresent();
    }

    public static List<String> names() {
        return java.util.Arrays.stream(PopulationAttribute.values())
                .map(Enum::name)
                .toList();
    }

    /**
     * Counting per value of several attributes in one pass: {@link #groupingColumns} goes first in
     * the select list, {@link #groupingSets} is the GROUP BY clause, and {@link #grouped} reads a
     * result row (exactly one of the leading columns is set: the attribute that row counts).
     */
    public static String groupingColumns(String alias, List<String> attributes) {
        StringBuilder sql = new StringBuilder();
        for (String a : attributes) {
            sql.append("coalesce(").append(alias).append('.').append(column(a)).append(", 'unknown'), ");
        }
        return sql.toString();
    }

    public static String groupingSets(String alias, List<String> attributes) {
        StringBuilder sql = new StringBuilder(" GROUP BY GROUPING SETS (");
        for (int i = 0; i < attributes.size(); i++) {
            sql.append(i > 0 ? ", " : "")
                    .append("(coalesce(")
                    .append(alias)
                    .append('.')
                    .append(column(attributes.get(i)))
                    .append(", 'unknown'))");
        }
        return sql.append(')').toString();
    }

    /** The (attribute, value) a grouping-sets row counts. */
    public static String[] grouped(Object[] row, List<String> attributes) {
        for (int i = 0; i < attributes.size(); i++) {
            if (row[i] != null) {
                return new String[] {attributes.get(i), (String) row[i]};
            }
        }
        throw new IllegalStateException("a grouping-sets row without a group");
    }
}
