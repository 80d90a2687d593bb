package nl.meedoen.commons.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Threads that run rounds of background work until stopped: the outbox relay, the job poller, the mail workers and the
 * mailing runner. A round that says more is waiting runs again at once; otherwise the loop idles until {@link #wake()}
 * or the poll interval, and when woken lingers a moment so the writes that follow join the next round. A failing round
 * (the database or broker gone) backs off exponentially from 250 ms up to {@code maxBackoff}, so nothing is hammered
 * while it is down and the loop carries on by itself once it is back.
 */
public final class BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /** @return true when more work is waiting, so the next round should start at once */
        boolean run() throws Exception;
    }

    private final String name;
    private final int threads;
    private final Duration pollInterval;
    private final Duration linger;
    private final Duration maxBackoff;
    private final Round round;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> started = new ArrayList<>();
    private volatile boolean running;

    public BackgroundLoop(
            String name, int threads, Duration pollInterval, Duration linger, Duration maxBackoff, Round round) {
        this.name = name;
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.linger = linger;
        this.maxBackoff = maxBackoff;
        this.round = round;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::loop, threads == 1 ? name : name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
    }

    /** Something was written for the loop: end the idle wait of every thread. */
    public void wake() {
        wakeUp.release(Math.max(1, threads));
    }

    /** Stops the rounds and waits up to {@code patience} for each thread to finish the round it is in. */
    public synchronized void stop(Duration patience) {
        running = false;
        wakeUp.release(Math.max(1, started.size()));
        for (Thread thread : started) {
            try {
                thread.join(patience.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    public boolean running() {
        return running;
    }

    /** 250 ms after the first failure, doubling, at most {@code max}. */
    static long backoffMillis(int failures, Duration max) {
        return Math.min(max.toMillis(), 250L << Math.min(failures - 1, 10));
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                boolean more = round.run();
                failures = 0;
                if (!more && wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    // a wake that came during the round is kept, so its write waits for no poll interval;
                    // the ones since are folded into the round that follows
                    if (!linger.isZero()) {
                        Thread.sleep(linger.toMillis());
                    }
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures++;
                long backoff = backoffMillis(failures, maxBackoff);
                LOG.warnf("%s round failed (attempt %d, next in %d ms): %s", name, failures, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
