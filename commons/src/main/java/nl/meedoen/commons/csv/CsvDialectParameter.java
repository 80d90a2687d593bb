package nl.meedoen.commons.csv;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code ?dialect=} query parameter of every CSV download, read and documented in one place: a resource method
 * takes {@code @BeanParam CsvDialectParameter dialect} and calls {@link #dialect()}.
 */
public class CsvDialectParameter {

    @QueryParam(CsvDialect.PARAMETER)
    @Parameter(
            name = CsvDialect.PARAMETER,
            description = CsvDialect.PARAMETER_DESCRIPTION,
            schema =
                    @Schema(
                            enumeration = {"rfc4180", "excel-nl"},
                            defaultValue = "rfc4180"))
    String value;

    /** The dialect asked for; a 400 naming the parameter for anything but the two names. */
    public CsvDialect dialect() {
        return CsvDialect.fromParameter(value);
    }
}
