package nl.meedoen.notification.delivery;

import java.util.UUID;
import java.util.regex.Pattern;
import nl.meedoen.commons.problem.Problem;

/**
 * The source of a delivery: what it came from, {@code <kind>:<id>} such as {@code campaign:<uuid>},
 * {@code consultation:<uuid>}, {@code panel:<uuid>} or {@code mailing:<uuid>}. Letters are printed and deliveries
 * listed per source. Never personal data: a kind and an id.
 */
public final class Sources {

    public static final String FORMAT = "<kind>:<id>, e.g. campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c";
    private static final Pattern PATTERN = Pattern.compile("[a-z][a-z-]{0,31}:[A-Za-z0-9._-]{1,64}");

    private Sources() {}

    /** A field error for a malformed source; null when it is absent or well-formed. */
    public static Problem.FieldError check(String field, String source) {
        return source == null || PATTERN.matcher(source).matches()
                ? null
                : new Problem.FieldError(field, "not a source: " + FORMAT);
    }

    /** A mailing's deliveries come from the mailing's own source, else from the mailing itself. */
    public static String ofMailing(String mailingSource, UUID mailingId) {
        return mailingSource != null ? mailingSource : "mailing:" + mailingId;
    }
}
