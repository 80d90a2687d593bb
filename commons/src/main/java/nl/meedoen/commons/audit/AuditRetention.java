package nl.meedoen.commons.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import nl.meedoen.commons.retention.RetentionPurge;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Retention of the audit log (docs/retention.md): an entry names a tenantRef at times, and it is kept to account for
 * the processing (AVG art. 5(2)) only as long as that can be asked for — {@code meedoen.audit.retention-years} (five:
 * a claim about the processing is time-barred five years after it came to light, art. 3:310 BW). Older entries are
 * deleted on the daily retention schedule ({@link nl.meedoen.commons.retention.RetentionSchedule}).
 */
@ApplicationScoped
public class AuditRetention implements RetentionPurge {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @ConfigProperty(name = "meedoen.audit.retention-years", defaultValue = "5")
    int retentionYears;

    /** @return audit entries deleted now: those older than the retention */
    @Override
    @Transactional
    public int purge() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusYears(retentionYears);
        int deleted = em.createNativeQuery("DELETE FROM audit_log WHERE occurred_at < ?1")
                .setParameter(1, cutoff)
                .executeUpdate();
        if (deleted > 0) { // the purge accounts for itself, as any other deletion does
            audit.record("audit.purged", "audit_log", null, Map.of("deleted", deleted, "before", cutoff.toString()));
        }
        return deleted;
    }
}
