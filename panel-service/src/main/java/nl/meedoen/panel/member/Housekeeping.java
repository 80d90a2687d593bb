package nl.meedoen.panel.member;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import nl.meedoen.panel.panel.Panel;

/**
 * The membership clock, run every {@code meedoen.panel.housekeeping-interval}: members who did not
 * consent to a new consent text in time are paused (CONSENT_LAPSED), memberships whose term ended
 * end (TERM_ENDED), and pauses with an end date resume. Rows are claimed with {@code SKIP LOCKED},
 * so replicas never handle one member twice.
 */
@ApplicationScoped
public class Housekeeping {

    /** What one run changed. */
    public record Result(int consentLapsed, int termsEnded, int resumed) {}

    private static final int BATCH = 500;
    private static final int SKIP_LOCKED = -2;

    @Inject
    Memberships memberships;

    @Scheduled(
            every = "{meedoen.panel.housekeeping-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        run();
    }

    public Result run() {
        OffsetDateTime now = Memberships.now();
        int lapsed = batches(
                "status in ('ACTIVE', 'PAUSED') and reconsentDue < ?1 and (pauseReason is null or pauseReason <> 'CONSENT_LAPSED')",
                now,
                (p, m) -> memberships.pauseNow(p, m, now, null, PanelMember.PauseReason.CONSENT_LAPSED));
        int ended = batches(
                "status in ('ACTIVE', 'PAUSED') and termEndsAt < ?1",
                now,
                (p, m) -> memberships.leave(p, m, PanelMember.LeaveReason.TERM_ENDED));
        int resumed = batches(
                "status = 'PAUSED' and pausedUntil < ?1 and pauseReason in ('MEMBER', 'STAFF')",
                now,
                (p, m) -> memberships.resumeNow(p, m, now));
        return new Result(lapsed, ended, resumed);
    }

    private int batches(String query, OffsetDateTime now, java.util.function.BiConsumer<Panel, PanelMember> change) {
        int total = 0;
        while (true) {
            int done = QuarkusTransaction.requiringNew().call(() -> {
                List<PanelMember> due = PanelMember.find(query, now)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                        .page(0, BATCH)
                        .list();
                for (PanelMember m : due) {
                    change.accept(Panel.findById(m.panelId), m);
                }
                return due.size();
            });
            total += done;
            if (done < BATCH) {
                return total;
            }
        }
    }
}
