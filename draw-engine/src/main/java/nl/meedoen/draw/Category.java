package nl.meedoen.draw;

import java.util.List;

/** A stratification category (e.g. gender) and the quotas of its values. Every person has exactly one value per category. */
public record Category(String name, List<FeatureQuota> features) {
    public Category {
        features = List.copyOf(features);
    }
}
