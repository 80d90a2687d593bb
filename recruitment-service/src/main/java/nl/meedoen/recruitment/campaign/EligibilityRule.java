package nl.meedoen.recruitment.campaign;

import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.population.PopulationMember;

import java.util.List;

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
}
