package nl.meedoen.commons.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.worker.BackgroundLoop;
import org.jboss.logging.Logger;

/**
 * Runs the queued jobs of this service's database on {@code meedoen.jobs.workers} threads. Every replica
 * runs one; a job is claimed with {@code FOR UPDATE SKIP LOCKED}, so each runs once. Running jobs send a
 * heartbeat; a job whose worker fell silent (crash, kill, scale-down) is queued again when its handler is
 * resumable and failed with a problem otherwise, so no job stays RUNNING forever.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobConfig config;

    @Inject
    Jobs jobs;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Any
    Instance<JobHandler> handlerBeans;

    @Inject
    MeterRegistry registry;

    /** This process, as written in {@code job.worker}. */
    final String worker = UUID.randomUUID().toString();

    private final Map<String, JobHandler> handlers = new TreeMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong runningInDatabase = new AtomicLong();
    private final AtomicLong oldestQueuedSeconds = new AtomicLong();
    private BackgroundLoop poller;
    private long nextHousekeeping;
    private ExecutorService pool;

    void start(@Observes StartupEvent event) {
        for (JobHandler h : handlerBeans) {
            handlers.put(h.kind(), h);
        }
        if (handlers.isEmpty()) {
            return; // a service without jobs runs no poller
        }
        Gauge.builder("meedoen.jobs.live", queued, AtomicLong::get)
                .tag("status", "QUEUED")
                .description("Jobs of this service waiting for a worker (all replicas)")
                .register(registry);
        Gauge.builder("meedoen.jobs.live", runningInDatabase, AtomicLong::get)
                .tag("status", "RUNNING")
                .description("Jobs of this service running (all replicas)")
                .register(registry);
        Gauge.builder("meedoen.jobs.queued.age", oldestQueuedSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("How long the oldest waiting job has waited: grows when no worker takes jobs")
                .register(registry);
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        nextHousekeeping = System.nanoTime();
        poller = new BackgroundLoop(
                "job-poller",
                1,
                config.pollInterval().compareTo(config.heartbeat()) < 0 ? config.pollInterval() : config.heartbeat(),
                Duration.ZERO,
                config.pollInterval(),
                this::round);
        poller.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller == null) {
            return;
        }
        poller.stop(Duration.ofSeconds(2));
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Do not leave our jobs RUNNING until the heartbeat goes stale: hand them on (or fail them) now.
        try {
            release("worker = ?1", worker);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "could not release this process's jobs at shutdown (they are released when stale): %s",
                    e.toString());
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Jobs.Queued queued) {
        wake();
    }

    /** Handler of a kind, for the cancel rule; null when this service does not run that kind. */
    public JobHandler handler(String kind) {
        return handlers.get(kind);
    }

    private void wake() {
        if (poller != null) {
            poller.wake();
        }
    }

    /** Housekeeping when due, then claim queued jobs while a worker is free. */
    private boolean round() {
        long now = System.nanoTime();
        if (now - nextHousekeeping >= 0) {
            heartbeat();
            release("heartbeat_at < ?1", OffsetDateTime.now(ZoneOffset.UTC).minus(config.staleAfter()));
            measure();
            nextHousekeeping = now + config.heartbeat().toNanos();
        }
        while (running.get() < config.workers() && claimAndStart()) {
            // claimed one; try for another while a worker is free
        }
        return false;
    }

    private boolean claimAndStart() {
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "UPDATE job SET status = 'RUNNING', worker = ?1, attempts = attempts + 1, started_at = coalesce(started_at, ?2),"
                                        + " heartbeat_at = ?2, updated_at = ?2, phase = coalesce(phase, 'started')"
                                        + " WHERE id = (SELECT id FROM job WHERE status = 'QUEUED' AND kind IN (?3) ORDER BY created_at"
                                        + " LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, kind, subject, input, attempts")
                        .setParameter(1, worker)
                        .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                        .setParameter(3, List.copyOf(handlers.keySet()))
                        .getResultList());
        if (claimed.isEmpty()) {
            return false;
        }
        Object[] row = claimed.get(0);
        JobContext context = new JobContext(
                (UUID) row[0], (String) row[2], (String) row[3], ((Number) row[4]).intValue(), worker, em, mapper);
        running.incrementAndGet();
        pool.execute(() -> {
            try {
                execute(handlers.get((String) row[1]), context);
            } finally {
                running.decrementAndGet();
                wake();
            }
        });
        return true;
    }

    private void execute(JobHandler handler, JobContext context) {
        Jobs.Status status;
        try {
            JobHandler.JobOutcome outcome = handler.run(context);
            status = finish(
                    context.id(),
                    Jobs.Status.SUCCEEDED,
                    outcome == null ? null : outcome.location(),
                    outcome == null ? null : jobs.json(outcome.result()),
                    null);
        } catch (JobCancelledException e) {
            status = finish(context.id(), Jobs.Status.CANCELLED, null, null, jobs.cancelled(context.id()));
        } catch (ProblemException e) {
            status =
                    fail(context.id(), Problem.TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), e.errors());
        } catch (Exception | LinkageError e) {
            LOG.errorf(e, "job %s (%s) failed", context.id(), handler.kind());
            status = fail(
                    context.id(),
                    Problem.TYPE_BASE + "internal",
                    "Job failed",
                    500,
                    "the job failed unexpectedly (job " + context.id() + " in the service log)",
                    List.of());
        }
        if (status != null) {
            finished(handler.kind(), status.name());
        }
    }

    /** Counts a job that ended, by kind and how: what a failing-jobs alert and the dashboard read. */
    private void finished(String kind, String status) {
        registry.counter("meedoen.jobs.finished", "kind", kind, "status", status)
                .increment();
    }

    /** Jobs waiting and running, and how long the oldest has waited, read from the database (so all replicas agree). */
    private void measure() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "SELECT count(*) FILTER (WHERE status = 'QUEUED'), count(*) FILTER (WHERE status = 'RUNNING'),"
                                + " coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'QUEUED')), 0)"
                                + " FROM job WHERE status IN ('QUEUED', 'RUNNING')")
                .getSingleResult());
        queued.set(((Number) row[0]).longValue());
        runningInDatabase.set(((Number) row[1]).longValue());
        oldestQueuedSeconds.set(((Number) row[2]).longValue());
    }

    /** The job FAILED with this problem, whose instance is the job; null when it was no longer this worker's. */
    private Jobs.Status fail(
            UUID id, String type, String title, int status, String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(
                type, title, status, detail, config.path() + "/" + id, null, errors.isEmpty() ? null : errors);
        return finish(id, Jobs.Status.FAILED, null, null, problem);
    }

    /** Records how the job ended; returns that status, or null when the job was no longer this worker's to end. */
    private Jobs.Status finish(UUID id, Jobs.Status status, String location, String result, Problem problem) {
        int updated = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "UPDATE job SET status = ?2, result_location = ?3, result = ?4, problem = ?5, finished_at = ?6, updated_at = ?6,"
                                        + " heartbeat_at = NULL, phase = CASE WHEN ?2 = 'SUCCEEDED' THEN 'done' ELSE phase END,"
                                        + " done = CASE WHEN ?2 = 'SUCCEEDED' AND total IS NOT NULL THEN total ELSE done END"
                                        + " WHERE id = ?1 AND status = 'RUNNING' AND worker = ?7")
                        .setParameter(1, id)
                        .setParameter(2, status.name())
                        .setParameter(3, location)
                        .setParameter(4, result)
                        .setParameter(5, jobs.json(problem))
                        .setParameter(6, OffsetDateTime.now(ZoneOffset.UTC))
                        .setParameter(7, worker)
                        .executeUpdate());
        return updated == 1 ? status : null;
    }

    private void heartbeat() {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE job SET heartbeat_at = ?2 WHERE worker = ?1 AND status = 'RUNNING'")
                        .setParameter(1, worker)
                        .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                        .executeUpdate());
    }

    /**
     * Running jobs matching {@code condition} lost their worker: queue a resumable one again (a bounded
     * number of times), cancel one whose cancellation was asked for, fail any other with a problem.
     */
    private void release(String condition, Object parameter) {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> lost = em.createNativeQuery(
                            "SELECT id, kind, attempts, cancel_requested FROM job WHERE status = 'RUNNING' AND "
                                    + condition + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, parameter)
                    .getResultList();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (Object[] row : lost) {
                UUID id = (UUID) row[0];
                JobHandler handler = handlers.get((String) row[1]);
                boolean cancel = Boolean.TRUE.equals(row[3]);
                boolean again = !cancel
                        && handler != null
                        && handler.resumable()
                        && ((Number) row[2]).intValue() < config.maxAttempts();
                Problem problem = cancel
                        ? jobs.cancelled(id)
                        : again
                                ? null
                                : new Problem(
                                        Problem.TYPE_BASE + "job-interrupted",
                                        "Job interrupted",
                                        503,
                                        "the service stopped while the job ran and it cannot resume; start it again",
                                        config.path() + "/" + id,
                                        null,
                                        null);
                String status = cancel ? "CANCELLED" : again ? "QUEUED" : "FAILED";
                LOG.infof("job %s (%s) lost its worker: now %s", id, row[1], status);
                if (!again) {
                    finished((String) row[1], status);
                }
                em.createNativeQuery(
                                "UPDATE job SET status = ?2, worker = NULL, heartbeat_at = NULL, updated_at = ?3, problem = ?4,"
                                        + " finished_at = CAST(?5 AS TIMESTAMPTZ), phase = coalesce(?6, phase) WHERE id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, status)
                        .setParameter(3, now)
                        .setParameter(4, jobs.json(problem))
                        .setParameter(5, again ? null : now)
                        .setParameter(6, again ? "queued again after its worker stopped" : null)
                        .executeUpdate();
            }
            if (!lost.isEmpty()) {
                wake();
            }
        });
    }
}
