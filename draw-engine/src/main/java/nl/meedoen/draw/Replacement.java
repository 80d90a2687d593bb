package nl.meedoen.draw;

import java.util.List;

/**
 * Outcome of {@link DrawEngine#replace}: {@code replacement} is the first waitlisted person whose addition keeps all
 * quotas and the household rule, or null (then {@code reason} says why and panel/waitlist are unchanged except the
 * withdrawal). {@code panel} and {@code waitlist} are the new state.
 */
public record Replacement(
        String withdrawn, String replacement, List<String> panel, List<String> waitlist, String reason) {
    public Replacement {
        panel = List.copyOf(panel);
        waitlist = List.copyOf(waitlist);
    }

    public boolean found() {
        return replacement != null;
    }
}
