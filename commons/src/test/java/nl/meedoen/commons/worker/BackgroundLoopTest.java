package nl.meedoen.commons.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aWakeStartsARoundWithoutWaitingForThePollInterval() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop("test", 1, HOUR, Duration.ZERO, HOUR, () -> {
            rounds.incrementAndGet();
            return false;
        });
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 1);
            loop.wake();
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 2);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
        assertFalse(loop.running());
    }

    @Test
    void aRoundThatFindsMoreRunsAgainAtOnce() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundLoop loop =
                new BackgroundLoop("test", 1, HOUR, Duration.ZERO, HOUR, () -> rounds.incrementAndGet() < 5);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 5);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void failingRoundsAreRetriedUntilTheyPass() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop("test", 1, HOUR, Duration.ZERO, Duration.ofMillis(300), () -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("database gone");
            }
            passed.incrementAndGet();
            return false;
        });
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> passed.get() == 1);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
        assertEquals(4, attempts.get());
    }

    @Test
    void theBackoffDoublesFrom250MillisecondsUpToItsCap() {
        assertEquals(250, BackgroundLoop.backoffMillis(1, Duration.ofSeconds(10)));
        assertEquals(500, BackgroundLoop.backoffMillis(2, Duration.ofSeconds(10)));
        assertEquals(8_000, BackgroundLoop.backoffMillis(6, Duration.ofSeconds(10)));
        assertEquals(10_000, BackgroundLoop.backoffMillis(7, Duration.ofSeconds(10)));
        assertEquals(10_000, BackgroundLoop.backoffMillis(500, Duration.ofSeconds(10)));
    }
}
