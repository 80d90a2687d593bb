package nl.meedoen.commons.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/** The correlation id that ties one caller's request to every log line, HTTP hop and event it causes. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {}

    /** The caller's id when it is well-formed, otherwise a fresh one (never trust arbitrary header text in logs). */
    public static String acceptOrCreate(String incoming) {
        return incoming != null && VALID.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
    }

    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }

    public static void set(String id) {
        if (id == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }
}
