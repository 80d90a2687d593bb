package nl.meedoen.recruitment.signup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;
import nl.meedoen.recruitment.signup.SignupRequests.OutreachIn;
import nl.meedoen.recruitment.signup.SignupViews.OutreachOut;

/**
 * An outreach as a job, and as one mailing in notification-service (its id is the job's): the organiser follows it,
 * pauses, resumes or cancels it at {@code /api/v1/mailings/{mailingId}}. The job: the eligible population in tenantRef order, a thousand tenants per transaction, so
 * the heap holds one batch whatever the population's size. Cancelling stops between batches: what was sent
 * stays recorded as sent. Resumable: a repeat skips everyone already reached.
 */
@ApplicationScoped
public class OutreachJob implements JobHandler {

    public static final String KIND = "outreach";
    static final int BATCH = 1000;

    @Inject
    Signups signups;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome run(JobContext context) {
        UUID campaignId =
                UUID.fromString(context.subject().substring(0, context.subject().indexOf(':')));
        Signup.Source source =
                Signup.Source.valueOf(context.input(OutreachIn.class).source());
        // the job's id is the outreach's mailing in notification-service: stable when a restarted job resumes
        UUID mailingId = context.id();
        long eligible = QuarkusTransaction.requiringNew().call(() -> signups.eligibleCount(campaignId));
        long scanned = 0;
        int messaged = 0;
        String after = "";
        try {
            while (true) {
                context.progress("sending personal sign-up links", scanned, eligible);
                context.checkCancelled();
                Signups.OutreachBatch batch = signups.outreachBatch(campaignId, source, after, BATCH, mailingId);
                scanned += batch.scanned();
                messaged += batch.messaged();
                after = batch.last();
                if (batch.scanned() < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            signups.closeOutreachMailing(
                    campaignId, mailingId); // cancelled or failed: the mailing completes with what was requested
            throw e;
        }
        UUID mailing = signups.closeOutreachMailing(campaignId, mailingId);
        return new JobOutcome(
                "/api/v1/campaigns/" + campaignId + "/conversion",
                new OutreachOut(
                        source.name(),
                        (int) scanned,
                        messaged,
                        (int) (scanned - messaged),
                        mailing,
                        mailing == null ? null : MAILINGS + mailing));
    }

    /** Where notification-service serves a mailing (through the gateway): progress, pause, resume, cancel. */
    static final String MAILINGS = "/api/v1/mailings/";
}
