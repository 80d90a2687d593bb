package nl.meedoen.panel;

import java.util.UUID;
import nl.meedoen.commons.problem.ProblemException;

/** Path ids: anything that is not a UUID names nothing, so it is a 404 rather than a 500. */
public final class Ids {

    private Ids() {}

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what + " " + id);
        }
    }
}
