package nl.meedoen.recruitment.compensation;

import jakarta.ws.rs.QueryParam;
import nl.meedoen.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The required {@code ?year=} of the compensation ledger (JSON and CSV) and of the allowances paid elsewhere, as a
 * {@code @BeanParam}. Read as a String, so a
 * year that is no number is a 400 problem (JAX-RS answers a failed Integer conversion with 404).
 */
public class CalendarYear {

    @Parameter(
            name = "year",
            description = "The calendar year, e.g. 2024",
            required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
    @QueryParam("year")
    String year;

    /** The year, 2000–2100; otherwise a 400 naming the parameter. */
    int value() {
        Integer parsed;
        try {
            parsed = year == null ? null : Integer.valueOf(year.trim());
        } catch (NumberFormatException e) {
            parsed = null;
        }
        if (parsed == null || parsed < 2000 || parsed > 2100) {
            throw ProblemException.invalidField("year", "a calendar year, e.g. 2024");
        }
        return parsed;
    }
}
