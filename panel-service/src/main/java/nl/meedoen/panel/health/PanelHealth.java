package nl.meedoen.panel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.meedoen.commons.sql.SqlTimes;
import nl.meedoen.panel.panel.Attributes;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.panel.PanelAccess;
import nl.meedoen.panel.panel.Targets;
import nl.meedoen.panel.wave.ResponseStats;
import nl.meedoen.panel.wave.WaveSampler;
import nl.meedoen.panel.wave.WaveViews;

/**
 * Panel health: who the active members are against the target and the population, how they
 * respond, how membership changes, and which groups to recruit to reach the target composition.
 * A handful of aggregate queries, each one scan.
 */
@ApplicationScoped
public class PanelHealth {

    @Inject
    PanelAccess access;

    @Inject
    Targets targets;

    @Inject
    ResponseStats stats;

    @Inject
    EntityManager em;

    public HealthViews.Health health(String panelId, int windowDays) {
        Panel panel = access.read(panelId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime since = now.minusDays(windowDays);
        List<String> strata = panel.strata();

        // one scan: per stratum value the population, the active members and who was never on the panel
        Map<String, Map<String, Long>> population = new LinkedHashMap<>();
        Map<String, Map<String, Long>> active = new LinkedHashMap<>();
        Map<String, Map<String, Long>> reachable = new LinkedHashMap<>();
        if (!strata.isEmpty()) {
            int k = strata.size();
            for (Object[] r : rows(
                    "SELECT " + Attributes.groupingColumns("p", strata)
                            + "count(p.tenant_ref), count(*) FILTER (WHERE m.status = 'ACTIVE'), count(*) FILTER (WHERE m.tenant_ref IS NULL)"
                            + " FROM population_member p FULL JOIN (SELECT tenant_ref, status FROM panel_member WHERE panel_id = ?1) m"
                            + " ON m.tenant_ref = p.tenant_ref" + Attributes.groupingSets("p", strata),
                    panel.id)) {
                String[] group = Attributes.grouped(r, strata);
                put(population, group, r[k]);
                put(active, group, r[k + 1]);
                put(reachable, group, r[k + 2]);
            }
        }
        List<Targets.Target> target = targets.effective(panel, population);
        Map<String, Long> members = new TreeMap<>();
        for (Object[] r :
                rows("SELECT status, count(*) FROM panel_member WHERE panel_id = ?1 GROUP BY status", panel.id)) {
            members.put((String) r[0], ((Number) r[1]).longValue());
        }
        long activeMembers = members.getOrDefault("ACTIVE", 0L);

        List<HealthViews.Composition> composition = new ArrayList<>();
        for (Targets.Target t : target) {
            Map<String, Long> mine = active.getOrDefault(t.attribute(), Map.of());
            Map<String, Long> pop = population.getOrDefault(t.attribute(), Map.of());
            long popTotal = pop.values().stream().mapToLong(Long::longValue).sum();
            Set<String> values = new LinkedHashSet<>(new TreeMap<>(t.shares()).keySet());
            values.addAll(new TreeMap<>(mine).keySet());
            values.addAll(new TreeMap<>(pop).keySet());
            List<HealthViews.CompositionValue> rows = new ArrayList<>();
            for (String v : values) {
                long n = mine.getOrDefault(v, 0L);
                double share = share(n, activeMembers);
                double targetShare = round(t.shares().getOrDefault(v, 0.0));
                rows.add(new HealthViews.CompositionValue(
                        v,
                        n,
                        share,
                        targetShare,
                        pop.getOrDefault(v, 0L),
                        share(pop.getOrDefault(v, 0L), popTotal),
                        round(share - targetShare)));
            }
            composition.add(new HealthViews.Composition(t.attribute(), t.source(), rows));
        }

        Map<UUID, WaveViews.Responses> perWave = stats.perWave(panel.id);
        List<HealthViews.WaveResponse> waves = new ArrayList<>();
        for (Object[] r : rows(
                "SELECT id, consultation_id, title, launched_at, status FROM wave WHERE panel_id = ?1 ORDER BY launched_at DESC",
                panel.id)) {
            waves.add(new HealthViews.WaveResponse(
                    (UUID) r[0], (UUID) r[1], (String) r[2], SqlTimes.offset(r[3]), (String) r[4], perWave.get((UUID)
                            r[0])));
        }
        HealthViews.Responses responses =
                new HealthViews.Responses(waves, stats.byGroup(panel.id, null, strata, since));

        HealthViews.Churn churn =
                churn(panel.id, since, windowDays, activeMembers + members.getOrDefault("PAUSED", 0L));
        return new HealthViews.Health(
                panel.id,
                now,
                panel.targetSize,
                members,
                composition,
                responses,
                churn,
                recruitment(panel, target, active, reachable, activeMembers, churn.joinRate()));
    }

    private HealthViews.Churn churn(UUID panelId, OffsetDateTime since, int windowDays, long membersNow) {
        Map<String, Long> left = new TreeMap<>();
        Map<String, Long> paused = new TreeMap<>();
        long invited = 0;
        long joined = 0;
        long resumed = 0;
        for (Object[] r : rows(
                "SELECT change, coalesce(reason, ''), count(*) FROM member_change WHERE panel_id = ?1 AND at >= ?2 GROUP BY 1, 2",
                panelId,
                since)) {
            long n = ((Number) r[2]).longValue();
            switch ((String) r[0]) {
                case "INVITED" -> invited += n;
                case "JOINED" -> joined += n;
                case "RESUMED" -> resumed += n;
                case "LEFT" -> left.merge((String) r[1], n, Long::sum);
                case "PAUSED" -> paused.merge((String) r[1], n, Long::sum);
                default -> {}
            }
        }
        long leftTotal = left.values().stream().mapToLong(Long::longValue).sum();
        Object[] ever = rows("""
                SELECT count(*) FILTER (WHERE change = 'INVITED'), count(*) FILTER (WHERE change = 'JOINED' AND reason IS NULL)
                FROM member_change WHERE panel_id = ?1""", panelId).get(0);
        long everInvited = ((Number) ever[0]).longValue();
        long everJoined = ((Number) ever[1]).longValue();
        Double joinRate = everInvited == 0 ? null : round(Math.min(1.0, everJoined / (double) everInvited));
        Double churnRate = membersNow + leftTotal == 0 ? null : round(leftTotal / (double) (membersNow + leftTotal));
        return new HealthViews.Churn(
                windowDays,
                invited,
                joined,
                resumed,
                left,
                paused,
                paused.getOrDefault("CONSENT_LAPSED", 0L),
                churnRate,
                joinRate);
    }

    private static HealthViews.Recruitment recruitment(
            Panel panel,
            List<Targets.Target> target,
            Map<String, Map<String, Long>> active,
            Map<String, Map<String, Long>> reachable,
            long activeMembers,
            Double joinRate) {
        List<HealthViews.RecruitmentGroup> groups = new ArrayList<>();
        for (Targets.Target t : target) {
            List<String> values = new ArrayList<>(new TreeMap<>(t.shares()).keySet());
            double[] shares =
                    values.stream().mapToDouble(v -> t.shares().get(v)).toArray();
            int[] seats = WaveSampler.largestRemainder(panel.targetSize, shares);
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                long have = active.getOrDefault(t.attribute(), Map.of()).getOrDefault(v, 0L);
                long needed = Math.max(0, seats[i] - have);
                if (needed == 0) {
                    continue;
                }
                long canReach = reachable.getOrDefault(t.attribute(), Map.of()).getOrDefault(v, 0L);
                long suggested = Math.min(
                        canReach, joinRate == null || joinRate == 0 ? needed : (long) Math.ceil(needed / joinRate));
                Map<String, Object> invitation = new LinkedHashMap<>();
                invitation.put("group", Map.of("attribute", t.attribute(), "value", v));
                invitation.put("count", Math.max(1, Math.min(1000, suggested)));
                groups.add(new HealthViews.RecruitmentGroup(
                        t.attribute(),
                        v,
                        seats[i],
                        have,
                        needed,
                        canReach,
                        suggested,
                        Map.of(t.attribute(), List.of(v)),
                        invitation));
            }
        }
        groups.sort(Comparator.comparingLong(HealthViews.RecruitmentGroup::needed)
                .reversed()
                .thenComparing(HealthViews.RecruitmentGroup::attribute)
                .thenComparing(HealthViews.RecruitmentGroup::value));
        return new HealthViews.Recruitment(
                panel.targetSize, activeMembers, Math.max(0, panel.targetSize - activeMembers), groups);
    }

    private static void put(Map<String, Map<String, Long>> into, String[] group, Object count) {
        long n = ((Number) count).longValue();
        if (n > 0) {
            into.computeIfAbsent(group[0], a -> new LinkedHashMap<>()).put(group[1], n);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getResultList();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : round(part / (double) whole);
    }

    private static double round(double x) {
        return Math.round(x * 10_000.0) / 10_000.0;
    }
}
