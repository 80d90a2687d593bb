package nl.meedoen.draw;

import java.util.List;

/**
 * Everything a draw depends on (before the seed): the pool, the categories with their quotas, the panel size, the
 * algorithm and whether at most one person per household may be selected.
 */
public record DrawInput(
        List<Person> pool, List<Category> categories, int panelSize, Algorithm algorithm, boolean householdRule) {
    public DrawInput {
        pool = List.copyOf(pool);
        categories = List.copyOf(categories);
    }
}
