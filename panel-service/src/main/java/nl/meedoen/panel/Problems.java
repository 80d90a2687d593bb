package nl.meedoen.panel;

import java.util.List;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;

/** The caller mistakes specific to panels, as RFC 9457 problems. */
public final class Problems {

    private Problems() {}

    /** 422: the request is well-formed but the domain refuses it. */
    public static ProblemException unprocessable(String type, String detail, String field, String message) {
        return new ProblemException(
                422,
                type,
                "Request cannot be processed",
                detail,
                field == null ? null : List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unprocessable(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, "validation", "Request cannot be processed", detail, errors);
    }

    /** 409: the resource's state does not allow this now. */
    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail, null);
    }

    public static ProblemException forbidden(String type, String detail) {
        return new ProblemException(403, type, "Forbidden", detail, null);
    }
}
