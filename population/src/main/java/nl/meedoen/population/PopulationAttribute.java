package nl.meedoen.population;

import java.util.Arrays;
import java.util.Optional;

/** The profile attributes a population can be counted, filtered and stratified by. */
public enum PopulationAttribute {
    complexId("complex_id"),
    neighbourhoodCode("neighbourhood_code"),
    ageBand("age_band"),
    householdType("household_type"),
    dwellingType("dwelling_type"),
    tenancyBand("tenancy_band"),
    language("language");

    /** Fixed column names: the only strings ever placed in SQL, never the caller's text. */
    final String column;

    PopulationAttribute(String column) {
        this.column = column;
    }

    /** The {@code population_member} column of this attribute. */
    public String column() {
        return column;
    }

    public static Optional<PopulationAttribute> parse(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }
}
