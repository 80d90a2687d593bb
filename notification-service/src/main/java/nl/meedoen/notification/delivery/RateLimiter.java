package nl.meedoen.notification.delivery;

import java.util.concurrent.locks.LockSupport;

/** Spaces out hand-overs to SMTP so a replica never exceeds its configured messages per second. */
public final class RateLimiter {

    private final long intervalNanos;
    private long next;

    /** @param perSecond 0 or less: unlimited */
    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.next = System.nanoTime();
    }

    /** Blocks until the next message may go. */
    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + reserve();
        for (long wait = deadline - System.nanoTime();
                wait > 0 && !Thread.currentThread().isInterrupted();
                wait = deadline - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private synchronized long reserve() {
        long now = System.nanoTime();
        long at = Math.max(now, next);
        next = at + intervalNanos;
        return at - now;
    }
}
