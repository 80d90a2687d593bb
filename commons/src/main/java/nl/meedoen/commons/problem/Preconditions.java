package nl.meedoen.commons.problem;

import jakarta.ws.rs.core.EntityTag;

/** Optimistic concurrency over HTTP: the ETag is the resource's version, If-Match must name it. */
public final class Preconditions {

    private Preconditions() {}

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * @param ifMatch  the request's If-Match header (may be null)
     * @param required whether the operation refuses blind updates (428 without If-Match)
     */
    public static void check(String ifMatch, long currentVersion, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(
                        428,
                        "precondition-required",
                        "Precondition required",
                        "send If-Match with the ETag you last read",
                        null);
            }
            return;
        }
        String expected = "\"" + currentVersion + "\"";
        boolean matches = false;
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(expected) || t.equals("W/" + expected)) {
                matches = true;
            }
        }
        if (!matches) {
            throw new ProblemException(
                    412,
                    "precondition-failed",
                    "Precondition failed",
                    "the resource changed since you read it (current ETag " + expected + ")",
                    null);
        }
    }

    /**
     * For an upsert about to create: nothing exists yet, so only a missing If-Match or {@code *} matches (RFC 9110
     * 13.1.1); anything else is a 412 naming what does not exist.
     */
    public static void checkAbsent(String ifMatch, String what) {
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*")) {
            throw new ProblemException(
                    412,
                    "precondition-failed",
                    "Precondition failed",
                    what + " does not exist, so If-Match cannot match",
                    null);
        }
    }
}
