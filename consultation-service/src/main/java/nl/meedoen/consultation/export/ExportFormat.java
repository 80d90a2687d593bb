package nl.meedoen.consultation.export;

import java.util.Arrays;
import java.util.Locale;
import nl.meedoen.commons.problem.ProblemException;

/** The response exports, by the name of their synchronous route. */
public enum ExportFormat {
    RESPONSES_CSV("responses.csv", true),
    PORTCHOICE_CSV("portchoice.csv", true),
    PABULIB_PB("pabulib.pb", false);

    private final String id;
    private final boolean csv;

    ExportFormat(String id, boolean csv) {
        this.id = id;
        this.csv = csv;
    }

    public String id() {
        return id;
    }

    /** Whether it takes a CSV dialect (Pabulib has a fixed layout). */
    public boolean csv() {
        return csv;
    }

    /** Whether a stored export is one of these (the paper forms share the store, not this download). */
    public static boolean known(String id) {
        return Arrays.stream(values()).anyMatch(f -> f.id.equals(id));
    }

    /** The format a request names; anything else is a 400 naming {@code format} (ExportJobs answers 422 for a body: a field rule). */
    public static ExportFormat parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.id.equals(v))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalidField(
                        "format",
                        value == null || value.isBlank()
                                ? "required: one of responses.csv, portchoice.csv or pabulib.pb"
                                : "one of responses.csv, portchoice.csv or pabulib.pb"));
    }
}
