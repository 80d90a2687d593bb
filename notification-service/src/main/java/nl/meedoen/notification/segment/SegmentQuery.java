package nl.meedoen.notification.segment;

import jakarta.ws.rs.QueryParam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A segment as query parameters, the same for every segment operation ({@code @BeanParam}): repeat a parameter for
 * OR, combine parameters for AND.
 */
public class SegmentQuery {

    @Parameter(example = "BU03440101")
    @QueryParam("neighbourhoodCode")
    List<String> neighbourhoodCode;

    @QueryParam("complexId")
    List<String> complexId;

    @Parameter(example = "65-79")
    @QueryParam("ageBand")
    List<String> ageBand;

    @QueryParam("householdType")
    List<String> householdType;

    @QueryParam("dwellingType")
    List<String> dwellingType;

    @QueryParam("tenancyBand")
    List<String> tenancyBand;

    @QueryParam("language")
    List<String> language;

    @QueryParam("preferredChannel")
    List<String> preferredChannel;

    /** The filter these parameters name; a 422 for an unknown attribute value. */
    SegmentFilter filter() {
        Map<String, List<String>> values = new HashMap<>();
        put(values, "neighbourhoodCode", neighbourhoodCode);
        put(values, "complexId", complexId);
        put(values, "ageBand", ageBand);
        put(values, "householdType", householdType);
        put(values, "dwellingType", dwellingType);
        put(values, "tenancyBand", tenancyBand);
        put(values, "language", language);
        put(values, "preferredChannel", preferredChannel);
        SegmentFilter filter = SegmentFilter.of(values);
        Segments.requireValid(filter, "");
        return filter;
    }

    private static void put(Map<String, List<String>> values, String name, List<String> list) {
        if (list != null && !list.isEmpty()) {
            values.put(name, list);
        }
    }
}
