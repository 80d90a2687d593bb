package nl.meedoen.draw;

/** One value of a category (e.g. gender = female) with the number of panel seats it must get: min..max inclusive. */
public record FeatureQuota(String value, int min, int max) {}
