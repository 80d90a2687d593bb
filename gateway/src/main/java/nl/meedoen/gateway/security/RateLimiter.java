package nl.meedoen.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import nl.meedoen.gateway.GatewayConfig;

/**
 * Token buckets by key ({@code ip:...}, {@code client:...}): a bucket holds up to {@code burst}
 * requests and refills at {@code perSecond}. In memory, per gateway replica: with {@code replicas}
 * replicas each one enforces its share, {@code perSecond / replicas} and {@code burst / replicas}
 * (rounded up), so that the replicas together allow the configured limit (gateway/README.md, Rate limits).
 */
public final class RateLimiter {

    private static final long IDLE_NANOS = 10L * 60 * 1_000_000_000L;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final int replicas;

    public RateLimiter(LongSupplier nanoClock, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("meedoen.gateway.replicas must be at least 1: " + replicas);
        }
        this.clock = nanoClock;
        this.replicas = replicas;
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** Takes one request from the key's bucket: 0 when allowed, else the seconds until one is (at least 1). */
    public long acquire(String key, GatewayConfig.Limit limit) {
        double perSecond = limit.perSecond() / replicas;
        int burst = Math.max(1, (limit.burst() + replicas - 1) / replicas);
        long now = clock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) / 1e9 * perSecond);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    /** Forgets buckets idle long enough to be full again, so memory stays bounded by recent callers. */
    public void evictIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return now - b.updated > IDLE_NANOS;
            }
        });
    }

    int size() {
        return buckets.size();
    }
}
