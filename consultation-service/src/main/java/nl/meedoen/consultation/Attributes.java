package nl.meedoen.consultation;

import java.util.List;
import java.util.Map;

/**
 * The profile attributes of the population read model that audiences filter on and results break
 * down by, with their fixed column names: the only attribute strings ever placed in SQL.
 */
public final class Attributes {

    public static final Map<String, String> COLUMNS = Map.of(
            "complexId", "complex_id",
            "neighbourhoodCode", "neighbourhood_code",
            "ageBand", "age_band",
            "householdType", "household_type",
            "dwellingType", "dwelling_type",
            "tenancyBand", "tenancy_band",
            "language", "language");

    /** In a stable order (results and exports list them so). */
    public static final List<String> NAMES = List.of(
            "ageBand", "householdType", "dwellingType", "tenancyBand", "neighbourhoodCode", "complexId", "language");

    public static final String UNKNOWN = "unknown";

    private Attributes() {}

    public static boolean known(String name) {
        return name != null && COLUMNS.containsKey(name); // Map.of(...).containsKey(null) throws
    }

    public static String column(String name) {
        String column = COLUMNS.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no attribute " + name);
        }
        return column;
    }
}
