package nl.meedoen.notification.segment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.notification.tenant.TenantRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An audience as a filter over register attributes: within one attribute any listed value matches,
 * across attributes all must match. An empty filter is every tenant.
 */
@Schema(name = "SegmentFilter", example = "{\"neighbourhoodCode\":[\"BU03440101\"],\"ageBand\":[\"65-79\",\"80+\"]}")
public record SegmentFilter(
        List<String> complexId,
        List<String> neighbourhoodCode,
        List<String> householdType,
        List<String> dwellingType,
        List<String> language,
        List<String> preferredChannel,

        @Schema(description = "under-18, 18-34, 35-49, 50-64, 65-79, 80+")
        List<String> ageBand,

        @Schema(description = "years since tenancy start: 0-1, 2-4, 5-9, 10-19, 20+")
        List<String> tenancyBand) {

    public static final List<String> AGE_BANDS = List.of("under-18", "18-34", "35-49", "50-64", "65-79", "80+");
    public static final List<String> TENANCY_BANDS = List.of("0-1", "2-4", "5-9", "10-19", "20+");

    public static SegmentFilter of(Map<String, List<String>> values) {
        return new SegmentFilter(
                values.get("complexId"),
                values.get("neighbourhoodCode"),
                values.get("householdType"),
                values.get("dwellingType"),
                values.get("language"),
                values.get("preferredChannel"),
                values.get("ageBand"),
                values.get("tenancyBand"));
    }

    /** Field errors for unknown attribute values (field names prefixed with {@code prefix}). */
    public List<Problem.FieldError> validate(String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(
                errors,
                prefix + "complexId",
                complexId,
                v -> v.matches("[A-Za-z0-9._-]{1,64}"),
                "letters, digits, dot, underscore or dash");
        check(
                errors,
                prefix + "neighbourhoodCode",
                neighbourhoodCode,
                v -> v.matches("BU[0-9]{8}"),
                "a CBS neighbourhood code such as BU03440101");
        check(
                errors,
                prefix + "householdType",
                householdType,
                v -> names(TenantRequest.HouseholdType.values()).contains(v),
                "one of " + names(TenantRequest.HouseholdType.values()));
        check(
                errors,
                prefix + "dwellingType",
                dwellingType,
                v -> names(TenantRequest.DwellingType.values()).contains(v),
                "one of " + names(TenantRequest.DwellingType.values()));
        check(errors, prefix + "language", language, v -> v.matches("[a-z]{2}"), "an ISO 639-1 code such as nl");
        check(
                errors,
                prefix + "preferredChannel",
                preferredChannel,
                v -> v.equals("EMAIL") || v.equals("LETTER"),
                "EMAIL or LETTER");
        check(errors, prefix + "ageBand", ageBand, AGE_BANDS::contains, "one of " + AGE_BANDS);
        check(errors, prefix + "tenancyBand", tenancyBand, TENANCY_BANDS::contains, "one of " + TENANCY_BANDS);
        return errors;
    }

    private static void check(
            List<Problem.FieldError> errors,
            String field,
            List<String> values,
            java.util.function.Predicate<String> ok,
            String message) {
        if (values == null) {
            return;
        }
        if (values.size() > 1000) {
            errors.add(new Problem.FieldError(field, "at most 1000 values"));
            return;
        }
        for (String v : values) {
            if (v == null || !ok.test(v)) {
                errors.add(new Problem.FieldError(field, "'" + v + "' is not " + message));
            }
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** A SQL condition over table alias {@code t} with positional parameters (only fixed column names in the text). */
    public record Sql(String condition, List<Object> params) {}

    public Sql toSql(LocalDate today) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in(conditions, params, "t.complex_id", complexId);
        in(conditions, params, "t.neighbourhood_code", neighbourhoodCode);
        in(conditions, params, "t.household_type", householdType);
        in(conditions, params, "t.dwelling_type", dwellingType);
        in(conditions, params, "t.language", language);
        in(conditions, params, "t.preferred_channel", preferredChannel);
        if (ageBand != null && !ageBand.isEmpty()) {
            List<String> ranges = new ArrayList<>();
            int year = today.getYear();
            for (String band : ageBand) {
                int[] ages = switch (band) {
                    case "under-18" -> new int[] {0, 17};
                    case "18-34" -> new int[] {18, 34};
                    case "35-49" -> new int[] {35, 49};
                    case "50-64" -> new int[] {50, 64};
                    case "65-79" -> new int[] {65, 79};
                    default -> new int[] {80, 200};
                };
                ranges.add("t.birth_year BETWEEN ? AND ?");
                params.add(year - ages[1]);
                params.add(year - ages[0]);
            }
            conditions.add("(" + String.join(" OR ", ranges) + ")");
        }
        if (tenancyBand != null && !tenancyBand.isEmpty()) {
            List<String> ranges = new ArrayList<>();
            for (String band : tenancyBand) {
                int[] years = switch (band) {
                    case "0-1" -> new int[] {0, 1};
                    case "2-4" -> new int[] {2, 4};
                    case "5-9" -> new int[] {5, 9};
                    case "10-19" -> new int[] {10, 19};
                    default -> new int[] {20, 500};
                };
                // whole years between start and today in [min, max]  <=>  today-(max+1) < start <= today-min
                ranges.add("(t.tenancy_start > ? AND t.tenancy_start <= ?)");
                params.add(today.minusYears(years[1] + 1L));
                params.add(today.minusYears(years[0]));
            }
            conditions.add("(" + String.join(" OR ", ranges) + ")");
        }
        return new Sql(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), params);
    }

    private static void in(List<String> conditions, List<Object> params, String column, List<String> values) {
        if (values != null && !values.isEmpty()) {
            conditions.add(column + " = ANY (?)");
            params.add(values.toArray(new String[0]));
        }
    }
}
