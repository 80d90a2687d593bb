package nl.meedoen.commons.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs every {@link RetentionPurge} of the service every {@code meedoen.retention.purge-interval} ({@code 24h};
 * {@code off} switches the purges off, as the tests do, which call a purge directly). One failing purge does not stop
 * the others; it is tried again at the next run.
 */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    @Inject
    @Any
    Instance<RetentionPurge> purges;

    @Scheduled(
            every = "${meedoen.retention.purge-interval:24h}",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        runAll();
    }

    /** @return rows deleted by all purges now */
    public int runAll() {
        int deleted = 0;
        for (RetentionPurge purge : purges) {
            try {
                deleted += purge.purge();
            } catch (RuntimeException e) {
                LOG.warnf(
                        e,
                        "retention purge %s failed; tried again at the next run",
                        purge.getClass().getSimpleName());
            }
        }
        return deleted;
    }
}
