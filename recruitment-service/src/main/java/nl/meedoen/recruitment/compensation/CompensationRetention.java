package nl.meedoen.recruitment.compensation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.retention.RetentionPurge;
import nl.meedoen.recruitment.RecruitmentConfig;

/**
 * Retention of volunteer allowances (docs/retention.md): payments, and those recorded as paid elsewhere, name a
 * tenantRef and are kept for the fiscal retention of the corporation's administration (seven years after the end of the
 * year they belong to, art. 52 AWR; {@code recruitment.compensation.retention-years}), then deleted on the daily
 * retention schedule ({@link nl.meedoen.commons.retention.RetentionSchedule}). The yearly maximum only counts the
 * current year, so nothing it needs goes.
 */
@ApplicationScoped
public class CompensationRetention implements RetentionPurge {

    @Inject
    EntityManager em;

    @Inject
    RecruitmentConfig config;

    @Inject
    AuditLog audit;

    /** @return rows deleted now: payments and paid-elsewhere records of years whose retention ended */
    @Override
    @Transactional
    public int purge() {
        // year Y is kept through the end of year Y + retention-years
        int firstKept =
                LocalDate.now(ZoneOffset.UTC).getYear() - config.compensation().retentionYears();
        int payments = em.createNativeQuery("DELETE FROM compensation_payment WHERE year < ?1")
                .setParameter(1, firstKept)
                .executeUpdate();
        int paidElsewhere = em.createNativeQuery("DELETE FROM compensation_paid_elsewhere WHERE year < ?1")
                .setParameter(1, firstKept)
                .executeUpdate();
        if (payments + paidElsewhere > 0) {
            audit.record(
                    "compensation.purged",
                    "compensation",
                    null,
                    Map.of("payments", payments, "paidElsewhere", paidElsewhere, "beforeYear", firstKept));
        }
        return payments + paidElsewhere;
    }
}
