package nl.meedoen.commons.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.commons.sql.SqlTimes;

/**
 * Records who did what to which subject, when, under which correlation id. Joins the caller's
 * transaction, so an action and its audit entry are committed (or rolled back) together; reads
 * without a transaction of their own get one just for the entry.
 */
@ApplicationScoped
public class AuditLog {

    private static final List<String> ROLES =
            List.of(Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.SURVEY_FRONTEND, Roles.OPS);

    public record Entry(
            long id,
            OffsetDateTime occurredAt,
            String actor,
            String actorRoles,
            String action,
            String subjectType,
            String subjectId,
            String correlationId,
            String details) {}

    @Inject
    EntityManager em;

    @Inject
    Instance<SecurityIdentity> identity;

    @Inject
    ObjectMapper mapper;

    /** @param details facts about the action (counts, formats, ids), never personal data */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String action, String subjectType, String subjectId, Map<String, ?> details) {
        String actor = "system";
        String roles = "";
        SecurityIdentity caller = currentIdentity();
        if (caller != null && !caller.isAnonymous()) {
            actor = caller.getPrincipal().getName();
            TreeSet<String> held = new TreeSet<>(caller.getRoles());
            held.retainAll(ROLES);
            roles = String.join(",", held);
        }
        em.createNativeQuery(
                        "INSERT INTO audit_log (occurred_at, actor, actor_roles, action, subject_type, subject_id, correlation_id, details)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, actor)
                .setParameter(3, roles)
                .setParameter(4, action)
                .setParameter(5, subjectType)
                .setParameter(6, subjectId)
                .setParameter(7, CorrelationId.current())
                .setParameter(8, json(details))
                .executeUpdate();
    }

    public void record(String action, String subjectType, String subjectId) {
        record(action, subjectType, subjectId, Map.of());
    }

    /**
     * A request refused because the caller may not see what it asked for (personal data, a private poll's responses),
     * recorded in a transaction of its own: the refused request rolls back, the trace stays.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(String action, String subjectType, String subjectId, String asked, int status, String reason) {
        record(action, subjectType, subjectId, Map.of("asked", asked, "status", status, "reason", reason));
    }

    /** Newest first, optionally only one subject type / id or one action. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Entry> list(PageRequest page, String subjectType, String subjectId, String action) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, occurred_at, actor, actor_roles, action, subject_type, subject_id, correlation_id, details"
                                + " FROM audit_log WHERE (CAST(?1 AS BIGINT) IS NULL OR id < ?1)"
                                + " AND (CAST(?2 AS TEXT) IS NULL OR subject_type = ?2) AND (CAST(?3 AS TEXT) IS NULL OR subject_id = ?3)"
                                + " AND (CAST(?4 AS TEXT) IS NULL OR action = ?4)"
                                + " ORDER BY id DESC LIMIT ?5")
                .setParameter(1, page.afterKey() == null ? null : parseId(page.afterKey()))
                .setParameter(2, subjectType)
                .setParameter(3, subjectId)
                .setParameter(4, action)
                .setParameter(5, page.limit() + 1)
                .getResultList();
        List<Entry> entries = rows.stream()
                .map(r -> new Entry(
                        ((Number) r[0]).longValue(),
                        SqlTimes.offset(r[1]),
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        (String) r[6],
                        (String) r[7],
                        (String) r[8]))
                .toList();
        return page.page(entries, e -> Long.toString(e.id()));
    }

    private SecurityIdentity currentIdentity() {
        // Event consumers and schedulers have no request scope (and no caller): the system acts.
        if (!io.quarkus.arc.Arc.container().requestContext().isActive() || !identity.isResolvable()) {
            return null;
        }
        return identity.get();
    }

    private static Long parseId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw nl.meedoen.commons.problem.ProblemException.invalidField(
                    "after", "not a cursor returned by this API");
        }
    }

    private String json(Map<String, ?> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serializable", e);
        }
    }
}
