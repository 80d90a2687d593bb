package nl.meedoen.draw;

import java.util.Map;

/**
 * A volunteer in the pool. {@code id} is whatever pseudonymous key the caller uses (it ends up in published draw
 * records, so never a name); {@code features} maps category name to value; {@code household} may be null.
 */
public record Person(String id, Map<String, String> features, String household) {
    public Person {
        features = Map.copyOf(features);
    }

    public Person(String id, Map<String, String> features) {
        this(id, features, null);
    }
}
