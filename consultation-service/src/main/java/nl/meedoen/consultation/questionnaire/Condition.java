package nl.meedoen.consultation.questionnaire;

import java.util.List;

/**
 * A visibility or required-ness rule over earlier answers, evaluated on the server. Exactly one of:
 * a comparison ({@code question} + {@code op} [+ {@code value}]), {@code all}, {@code any} or {@code not}.
 *
 * <p>Operators: {@code equals}, {@code notEquals}, {@code in} (value is a list), {@code contains}
 * (a multiple-choice, ranking or PWE answer holds the value), {@code greaterThan},
 * {@code greaterOrEqual}, {@code lessThan}, {@code lessOrEqual} (numbers), {@code answered},
 * {@code notAnswered} (no value). An unanswered question satisfies only {@code notAnswered} and
 * {@code notEquals}.
 */
public record Condition(
        String question, String op, Object value, List<Condition> all, List<Condition> any, Condition not) {

    public static Condition of(String question, String op, Object value) {
        return new Condition(question, op, value, null, null, null);
    }

    public static Condition allOf(List<Condition> conditions) {
        return new Condition(null, null, null, conditions, null, null);
    }

    public static Condition anyOf(List<Condition> conditions) {
        return new Condition(null, null, null, null, conditions, null);
    }

    public static Condition negate(Condition condition) {
        return new Condition(null, null, null, null, null, condition);
    }
}
