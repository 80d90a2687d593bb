package nl.meedoen.commons.job;

/** Thrown by a handler (through {@link JobContext#checkCancelled()}) to stop a cancelled job. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("the job was cancelled");
    }
}
