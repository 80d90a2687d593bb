package nl.meedoen.commons.problem;

import java.util.List;

/** Thrown by domain code to answer the caller with a specific problem. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist", null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, null);
    }

    /** 409 with its own type: the resource's state does not allow this step now. */
    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail, null);
    }

    public static ProblemException forbidden(String type, String detail) {
        return new ProblemException(403, type, "Forbidden", detail, null);
    }

    /** 422 naming one field: the request is well-formed, the value breaks a rule. */
    public static ProblemException fieldRule(String field, String message) {
        return fieldRules(List.of(new Problem.FieldError(field, message)));
    }

    /** 422 naming every field that breaks a rule (malformed JSON stays 400). */
    public static ProblemException fieldRules(List<Problem.FieldError> errors) {
        return new ProblemException(422, "validation", "Request is not valid", summary(errors), errors);
    }

    /** The first ten field errors as one line ({@code field: message; …; and 3 more}). */
    public static String summary(List<Problem.FieldError> errors) {
        return String.join(
                        "; ",
                        errors.stream()
                                .limit(10)
                                .map(e -> e.field() + ": " + e.message())
                                .toList())
                + (errors.size() > 10 ? "; and " + (errors.size() - 10) + " more" : "");
    }

    /** 422 with its own type: the request is valid, but the domain refuses it (a full panel, a lapsed consent). */
    public static ProblemException unprocessable(String type, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, type, "Request cannot be processed", detail, errors);
    }

    /** The same, naming the one field that the domain refuses. */
    public static ProblemException unprocessable(String type, String detail, String field, String message) {
        return unprocessable(type, detail, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "validation", "Request is not valid", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return invalid(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
