package nl.meedoen.commons.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "meedoen.jobs")
public interface JobConfig {

    /** Jobs this process runs at once. Draws are CPU-bound: more workers than cores only slows each down. */
    @WithDefault("1")
    int workers();

    /** How often an idle runner looks for queued jobs (a job submitted in this process wakes it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often a running job's worker says it is alive. */
    @WithDefault("5s")
    Duration heartbeat();

    /**
     * A running job whose worker has been silent this long is taken to be dead (the process stopped or
     * crashed): a resumable job is queued again, any other fails with a problem saying so.
     */
    @WithDefault("30s")
    Duration staleAfter();

    /** Attempts of a resumable job before it fails instead of being queued again. */
    @WithDefault("3")
    int maxAttempts();

    /**
     * Where this service serves its jobs, e.g. {@code /api/v1/jobs/recruitment}: the {@code @Path} of its
     * {@link JobResource} and the gateway's route {@code jobs/<service>}. Set by every service that runs jobs.
     */
    @WithDefault("/api/v1/jobs/unset")
    String path();
}
