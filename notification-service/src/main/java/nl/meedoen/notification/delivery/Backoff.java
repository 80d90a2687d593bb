package nl.meedoen.notification.delivery;

import java.time.Duration;

/** Exponential backoff with a cap: initial, 2×, 4×, ... never more than max. */
public final class Backoff {

    private Backoff() {}

    /** @param attempts failed attempts so far (1 after the first failure) */
    public static Duration after(int attempts, Duration initial, Duration max) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
