package nl.meedoen.panel.wave;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.panel.panel.Attributes;

/**
 * Response rates from the participation history (participation only, never content). Groups with
 * fewer than {@value #MIN_CELL} invited members are withheld, as everywhere in the platform.
 */
@ApplicationScoped
public class ResponseStats {

    public static final int MIN_CELL = 5;

    @Inject
    EntityManager em;

    /** Invited, responded and cancelled per wave of the panel, in one query. */
    public Map<UUID, WaveViews.Responses> perWave(UUID panelId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT w.id, count(m.tenant_ref), count(m.responded_at), count(m.cancelled_at),
                               w.invited_count, w.completed_count, k.anonymity
                        FROM wave w LEFT JOIN wave_member m ON m.wave_id = w.id
                        LEFT JOIN known_consultation k ON k.consultation_id = w.consultation_id
                        WHERE w.panel_id = ?1 GROUP BY w.id, k.anonymity""").setParameter(1, panelId).getResultList();
        Map<UUID, WaveViews.Responses> out = new HashMap<>();
        for (Object[] r : rows) {
            long invited = ((Number) r[1]).longValue();
            long responded = ((Number) r[2]).longValue();
            long cancelled = ((Number) r[3]).longValue();
            if ("ANONYMOUS".equals(r[6])) {
                // anonymous consultations publish no participation per tenant: only counts on closing
                Long inv = r[4] == null ? null : ((Number) r[4]).longValue();
                Long done = r[5] == null ? null : ((Number) r[5]).longValue();
                out.put(
                        (UUID) r[0],
                        done == null
                                ? new WaveViews.Responses(invited, null, cancelled, null, "NONE")
                                : new WaveViews.Responses(
                                        invited,
                                        done,
                                        cancelled,
                                        rate(done, inv == null || inv == 0 ? invited : inv),
                                        "CONSULTATION"));
            } else {
                out.put(
                        (UUID) r[0],
                        new WaveViews.Responses(
                                invited, responded, cancelled, rate(responded, invited - cancelled), "MEMBERS"));
            }
        }
        return out;
    }

    /**
     * Invited and responded per value of each attribute, over one wave or over every wave since
     * {@code since}. Cancelled invitations (the member left) do not count.
     */
    public List<WaveViews.GroupResponse> byGroup(
            UUID panelId, UUID waveId, List<String> attributes, OffsetDateTime since) {
        if (attributes.isEmpty()) {
            return List.of();
        }
        // per member first, then per value of each attribute in one pass
        String sql = "SELECT " + Attributes.groupingColumns("p", attributes) + "sum(t.invited), sum(t.responded) FROM ("
                + " SELECT m.tenant_ref, count(*) AS invited, count(m.responded_at) AS responded FROM wave_member m"
                + " JOIN wave w ON w.id = m.wave_id"
                + " LEFT JOIN known_consultation k ON k.consultation_id = w.consultation_id"
                + " WHERE m.panel_id = ?1 AND m.cancelled_at IS NULL AND coalesce(k.anonymity, '') <> 'ANONYMOUS'"
                + (waveId != null ? " AND m.wave_id = ?2" : " AND m.invited_at >= ?2")
                + " GROUP BY m.tenant_ref) t LEFT JOIN population_member p ON p.tenant_ref = t.tenant_ref"
                + Attributes.groupingSets("p", attributes);
        Query q = em.createNativeQuery(sql).setParameter(1, panelId).setParameter(2, waveId != null ? waveId : since);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        int k = attributes.size();
        List<WaveViews.GroupResponse> out = new ArrayList<>();
        for (Object[] r : rows) {
            String[] group = Attributes.grouped(r, attributes);
            long invited = ((Number) r[k]).longValue();
            long responded = ((Number) r[k + 1]).longValue();
            boolean suppressed = invited < MIN_CELL;
            out.add(new WaveViews.GroupResponse(
                    group[0],
                    group[1],
                    suppressed ? null : invited,
                    suppressed ? null : responded,
                    suppressed ? null : rate(responded, invited),
                    suppressed));
        }
        out.sort(
                Comparator.comparing(WaveViews.GroupResponse::attribute).thenComparing(WaveViews.GroupResponse::value));
        return out;
    }

    static Double rate(long part, long whole) {
        return whole <= 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
