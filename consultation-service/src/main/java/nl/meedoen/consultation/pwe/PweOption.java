package nl.meedoen.consultation.pwe;

import java.util.List;
import java.util.Map;

/**
 * One option of a PWE block, as the decision-maker sees it.
 *
 * @param cost      what it takes from the budget (or adds towards the target, when the target has no quantity)
 * @param resources further resources it uses or delivers, e.g. {@code {"volunteerHours": 40, "co2Tonnes": 3}}
 */
public record PweOption(
        String id,
        Map<String, String> text,
        Map<String, String> description,
        List<Map<String, String>> pros,
        List<Map<String, String>> cons,
        List<Map<String, String>> effects,
        Double cost,
        Map<String, Double> resources) {

    public double quantity(String name) {
        if (name == null) {
            return cost == null ? 0 : cost;
        }
        Double value = resources == null ? null : resources.get(name);
        return value == null ? 0 : value;
    }
}
