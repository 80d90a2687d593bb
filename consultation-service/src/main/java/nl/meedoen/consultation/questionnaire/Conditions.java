package nl.meedoen.consultation.questionnaire;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Evaluates {@link Condition}s against answers (plain Java: the same rules for every frontend). */
public final class Conditions {

    public static final Set<String> OPERATORS = Set.of(
            "equals",
            "notEquals",
            "in",
            "contains",
            "greaterThan",
            "greaterOrEqual",
            "lessThan",
            "lessOrEqual",
            "answered",
            "notAnswered");
    public static final Set<String> NUMERIC = Set.of("greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual");
    public static final Set<String> WITHOUT_VALUE = Set.of("answered", "notAnswered");

    private Conditions() {}

    public static boolean test(Condition c, Map<String, Object> answers) {
        if (c.all() != null) {
            return c.all().stream().allMatch(x -> test(x, answers));
        }
        if (c.any() != null) {
            return c.any().stream().anyMatch(x -> test(x, answers));
        }
        if (c.not() != null) {
            return !test(c.not(), answers);
        }
        Object answer = values(answers.get(c.question()));
        boolean answered = isAnswered(answer);
        switch (c.op()) {
            case "answered":
                return answered;
            case "notAnswered":
                return !answered;
            case "notEquals":
                return !answered || !same(answer, c.value());
            default:
                break;
        }
        if (!answered) {
            return false;
        }
        return switch (c.op()) {
            case "equals" -> same(answer, c.value());
            case "in" ->
                c.value() instanceof Collection<?> values
                        && (answer instanceof Collection<?> list
                                ? list.stream().anyMatch(a -> values.stream().anyMatch(v -> same(a, v)))
                                : values.stream().anyMatch(v -> same(answer, v)));
            case "contains" ->
                answer instanceof Collection<?> list && list.stream().anyMatch(a -> same(a, c.value()));
            case "greaterThan" -> numbers(answer, c.value()) && num(answer) > num(c.value());
            case "greaterOrEqual" -> numbers(answer, c.value()) && num(answer) >= num(c.value());
            case "lessThan" -> numbers(answer, c.value()) && num(answer) < num(c.value());
            case "lessOrEqual" -> numbers(answer, c.value()) && num(answer) <= num(c.value());
            default -> false;
        };
    }

    /** Every question a condition refers to. */
    public static void references(Condition c, Collection<String> into) {
        if (c == null) {
            return;
        }
        if (c.question() != null) {
            into.add(c.question());
        }
        if (c.all() != null) {
            c.all().forEach(x -> references(x, into));
        }
        if (c.any() != null) {
            c.any().forEach(x -> references(x, into));
        }
        references(c.not(), into);
    }

    /** A PWE answer takes part in conditions as its list of chosen options. */
    private static Object values(Object answer) {
        if (answer instanceof Map<?, ?> map && map.get("chosen") instanceof List<?> chosen) {
            return chosen;
        }
        return answer;
    }

    public static boolean isAnswered(Object answer) {
        if (answer == null) {
            return false;
        }
        if (answer instanceof String s) {
            return !s.isBlank();
        }
        if (answer instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    private static boolean same(Object answer, Object value) {
        if (answer instanceof Number a && value instanceof Number v) {
            return Double.compare(a.doubleValue(), v.doubleValue()) == 0;
        }
        if (answer instanceof Collection<?> list) {
            return list.size() == 1 && same(list.iterator().next(), value);
        }
        return Objects.equals(answer == null ? null : answer.toString(), value == null ? null : value.toString());
    }

    private static boolean numbers(Object answer, Object value) {
        return answer instanceof Number && value instanceof Number;
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }
}
