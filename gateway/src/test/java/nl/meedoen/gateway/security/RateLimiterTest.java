package nl.meedoen.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import nl.meedoen.gateway.GatewayConfig;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final GatewayConfig.Limit TEN_PER_SECOND_BURST_30 = new GatewayConfig.Limit() {
        @Override
        public double perSecond() {
            return 10;
        }

        @Override
        public int burst() {
            return 30;
        }
    };

    private final AtomicLong now = new AtomicLong();

    private int allowedInARow(RateLimiter limiter, String key) {
        int allowed = 0;
        while (limiter.acquire(key, TEN_PER_SECOND_BURST_30) == 0) {
            allowed++;
        }
        return allowed;
    }

    @Test
    void oneReplicaEnforcesTheWholeLimit() {
        RateLimiter limiter = new RateLimiter(now::get, 1);
        assertEquals(30, allowedInARow(limiter, "ip:a"));
        now.addAndGet(1_000_000_000L);
        assertEquals(10, allowedInARow(limiter, "ip:a"));
    }

    @Test
    void eachOfThreeReplicasEnforcesAThird() {
        RateLimiter limiter = new RateLimiter(now::get, 3);
        assertEquals(10, allowedInARow(limiter, "ip:a"));
        now.addAndGet(3_000_000_000L); // 10/3 per second: 10 tokens after 3 s
        assertEquals(10, allowedInARow(limiter, "ip:a"));
        // Retry-After follows the replica's rate: one token takes 0.3 s, rounded up to 1 s.
        assertEquals(1, limiter.acquire("ip:a", TEN_PER_SECOND_BURST_30));
    }

    @Test
    void aShareIsNeverBelowOneRequest() {
        RateLimiter limiter = new RateLimiter(now::get, 50);
        assertEquals(1, allowedInARow(limiter, "ip:b"));
    }
}
