package nl.meedoen.notification.mailing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.job.JobCancelledException;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;

/**
 * The sending side of a started mailing as a job: its audience turned into deliveries a chunk at a time
 * (each chunk with its cursor in one transaction; the email worker hands them to SMTP as they come), with
 * progress in recipients (done/total). Pausing or cancelling the mailing ends the job (CANCELLED) after its
 * current chunk — what was created and sent stays; resuming starts a new job that goes on from the cursor.
 * Resumable: after a restart it goes on from the cursor too (the unique (mailing, tenant) constraint makes a
 * repeated chunk harmless). Not cancellable as a job: pause or cancel the mailing, which also stops sending.
 */
@ApplicationScoped
public class MailingJob implements JobHandler {

    public static final String KIND = "mailing";

    @Inject
    MailingRunner runner;

    @Inject
    EntityManager em;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean cancellable() {
        return false;
    }

    private record State(String status, boolean materialised, Integer audienceSize, long deliveries) {}

    @Override
    public JobOutcome run(JobContext context) {
        UUID id = UUID.fromString(context.subject());
        while (true) {
            boolean chunk = QuarkusTransaction.requiringNew().timeout(300).call(() -> runner.materialiseChunk(id));
            State state = QuarkusTransaction.requiringNew().call(() -> state(id));
            if (state == null) {
                throw nl.meedoen.commons.problem.ProblemException.notFound("mailing " + id);
            }
            context.progress(
                    "creating the messages",
                    state.deliveries(),
                    state.audienceSize() == null ? null : state.audienceSize().longValue());
            if (!chunk) {
                boolean done = state.materialised()
                        && ("RUNNING".equals(state.status()) || "COMPLETED".equals(state.status()));
                if (done) {
                    return new JobOutcome("/api/v1/mailings/" + id, Map.of("recipients", state.deliveries()));
                }
                if (!"RUNNING".equals(state.status())) {
                    throw new JobCancelledException(); // paused or cancelled: what was created and sent stays
                }
            }
            context.checkCancelled(); // the job was taken over by another worker
        }
    }

    private State state(UUID id) {
        Mailing m = Mailing.findById(id);
        if (m == null) {
            return null;
        }
        long deliveries = ((Number) em.createNativeQuery("SELECT count(*) FROM delivery WHERE mailing_id = ?1")
                        .setParameter(1, id)
                        .getSingleResult())
                .longValue();
        return new State(m.status, m.materialised, m.audienceSize, deliveries);
    }
}
