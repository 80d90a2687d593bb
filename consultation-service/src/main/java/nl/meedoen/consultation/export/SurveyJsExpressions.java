package nl.meedoen.consultation.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import nl.meedoen.consultation.questionnaire.Condition;

/**
 * Our conditions as SurveyJS expressions and back, for the subset both understand:
 * {@code {q} = 'v'}, {@code <>}, {@code >}, {@code >=}, {@code <}, {@code <=}, {@code anyof [..]},
 * {@code contains}, {@code empty}, {@code notempty}, {@code and}, {@code or}, {@code !}/{@code not}
 * and parentheses. Anything else is refused with the reason, never silently dropped.
 */
public final class SurveyJsExpressions {

    private SurveyJsExpressions() {}

    /** @param pweQuestions ids of PWE blocks: their value is an object, conditions look at {@code {id.chosen}} */
    public static String write(Condition c, Set<String> pweQuestions) {
        if (c.all() != null) {
            return "(" + c.all().stream().map(x -> write(x, pweQuestions)).collect(Collectors.joining(" and ")) + ")";
        }
        if (c.any() != null) {
            return "(" + c.any().stream().map(x -> write(x, pweQuestions)).collect(Collectors.joining(" or ")) + ")";
        }
        if (c.not() != null) {
            return "!(" + write(c.not(), pweQuestions) + ")";
        }
        String var = "{" + c.question() + (pweQuestions.contains(c.question()) ? ".chosen" : "") + "}";
        return switch (c.op()) {
            case "equals" -> var + " = " + literal(c.value());
            case "notEquals" -> var + " <> " + literal(c.value());
            case "in" ->
                var + " anyof ["
                        + ((List<?>) c.value())
                                .stream().map(SurveyJsExpressions::literal).collect(Collectors.joining(", "))
                        + "]";
            case "contains" -> var + " contains " + literal(c.value());
            case "greaterThan" -> var + " > " + literal(c.value());
            case "greaterOrEqual" -> var + " >= " + literal(c.value());
            case "lessThan" -> var + " < " + literal(c.value());
            case "lessOrEqual" -> var + " <= " + literal(c.value());
            case "answered" -> var + " notempty";
            case "notAnswered" -> var + " empty";
            default -> throw new IllegalArgumentException("no SurveyJS form for " + c.op());
        };
    }

    static String literal(Object v) {
        if (v instanceof Number n) { // whole numbers without ".0"
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return "'" + String.valueOf(v).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Parses a SurveyJS expression; IllegalArgumentException says what is not supported. */
    public static Condition parse(String expression) {
        Parser p = new Parser(tokens(expression));
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos).text + "'");
        }
        return c;
    }

    private enum Kind {
        VAR,
        STRING,
        NUMBER,
        WORD,
        SYMBOL
    }

    private record Token(Kind kind, String text) {}

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed {");
                }
                out.add(new Token(Kind.VAR, s.substring(i + 1, end).trim()));
                i = end + 1;
            } else if (ch == '\'' || ch == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != ch) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    text.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw new IllegalArgumentException("unclosed string");
                }
                out.add(new Token(Kind.STRING, text.toString()));
                i = j + 1;
            } else if (Character.isDigit(ch)
                    || (ch == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(ch)) {
                int j = i;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j).toLowerCase(Locale.ROOT)));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (Set.of("<>", "!=", "==", ">=", "<=", "&&", "||").contains(two)) {
                    out.add(new Token(Kind.SYMBOL, two));
                    i += 2;
                } else if ("=<>!()[],".indexOf(ch) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(ch)));
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected character '" + ch + "'");
                }
            }
        }
        return out;
    }

    private static final class Parser {
        final List<Token> tokens;
        int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean at(String text) {
            return pos < tokens.size()
                    && tokens.get(pos).kind != Kind.STRING
                    && tokens.get(pos).text.equals(text);
        }

        Token next(String expected) {
            if (pos >= tokens.size()) {
                throw new IllegalArgumentException("expression ends where " + expected + " was expected");
            }
            return tokens.get(pos++);
        }

        Condition or() {
            List<Condition> parts = new ArrayList<>(List.of(and()));
            while (at("or") || at("||")) {
                pos++;
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : Condition.anyOf(parts);
        }

        Condition and() {
            List<Condition> parts = new ArrayList<>(List.of(unary()));
            while (at("and") || at("&&")) {
                pos++;
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : Condition.allOf(parts);
        }

        Condition unary() {
            if (at("!") || at("not")) {
                pos++;
                return Condition.negate(unary());
            }
            if (at("(")) {
                pos++;
                Condition inner = or();
                if (!at(")")) {
                    throw new IllegalArgumentException("missing )");
                }
                pos++;
                return inner;
            }
            return comparison();
        }

        Condition comparison() {
            Token var = next("a {question}");
            if (var.kind != Kind.VAR) {
                throw new IllegalArgumentException("a comparison starts with a {question}, not '" + var.text + "'");
            }
            String question = var.text.endsWith(".chosen")
                    ? var.text.substring(0, var.text.length() - ".chosen".length())
                    : var.text;
            Token op = next("an operator");
            return switch (op.text) {
                case "empty" -> Condition.of(question, "notAnswered", null);
                case "notempty" -> Condition.of(question, "answered", null);
                case "=", "==" -> Condition.of(question, "equals", literal());
                case "<>", "!=" -> Condition.of(question, "notEquals", literal());
                case ">" -> Condition.of(question, "greaterThan", literal());
                case ">=" -> Condition.of(question, "greaterOrEqual", literal());
                case "<" -> Condition.of(question, "lessThan", literal());
                case "<=" -> Condition.of(question, "lessOrEqual", literal());
                case "contains" -> Condition.of(question, "contains", literal());
                case "notcontains" -> Condition.negate(Condition.of(question, "contains", literal()));
                case "anyof" -> Condition.of(question, "in", array());
                default -> throw new IllegalArgumentException("operator '" + op.text + "' is not supported");
            };
        }

        List<Object> array() {
            if (!at("[")) {
                throw new IllegalArgumentException("anyof takes a [list]");
            }
            pos++;
            List<Object> values = new ArrayList<>();
            while (!at("]")) {
                values.add(literal());
                if (at(",")) {
                    pos++;
                } else if (!at("]")) {
                    throw new IllegalArgumentException("expected , or ] in a list");
                }
            }
            pos++;
            return values;
        }

        Object literal() {
            Token t = next("a value");
            return switch (t.kind) {
                case STRING -> t.text;
                case NUMBER ->
                    t.text.contains(".") ? (Object) Double.parseDouble(t.text) : (Object) Long.parseLong(t.text);
                case WORD ->
                    switch (t.text) {
                        case "true", "false" -> Boolean.valueOf(t.text);
                        default -> throw new IllegalArgumentException("'" + t.text + "' is not a value");
                    };
                default -> throw new IllegalArgumentException("'" + t.text + "' is not a value");
            };
        }
    }
}
