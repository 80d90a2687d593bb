package nl.meedoen.commons.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.commons.sql.SqlTimes;

/**
 * Starts, reads and cancels jobs. {@link #submit} joins the caller's transaction, so a job exists exactly
 * when the state change that asked for it commits; {@link JobRunner} picks it up after the commit.
 */
@ApplicationScoped
public class Jobs {

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** Fired when a job is queued, so the runner in this process starts it as soon as the transaction commits. */
    public record Queued() {}

    private static final String COLUMNS =
            "id, kind, subject, status, phase, done, total, cancel_requested, created_at, started_at,"
                    + " updated_at, finished_at, result_location, result, problem, started_by";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    JobConfig config;

    @Inject
    Event<Queued> queued;

    @Inject
    Instance<SecurityIdentity> identity;

    /**
     * Queues a job of {@code kind} on {@code subject}. There is at most one queued or running job per kind
     * and subject: a second one (a retried request, a double click) is a 409 problem naming the live job.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public JobView submit(String kind, String subject, Object input) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<?> inserted = em.createNativeQuery(
                        "INSERT INTO job (id, kind, subject, status, input, started_by, created_at, updated_at)"
                                + " VALUES (?1, ?2, ?3, 'QUEUED', ?4, ?5, ?6, ?6)"
                                + " ON CONFLICT (kind, subject) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING RETURNING id")
                .setParameter(1, id)
                .setParameter(2, kind)
                .setParameter(3, subject)
                .setParameter(4, json(input))
                .setParameter(5, caller())
                .setParameter(6, now)
                .getResultList();
        if (inserted.isEmpty()) {
            Object live = em.createNativeQuery(
                            "SELECT id FROM job WHERE kind = ?1 AND subject = ?2 AND status IN ('QUEUED', 'RUNNING')")
                    .setParameter(1, kind)
                    .setParameter(2, subject)
                    .getResultStream()
                    .findFirst()
                    .orElse("(just finished)");
            throw new ProblemException(
                    409,
                    "job-in-progress",
                    "Already in progress",
                    "a " + kind + " job for " + subject + " is already queued or running: " + config.path() + "/"
                            + live,
                    null);
        }
        queued.fire(new Queued());
        return find(id);
    }

    /** Whether a job of {@code kind} on {@code subject} is queued or running (e.g. to refuse a change it would race). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean live(String kind, String subject) {
        return !em.createNativeQuery(
                        "SELECT 1 FROM job WHERE kind = ?1 AND subject = ?2 AND status IN ('QUEUED', 'RUNNING')")
                .setParameter(1, kind)
                .setParameter(2, subject)
                .getResultList()
                .isEmpty();
    }

    /** The job as the caller may see it: its starter and ops read it; for anyone else it does not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JobView get(UUID id) {
        Object[] row = row(id);
        SecurityIdentity caller = currentIdentity();
        boolean visible = row != null && (caller == null || caller.hasRole(Roles.OPS) || caller().equals(row[15]));
        if (!visible) {
            throw ProblemException.notFound("job " + id);
        }
        return view(row);
    }

    /**
     * Cancels a queued job at once; a running one stops at its next check (its handler decides what is kept:
     * whatever it finished stays recorded). A finished job, or a kind that cannot be cancelled, is a 409.
     */
    @Transactional
    public JobView cancel(UUID id, boolean cancellable) {
        JobView job = get(id);
        if (job.finished()) {
            throw new ProblemException(
                    409,
                    "job-finished",
                    "Job has finished",
                    "the job is " + job.status() + "; nothing to cancel",
                    null);
        }
        if (!cancellable) {
            throw new ProblemException(
                    409,
                    "job-not-cancellable",
                    "Job cannot be cancelled",
                    "a " + job.kind() + " job runs to its end once started",
                    null);
        }
        em.createNativeQuery("UPDATE job SET status = CASE WHEN status = 'QUEUED' THEN 'CANCELLED' ELSE status END,"
                        + " finished_at = CASE WHEN status = 'QUEUED' THEN ?2 ELSE finished_at END,"
                        + " problem = CASE WHEN status = 'QUEUED' THEN ?3 ELSE problem END,"
                        + " cancel_requested = true, updated_at = ?2 WHERE id = ?1 AND status IN ('QUEUED', 'RUNNING')")
                .setParameter(1, id)
                .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(3, json(cancelled(id)))
                .executeUpdate();
        return find(id);
    }

    /**
     * 202 Accepted with the job's address in {@code Location} and the job as the body. The address is
     * relative (RFC 9110 allows it): resolved against the service's own host it would point past the gateway.
     */
    public static Response accepted(JobView job) {
        return Response.accepted(job)
                .header("Location", job.self())
                .header("Retry-After", "1")
                .build();
    }

    /** The job without the caller check: for handlers and the runner. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JobView find(UUID id) {
        Object[] row = row(id);
        if (row == null) {
            throw ProblemException.notFound("job " + id);
        }
        return view(row);
    }

    Problem cancelled(UUID id) {
        return new Problem(
                Problem.TYPE_BASE + "job-cancelled",
                "Job cancelled",
                409,
                "the job was cancelled; what it finished before stays recorded",
                config.path() + "/" + id,
                CorrelationId.current(),
                null);
    }

    String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not serializable as JSON: " + value.getClass().getName(), e);
        }
    }

    private Object[] row(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM job WHERE id = ?1")
                .setParameter(1, id)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private JobView view(Object[] r) {
        UUID id = (UUID) r[0];
        String status = (String) r[3];
        long done = ((Number) r[5]).longValue();
        Long total = r[6] == null ? null : ((Number) r[6]).longValue();
        OffsetDateTime started = SqlTimes.offset(r[9]);
        OffsetDateTime finished = SqlTimes.offset(r[11]);
        Double progress =
                total == null || total == 0 ? null : Math.min(1.0, Math.round(10000.0 * done / total) / 10000.0);
        Long eta = null;
        if (Status.RUNNING.name().equals(status) && started != null && total != null && done > 0 && done <= total) {
            long elapsedMs =
                    Duration.between(started.toInstant(), Instant.now()).toMillis();
            eta = Math.round(elapsedMs / 1000.0 * (total - done) / done);
        }
        return new JobView(
                id,
                (String) r[1],
                (String) r[2],
                status,
                (String) r[4],
                done,
                total,
                progress,
                eta,
                Boolean.TRUE.equals(r[7]) && finished == null ? Boolean.TRUE : null,
                SqlTimes.offset(r[8]),
                started,
                SqlTimes.offset(r[10]),
                finished,
                (String) r[12],
                tree((String) r[13]),
                problem((String) r[14]),
                config.path() + "/" + id);
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job result is not JSON", e);
        }
    }

    private Problem problem(String json) {
        try {
            return json == null ? null : mapper.readValue(json, Problem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job problem is not JSON", e);
        }
    }

    /** The JWT subject of the caller, or "system" when no caller (a consumer, a schedule) asks. */
    private String caller() {
        SecurityIdentity caller = currentIdentity();
        return caller == null || caller.isAnonymous()
                ? "system"
                : caller.getPrincipal().getName();
    }

    private SecurityIdentity currentIdentity() {
        if (!Arc.container().requestContext().isActive() || !identity.isResolvable()) {
            return null;
        }
        return identity.get();
    }
}
