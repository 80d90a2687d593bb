package nl.meedoen.commons.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a running handler knows of its job and how it reports back: progress (written at most twice a
 * second, or at once when the phase changes) and whether it was cancelled (read along with each write,
 * and at least once a second when asked).
 */
public final class JobContext {

    private static final long WRITE_EVERY_NANOS = 500_000_000L;
    private static final long READ_EVERY_NANOS = 1_000_000_000L;

    private final UUID id;
    private final String subject;
    private final String input;
    private final int attempt;
    private final String worker;
    private final EntityManager em;
    private final ObjectMapper mapper;

    private String phase;
    private long lastWrite;
    private long lastRead;
    private volatile boolean cancelled;

    JobContext(
            UUID id, String subject, String input, int attempt, String worker, EntityManager em, ObjectMapper mapper) {
        this.id = id;
        this.subject = subject;
        this.input = input;
        this.attempt = attempt;
        this.worker = worker;
        this.em = em;
        this.mapper = mapper;
        this.lastWrite = this.lastRead = System.nanoTime();
    }

    public UUID id() {
        return id;
    }

    /** What the job works on, as given to {@link Jobs#submit}. */
    public String subject() {
        return subject;
    }

    /** 1 on the first run; more when a resumable job runs again after its worker stopped. */
    public int attempt() {
        return attempt;
    }

    /** The input given to {@link Jobs#submit}, read back as {@code type}. */
    public <T> T input(Class<T> type) {
        try {
            return input == null ? null : mapper.readValue(input, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job input is not a " + type.getSimpleName(), e);
        }
    }

    /**
     * Reports progress. Cheap to call often: it writes when the phase changes or half a second has passed.
     *
     * @param total units in all, or null while unknown
     */
    public void progress(String phase, long done, Long total) {
        write(phase, done, total, true);
    }

    /** Names a new phase and keeps the counts as they were (e.g. storing the result after the counted work). */
    public void progress(String phase) {
        write(phase, 0, null, false);
    }

    private void write(String phase, long done, Long total, boolean counts) {
        long now = System.nanoTime();
        if (Objects.equals(phase, this.phase) && now - lastWrite < WRITE_EVERY_NANOS) {
            return;
        }
        this.phase = phase;
        lastWrite = lastRead = now;
        List<?> flags = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("UPDATE job SET phase = ?2, done = CASE WHEN ?7 THEN ?3 ELSE done END,"
                                + " total = CASE WHEN ?7 THEN CAST(?4 AS BIGINT) ELSE total END, updated_at = ?5, heartbeat_at = ?5"
                                + " WHERE id = ?1 AND status = 'RUNNING' AND worker = ?6 RETURNING cancel_requested")
                        .setParameter(1, id)
                        .setParameter(2, phase)
                        .setParameter(3, done)
                        .setParameter(4, total)
                        .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                        .setParameter(6, worker)
                        .setParameter(7, counts)
                        .getResultList());
        // No row: the job is no longer this worker's (cancelled while queued, or taken over after a stall).
        cancelled |= flags.isEmpty() || Boolean.TRUE.equals(flags.get(0));
    }

    /** Whether the job should stop: cancellation was asked for, or the job is no longer this worker's. */
    public boolean cancelled() {
        long now = System.nanoTime();
        if (!cancelled && now - lastRead >= READ_EVERY_NANOS) {
            lastRead = now;
            List<?> flags = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery(
                                    "SELECT cancel_requested FROM job WHERE id = ?1 AND status = 'RUNNING' AND worker = ?2")
                            .setParameter(1, id)
                            .setParameter(2, worker)
                            .getResultList());
            cancelled = flags.isEmpty() || Boolean.TRUE.equals(flags.get(0));
        }
        return cancelled;
    }

    /** Stops the handler with {@link JobCancelledException} when {@link #cancelled()}. */
    public void checkCancelled() {
        if (cancelled()) {
            throw new JobCancelledException();
        }
    }
}
