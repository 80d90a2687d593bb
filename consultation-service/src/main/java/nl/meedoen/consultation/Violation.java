package nl.meedoen.consultation;

/**
 * One broken rule: where ({@code answers.q5}, {@code questions[2].options}), which rule
 * ({@code required}, {@code range}, {@code budget}, ...) and what the caller can do about it.
 */
public record Violation(String field, String rule, String message) {

    /** The text the API puts in a problem's {@code errors[].message}: the rule first, so clients can match on it. */
    public String describe() {
        return rule + ": " + message;
    }
}
