package nl.meedoen.consultation.results;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression: a breakdown cell with fewer than k respondents (but more than none) is
 * withheld. When exactly one cell of an attribute is withheld it could be recovered by subtracting
 * the others from the whole, so the next smallest cell is withheld too.
 */
public final class Suppression {

    private Suppression() {}

    public static Set<String> suppressed(Map<String, Long> respondents, int k) {
        Set<String> out = new HashSet<>();
        respondents.forEach((value, n) -> {
            if (n > 0 && n < k) {
                out.add(value);
            }
        });
        if (out.size() == 1) {
            respondents.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !out.contains(e.getKey()))
                    .min(Map.Entry.comparingByValue())
                    .ifPresent(e -> out.add(e.getKey()));
        }
        return out;
    }
}
