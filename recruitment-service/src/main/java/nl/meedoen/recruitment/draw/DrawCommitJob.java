package nl.meedoen.recruitment.draw;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.job.JobCancelledException;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawException;
import nl.meedoen.draw.DrawMonitor;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.draw.DrawRequests.CommitIn;

/**
 * Phase (a) of a draw as a job: plan (read the pool, short transaction), compute the distribution (no
 * transaction, no connection held, for as long as LEXIMIN needs, cancellable between solver rounds), store
 * (short transaction, only if nothing changed meanwhile). Resumable: after a restart it runs again from
 * the start, and a commitment that was stored just before the stop is recognised as done.
 */
@ApplicationScoped
public class DrawCommitJob implements JobHandler {

    public static final String KIND = "draw-commit";

    @Inject
    Draws draws;

    private final DrawEngine engine = new DrawEngine();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome run(JobContext context) {
        UUID campaignId = UUID.fromString(context.subject());
        CommitIn in = context.input(CommitIn.class);
        context.progress("reading the pool");
        Draws.Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Draw stored = Draw.findById(campaignId);
            return stored != null ? null : draws.plan(Campaign.findById(campaignId), in);
        });
        if (plan == null) {
            return outcome(
                    campaignId, QuarkusTransaction.requiringNew().call(() -> Draw.<Draw>findById(campaignId)), null);
        }
        DrawRecord record;
        try {
            record = engine.commit(plan.input(), new DrawMonitor() {
                @Override
                public void progress(String phase, long done, long total) {
                    context.progress(phase, done, total == 0 ? null : total);
                }

                @Override
                public boolean cancelled() {
                    return context.cancelled();
                }
            });
        } catch (DrawException e) {
            if (DrawException.CANCELLED.equals(e.code())) {
                throw new JobCancelledException();
            }
            throw Draws.problem(e);
        }
        context.checkCancelled();
        context.progress("storing the commitment");
        List<String> pool = plan.pool().stream().map(s -> s.id.toString()).toList();
        Draw stored = draws.store(campaignId, pool, record, context.id());
        return outcome(campaignId, stored, pool.size());
    }

    private static JobOutcome outcome(UUID campaignId, Draw d, Integer poolSize) {
        return new JobOutcome(
                "/api/v1/campaigns/" + campaignId + "/draw",
                poolSize == null
                        ? Map.of("commitment", d.commitment)
                        : Map.of("commitment", d.commitment, "poolSize", poolSize));
    }
}
