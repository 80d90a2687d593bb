package nl.meedoen.commons.csv;

import java.util.Locale;
import nl.meedoen.commons.problem.ProblemException;

/**
 * How a CSV export is written. Every export endpoint takes {@code ?dialect=}: {@link #RFC4180} (the default: UTF-8 without a
 * byte-order mark, {@code ,}, CRLF, decimal point) or {@link #EXCEL_NL} (what Dutch Excel opens correctly with a double click:
 * UTF-8 with a byte-order mark, {@code ;}, CRLF, decimal comma — Dutch Excel reads {@code 1.50} as a date or as 150).
 * Other fixed formats (Pabulib) may make their own.
 */
public record CsvDialect(String name, char delimiter, boolean bom, boolean decimalComma) {

    public static final CsvDialect RFC4180 = new CsvDialect("rfc4180", ',', false, false);
    public static final CsvDialect EXCEL_NL = new CsvDialect("excel-nl", ';', true, true);

    /** The query parameter of every CSV export, and what the OpenAPI says about it. */
    public static final String PARAMETER = "dialect";

    public static final String PARAMETER_DESCRIPTION =
            "rfc4180 (default): UTF-8, ',' between values, CRLF, decimal point. "
                    + "excel-nl: UTF-8 with a byte-order mark, ';', CRLF, decimal comma — what Dutch Excel opens correctly. "
                    + "Anything else is a 400.";
    /** What every CSV export answers with. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    /** The dialect a {@code ?dialect=} value names; absent or blank is {@link #RFC4180}; anything else a 400 naming the parameter. */
    public static CsvDialect fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return RFC4180;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "rfc4180" -> RFC4180;
            case "excel-nl" -> EXCEL_NL;
            default -> throw ProblemException.invalidField(PARAMETER, "one of rfc4180 (the default) or excel-nl");
        };
    }
}
