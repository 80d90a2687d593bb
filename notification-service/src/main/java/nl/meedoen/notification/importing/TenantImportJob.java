package nl.meedoen.notification.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;

/**
 * A tenant import as a job: progress in rows (done/total), cancellable between chunks (the rows stored
 * before stay), resumable: after a restart it goes on after the rows already stored, on any replica (the
 * upload is staged in the database).
 */
@ApplicationScoped
public class TenantImportJob implements JobHandler {

    @Inject
    ImportService imports;

    @Override
    public String kind() {
        return ImportService.JOB_KIND;
    }

    @Override
    public JobOutcome run(JobContext context) throws Exception {
        return imports.run(context);
    }
}
