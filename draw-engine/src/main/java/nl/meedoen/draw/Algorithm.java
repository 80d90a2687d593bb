package nl.meedoen.draw;

import java.util.Locale;

public enum Algorithm {
    /** k of n uniformly at random; quotas are not applied. With the household rule: k households, one member each. */
    UNIFORM,
    /** Flanigan et al. (Nature 2021): the quota-satisfying panel distribution that is leximin-optimal for the people. */
    LEXIMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.id().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw DrawException.invalid("unknown algorithm '" + s + "' (use leximin or uniform)");
    }
}
