package nl.meedoen.draw;

import java.util.List;

/** Outcome of {@link DrawEngine#verify}: {@code match} is true when every check passed; {@code differences} says what did not. */
public record Verification(boolean match, String commitment, List<String> checked, List<String> differences) {
    public Verification {
        checked = List.copyOf(checked);
        differences = List.copyOf(differences);
    }
}
