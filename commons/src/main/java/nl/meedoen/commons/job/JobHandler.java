package nl.meedoen.commons.job;

/**
 * The work of one kind of job. Implementations are CDI beans; {@link JobRunner} finds them by {@link #kind()}.
 * {@link #run} runs on a job worker thread outside any transaction: it opens its own short transactions
 * and reports progress through the context, so nothing holds a connection while it computes.
 */
public interface JobHandler {

    /** The kind this handler runs, e.g. {@code draw-commit}. */
    String kind();

    /**
     * Does the work. Throw a {@link nl.meedoen.commons.problem.ProblemException} for a failure the caller
     * should read (the job fails with that problem), or {@link JobCancelledException} when the context
     * says the job was cancelled.
     */
    JobOutcome run(JobContext context) throws Exception;

    /**
     * Whether running it again after a restart is safe (its writes are idempotent or it notices what is
     * done). Every job here is written that way, so a replica's restart never costs an organiser a job; a
     * handler that cannot be says false, and its job fails cleanly instead of running twice.
     */
    default boolean resumable() {
        return true;
    }

    /** Whether a caller may cancel it while it runs. */
    default boolean cancellable() {
        return true;
    }

    /** What a finished job leaves: where to read its result, and a small JSON-able summary. */
    record JobOutcome(String location, Object result) {}
}
