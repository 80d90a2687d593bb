package nl.meedoen.notification.optout;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.privacy.TenantErased;
import nl.meedoen.commons.problem.ProblemException;

/**
 * Purpose-scoped opt-outs: consultation, panel, recruitment, tenant-organisation (the tenant organisation's own mail), or
 * all. Transactional mail is never affected.
 */
@ApplicationScoped
public class OptOutService {

    public static final List<String> SCOPES =
            List.of("consultation", "panel", "recruitment", "tenant-organisation", "all");

    public record OptOutView(String tenantRef, String purpose, String source, OffsetDateTime createdAt) {}

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    public static String checkScope(String scope) {
        if (!SCOPES.contains(scope)) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "purpose: must be one of " + SCOPES,
                    List.of(new nl.meedoen.commons.problem.Problem.FieldError("purpose", "must be one of " + SCOPES)));
        }
        return scope;
    }

    /** Records the opt-out (once) and tells the other services. */
    @Transactional
    public boolean optOut(String tenantRef, String scope, String source) {
        checkScope(scope);
        int inserted = em.createNativeQuery("""
                        INSERT INTO opt_out (tenant_ref, purpose, source, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, tenantRef)
                .setParameter(2, scope)
                .setParameter(3, source)
                .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        if (inserted == 1) {
            outbox.publish(
                    NotificationEventV1.TOPIC,
                    NotificationEventV1.OPTED_OUT,
                    tenantRef,
                    new NotificationEventV1(
                            null,
                            null,
                            null,
                            tenantRef,
                            scope,
                            null,
                            null,
                            "OPTED_OUT",
                            null,
                            OffsetDateTime.now(ZoneOffset.UTC)));
        }
        return inserted == 1;
    }

    @Transactional
    public boolean optIn(String tenantRef, String scope) {
        checkScope(scope);
        return em.createNativeQuery("DELETE FROM opt_out WHERE tenant_ref = ?1 AND purpose = ?2")
                        .setParameter(1, tenantRef)
                        .setParameter(2, scope)
                        .executeUpdate()
                == 1;
    }

    @Transactional
    public List<OptOutView> list(String tenantRef) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT tenant_ref, purpose, source, created_at FROM opt_out WHERE tenant_ref = ?1 ORDER BY purpose")
                .setParameter(1, tenantRef)
                .getResultList();
        return rows.stream()
                .map(r -> new OptOutView(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        nl.meedoen.notification.template.TemplateService.toOffsetDateTime(r[3])))
                .toList();
    }

    public Set<String> scopes(String tenantRef) {
        return scopes(List.of(tenantRef)).getOrDefault(tenantRef, Set.of());
    }

    public Map<String, Set<String>> scopes(Collection<String> tenantRefs) {
        Map<String, Set<String>> result = new HashMap<>();
        if (tenantRefs.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT tenant_ref, purpose FROM opt_out WHERE tenant_ref = ANY (?1)")
                .setParameter(1, tenantRefs.toArray(new String[0]))
                .getResultList();
        rows.forEach(
                r -> result.computeIfAbsent((String) r[0], k -> new HashSet<>()).add((String) r[1]));
        return result;
    }

    /** Erasure: the tenant's opt-outs go with the rest of the personal record (after their deliveries). */
    void onErased(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) TenantErased erased) {
        erase(erased.tenantRef());
    }

    public void erase(String tenantRef) {
        em.createNativeQuery("DELETE FROM opt_out WHERE tenant_ref = ?1")
                .setParameter(1, tenantRef)
                .executeUpdate();
    }
}
