package nl.meedoen.consultation.schedule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.invitation.InvitationService;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import org.jboss.logging.Logger;

/**
 * The clock of the service: opens and closes consultations on schedule, starts reminder rounds,
 * and works off invitations, reminders and feedback mails (also of answered advice) a chunk at a time. Every step is its own
 * transaction on rows claimed with SKIP LOCKED, so replicas can all run it.
 */
@ApplicationScoped
public class ConsultationScheduler {

    private static final Logger LOG = Logger.getLogger(ConsultationScheduler.class);
    /** Chunks per consultation per tick, so one large audience cannot starve the others. */
    private static final int CHUNKS_PER_TICK = 20;

    @Inject
    EntityManager em;

    @Inject
    ConsultationService consultations;

    @Inject
    InvitationService invitations;

    @Inject
    ConsultationConfig config;

    @Inject
    nl.meedoen.consultation.advice.AdviceFeedback adviceFeedback;

    @Inject
    nl.meedoen.consultation.results.ResultCells cells;

    @Inject
    nl.meedoen.consultation.export.ExportStore exports;

    @Scheduled(
            every = "${meedoen.consultation.tick:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void tick() {
        if (!config.schedulerEnabled()) {
            return;
        }
        step("open", this::openDue);
        step("close", this::closeDue);
        step("reminder rounds", this::remindersDue);
        step("invitations", () -> work("status = 'OPEN' AND NOT invitations_done", invitations::inviteChunk));
        step("reminders", () -> work("status = 'OPEN' AND reminders_requested > 0", invitations::remindChunk));
        step("feedback", () -> work("status = 'FEEDBACK_PUBLISHED'", invitations::feedbackChunk));
        step("advice feedback", () -> adviceFeedback.work(CHUNKS_PER_TICK));
        step("compact results", this::compactClosed);
        step("retention", this::dropExpiredResponseLinks);
        step("export retention", exports::deleteExpired);
    }

    /** Once closed, counters no longer change: fold their shards so every later read is cheap. */
    private void compactClosed() {
        for (UUID id : ids("status NOT IN ('DRAFT', 'OPEN') AND NOT results_compacted")) {
            QuarkusTransaction.requiringNew().run(() -> {
                cells.compact(id);
                em.createNativeQuery("UPDATE consultation SET results_compacted = true WHERE id = ?1")
                        .setParameter(1, id)
                        .executeUpdate();
            });
        }
    }

    /** Retention: response links of consultations closed longer than the retention period ago are deleted. */
    public int dropExpiredResponseLinks() {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("DELETE FROM response_link l USING response r, consultation c"
                                + " WHERE r.id = l.response_id AND c.id = r.consultation_id AND c.closed_at < ?1")
                        .setParameter(1, OffsetDateTime.now().minus(config.responseLinkRetention()))
                        .executeUpdate());
    }

    private void openDue() {
        for (UUID id : ids("status = 'DRAFT' AND opens_at <= now()")) {
            QuarkusTransaction.requiringNew().run(() -> {
                Consultation c = locked(id, "DRAFT");
                if (c == null) {
                    return;
                }
                List<Problem.FieldError> problems = consultations.readiness(c);
                if (problems.isEmpty()) {
                    consultations.openNow(c);
                    LOG.infof("consultation %s opened on schedule", id);
                } else {
                    String problem = "not opened at the scheduled time: " + ProblemException.summary(problems);
                    if (!problem.equals(c.scheduleProblem)) {
                        c.scheduleProblem = problem;
                    }
                }
            });
        }
    }

    private void closeDue() {
        for (UUID id : ids("status = 'OPEN' AND closes_at <= now()")) {
            QuarkusTransaction.requiringNew().run(() -> {
                Consultation c = locked(id, "OPEN");
                if (c != null) {
                    consultations.closeNow(c);
                    LOG.infof("consultation %s closed on schedule", id);
                }
            });
        }
    }

    /** A reminder time that has passed starts a round (several passed at once: one round). */
    private void remindersDue() {
        for (UUID id : ids("status = 'OPEN' AND reminders <> '[]'")) {
            QuarkusTransaction.requiringNew().run(() -> {
                Consultation c = locked(id, "OPEN");
                if (c == null) {
                    return;
                }
                OffsetDateTime now = OffsetDateTime.now();
                int due = (int) consultations.reminders(c).stream()
                        .filter(Predicate.not(now::isBefore))
                        .count();
                if (due > c.remindersRequested) {
                    c.remindersRequested = due;
                }
            });
        }
    }

    private void work(String condition, java.util.function.Function<UUID, Boolean> chunk) {
        for (UUID id : ids(condition)) {
            for (int i = 0; i < CHUNKS_PER_TICK && chunk.apply(id); i++) {
                // each chunk commits on its own
            }
        }
    }

    private List<UUID> ids(String condition) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("SELECT id FROM consultation WHERE " + condition + " ORDER BY id")
                    .getResultList();
            return ids;
        });
    }

    private Consultation locked(UUID id, String status) {
        @SuppressWarnings("unchecked")
        List<Consultation> rows = em.createNativeQuery(
                        "SELECT * FROM consultation WHERE id = ?1 AND status = ?2 FOR UPDATE SKIP LOCKED",
                        Consultation.class)
                .setParameter(1, id)
                .setParameter(2, status)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "scheduler step '%s' failed; it runs again on the next tick", name);
        }
    }
}
