package nl.meedoen.notification.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.notification.NotificationConfig;

/**
 * The per-tenant contact budget: at most {@code max-messages} messages per rolling {@code window}, across every
 * service (all messages pass here); service messages and feedback neither count nor are held back
 * ({@code RecipientPolicy.budgeted}). Messages that were held back,
 * failed or cancelled do not count; queued, sent, bounced and posted ones do.
 */
@ApplicationScoped
public class ContactBudget {

    private static final String COUNTED = """
            purpose NOT IN ('service', 'feedback') AND status NOT IN ('SUPPRESSED', 'FAILED', 'CANCELLED') AND created_at > ?""";

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    public int max() {
        return config.budget().maxMessages();
    }

    private OffsetDateTime windowStart() {
        return OffsetDateTime.now(ZoneOffset.UTC).minus(config.budget().window());
    }

    public long used(String tenantRef) {
        return ((Number) em.createNativeQuery(
                                "SELECT count(*) FROM delivery WHERE tenant_ref = ?1 AND " + COUNTED.replace("?", "?2"))
                        .setParameter(1, tenantRef)
                        .setParameter(2, windowStart())
                        .getSingleResult())
                .longValue();
    }

    /** Used budget of many tenants in one query (tenants without messages are absent: 0). */
    public Map<String, Long> used(Collection<String> tenantRefs) {
        Map<String, Long> used = new HashMap<>();
        if (tenantRefs.isEmpty()) {
            return used;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT tenant_ref, count(*) FROM delivery WHERE tenant_ref = ANY (?1) AND "
                                + COUNTED.replace("?", "?2") + " GROUP BY tenant_ref")
                .setParameter(1, tenantRefs.toArray(new String[0]))
                .setParameter(2, windowStart())
                .getResultList();
        rows.forEach(r -> used.put((String) r[0], ((Number) r[1]).longValue()));
        return used;
    }
}
