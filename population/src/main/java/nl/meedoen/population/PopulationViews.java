package nl.meedoen.population;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;
import nl.meedoen.commons.contracts.TenantProfileV1;

/** Response bodies of the population API: counts, and a member as the event carried it without the household key. */
public final class PopulationViews {

    private PopulationViews() {}

    public record Counts(String attribute, long total, Map<String, Long> counts) {}

    /** The profile as the event carried it, without the household key: that stays inside the service. */
    public record Member(
            @JsonUnwrapped @JsonIgnoreProperties("householdKey")
            TenantProfileV1 profile) {}
}
