package nl.meedoen.notification.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;

/**
 * Every tenant's profile published again on {@code tenants.profile.v1}, a thousand per transaction in tenantRef
 * order, so a new consumer or a lost topic gets the whole register. Resumable: it starts again from the first
 * tenant, which costs only duplicates the compacted topic and the upserting read models absorb.
 */
@ApplicationScoped
public class ProfileRepublishJob implements JobHandler {

    public static final String KIND = "profile-republish";
    static final int BATCH = 1000;

    @Inject
    TenantRegister register;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome run(JobContext context) {
        long total = register.count();
        long published = 0;
        String after = "";
        while (after != null) {
            context.progress("publishing profiles", published, total);
            context.checkCancelled();
            TenantRegister.Republished batch = register.republish(after, BATCH);
            published += batch.published();
            after = batch.last();
        }
        return new JobOutcome("/api/v1/tenants", Map.of("published", published));
    }
}
