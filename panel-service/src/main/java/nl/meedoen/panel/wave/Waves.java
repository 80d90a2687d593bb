package nl.meedoen.panel.wave;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.PanelWaveLaunchedV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.sql.SqlTimes;
import nl.meedoen.panel.Ids;
import nl.meedoen.panel.panel.Attributes;
import nl.meedoen.panel.panel.AuditTrail;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.panel.PanelAccess;
import nl.meedoen.panel.panel.Targets;
import nl.meedoen.panel.theme.Theme;
import org.hibernate.Session;

/**
 * Launching a wave: the sample is drawn by {@link WaveSampler} from the panel's active members, the
 * wave and its participation rows are written, and {@link PanelWaveLaunchedV1} goes out through
 * the outbox in the same transaction, so consultation-service invites exactly the sampled members.
 */
@ApplicationScoped
public class Waves {

    private static final SecureRandom SEEDS = new SecureRandom();

    @Inject
    PanelAccess access;

    @Inject
    nl.meedoen.commons.audit.AuditLog auditLog;

    @Inject
    SecurityIdentity identity;

    @Inject
    Targets targets;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    ResponseStats stats;

    @Inject
    EntityManager em;

    /** What was decided before sampling. */
    private record Plan(
            Panel panel,
            Theme theme,
            List<Targets.Target> strata,
            WaveSampler.Rules rules,
            boolean aligned,
            String askingParty) {}

    @Transactional
    public WaveViews.View launch(String panelId, WaveRequests.Launch r) {
        Panel panel =
                access.write(panelId); // locked: launches of one panel queue, so no member passes the fatigue cap twice
        Plan plan = plan(panel, r);
        if (Wave.count("consultationId", r.consultationId()) > 0) {
            throw ProblemException.conflict(
                    "wave-exists", "consultation " + r.consultationId() + " already has a panel wave");
        }
        long seed = SEEDS.nextLong();
        WaveSampler.Sample sample = sample(plan, seed);

        Wave w = new Wave();
        w.id = UUID.randomUUID();
        w.panelId = panel.id;
        w.consultationId = r.consultationId();
        w.themeId = plan.theme().id;
        w.title = r.title() == null ? plan.theme().title : r.title();
        w.size = r.size();
        w.status = Wave.Status.LAUNCHED.name();
        w.aligned = plan.aligned();
        w.askingParty = plan.askingParty();
        w.launchedBy = caller().client();
        w.launchedAt = plan.rules().now().atOffset(ZoneOffset.UTC);
        w.cooldownDays = (int) plan.rules().cooldown().toDays();
        w.fatigueCap = plan.rules().fatigueCap();
        w.eligible = sample.eligible();
        w.seed = seed;
        w.persist();
        em.flush();
        insertMembers(w, sample.tenantRefs());

        outbox.publish(
                PanelWaveLaunchedV1.TOPIC,
                PanelWaveLaunchedV1.TYPE,
                panel.id.toString(),
                new PanelWaveLaunchedV1(
                        panel.id.toString(), w.id.toString(), w.consultationId.toString(), sample.tenantRefs()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("consultationId", w.consultationId.toString());
        detail.put("themeId", w.themeId.toString());
        detail.put("size", w.size);
        detail.put("aligned", w.aligned);
        detail.put("askingParty", w.askingParty);
        detail.put("eligible", w.eligible);
        detail.put("seed", w.seed);
        audit.record(panel.id, "wave:" + w.id, "LAUNCHED", detail);
        auditLog.record("wave.launched", "panel", panel.id.toString(), detail);
        KnownConsultation consultation = KnownConsultation.findById(w.consultationId);
        boolean anonymous = consultation != null && "ANONYMOUS".equals(consultation.anonymity);
        WaveViews.Responses none = anonymous
                ? new WaveViews.Responses(w.size, null, 0, null, "NONE")
                : new WaveViews.Responses(w.size, 0L, 0, 0.0, "MEMBERS");
        return view(w, none, sampleView(plan, sample), null);
    }

    /** The sample a launch would draw now, without writing anything. */
    @Transactional
    public WaveViews.SampleView preview(String panelId, WaveRequests.Launch r) {
        Panel panel = access.read(panelId);
        Plan plan = plan(panel, r);
        return sampleView(plan, sample(plan, SEEDS.nextLong()));
    }

    private Plan plan(Panel panel, WaveRequests.Launch r) {
        Theme theme = Theme.inPanel(panel.id, r.themeId());
        if (theme == null) {
            throw ProblemException.unprocessable(
                    "unknown-theme",
                    "theme " + r.themeId() + " is not a theme of this panel",
                    "themeId",
                    "not a theme of this panel");
        }
        boolean aligned = theme.is(Theme.Status.SIGNED);
        if (!aligned && !caller().role().equals(theme.proposedByParty)) {
            throw ProblemException.conflict(
                    "theme-not-cosigned",
                    "theme '" + theme.title + "' is " + theme.status.toLowerCase() + "; only its proposing party ("
                            + theme.proposedByParty + ") may ask it on its own, or co-sign it first");
        }
        KnownConsultation consultation = KnownConsultation.findById(r.consultationId());
        if (consultation != null && consultation.closed()) {
            throw ProblemException.conflict(
                    "consultation-closed",
                    "consultation " + r.consultationId() + " is " + consultation.status.toLowerCase()
                            + "; a wave can only ask a consultation that is not closed");
        }
        int cooldown = r.cooldownDays() == null ? panel.cooldownDays : r.cooldownDays();
        List<Targets.Target> strata = targets.effective(panel).stream()
                .filter(t -> !t.shares().isEmpty())
                .toList();
        WaveSampler.Rules rules = new WaveSampler.Rules(
                r.size(),
                panel.fatigueCap,
                Duration.ofDays(cooldown),
                OffsetDateTime.now(ZoneOffset.UTC).toInstant());
        return new Plan(panel, theme, strata, rules, aligned, aligned ? caller().role() : theme.proposedByParty);
    }

    private WaveSampler.Sample sample(Plan plan, long seed) {
        List<WaveSampler.Candidate> candidates = candidates(
                plan.panel().id,
                plan.theme().id,
                plan.strata().stream().map(Targets.Target::attribute).toList(),
                plan.rules().now().atOffset(ZoneOffset.UTC));
        List<WaveSampler.Stratum> strata = plan.strata().stream()
                .map(t -> new WaveSampler.Stratum(t.attribute(), t.shares()))
                .toList();
        try {
            return WaveSampler.sample(candidates, strata, plan.rules(), seed);
        } catch (WaveSampler.NotEnoughEligible e) {
            throw ProblemException.unprocessable(
                    "not-enough-eligible",
                    e.requested + " members requested but only " + e.eligible
                            + " are eligible (active, under the fatigue cap of "
                            + plan.rules().fatigueCap() + " waves per 12 months, not invited in the last "
                            + plan.rules().cooldown().toDays() + " days)",
                    "size",
                    "at most " + e.eligible);
        }
    }

    /**
     * The panel's active members with profile, interest in the theme and invitation history of the
     * last 12 months (all the fatigue cap and a cooldown of at most a year look at), in one query.
     * Plain JDBC: this is the hot path of a launch (20,000 rows for a 20,000-member panel).
     */
    List<WaveSampler.Candidate> candidates(UUID panelId, UUID themeId, List<String> attributes, OffsetDateTime now) {
        StringBuilder sql = new StringBuilder("SELECT m.tenant_ref, i.theme_id IS NOT NULL, coalesce(h.waves, 0),"
                + " greatest(h.last_invited, m.previous_invitation_at), m.history_known_since");
        for (String a : attributes) {
            sql.append(", p.").append(Attributes.column(a));
        }
        sql.append(" ").append("""
                FROM panel_member m
                LEFT JOIN population_member p ON p.tenant_ref = m.tenant_ref
                LEFT JOIN member_interest i ON i.panel_id = m.panel_id AND i.tenant_ref = m.tenant_ref AND i.theme_id = ?
                LEFT JOIN (SELECT tenant_ref, count(*) AS waves, max(invited_at) AS last_invited
                           FROM wave_member WHERE panel_id = ? AND invited_at > ? GROUP BY tenant_ref) h ON h.tenant_ref = m.tenant_ref
                WHERE m.panel_id = ? AND m.status = 'ACTIVE'""");
        List<WaveSampler.Candidate> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                ps.setObject(1, themeId);
                ps.setObject(2, panelId);
                ps.setObject(3, now.minusMonths(12));
                ps.setObject(4, panelId);
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] values = new String[attributes.size()];
                        for (int a = 0; a < values.length; a++) {
                            values[a] = rs.getString(6 + a);
                        }
                        OffsetDateTime last = rs.getObject(4, OffsetDateTime.class);
                        OffsetDateTime known = rs.getObject(5, OffsetDateTime.class);
                        out.add(new WaveSampler.Candidate(
                                rs.getString(1),
                                Arrays.asList(values),
                                rs.getBoolean(2),
                                rs.getInt(3),
                                last == null ? null : last.toInstant(),
                                known == null ? null : known.toInstant()));
                    }
                }
            }
        });
        return out;
    }

    private void insertMembers(Wave w, List<String> refs) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO wave_member (wave_id, panel_id, tenant_ref, invited_at) SELECT ?, ?, unnest(?), ?")) {
                ps.setObject(1, w.id);
                ps.setObject(2, w.panelId);
                ps.setArray(3, connection.createArrayOf("text", refs.toArray()));
                ps.setObject(4, w.launchedAt);
                ps.executeUpdate();
            }
        });
    }

    public WaveViews.View get(String panelId, String waveId) {
        Panel panel = access.read(panelId);
        Wave w = wave(panel, waveId);
        List<String> strata = panel.strata();
        return view(w, stats.perWave(panel.id).get(w.id), null, stats.byGroup(panel.id, w.id, strata, null));
    }

    public Page<WaveViews.View> list(String panelId, PageRequest page) {
        Panel panel = access.read(panelId);
        OffsetDateTime after = OffsetDateTime.parse("1970-01-01T00:00:00Z");
        UUID afterId = new UUID(0, 0);
        if (page.afterKey() != null) {
            try {
                String[] parts = page.afterKey().split("\\|");
                after = OffsetDateTime.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("after", "not a cursor returned by this API");
            }
        }
        List<Wave> waves = Wave.find(
                        "panelId = ?1 and (launchedAt > ?2 or (launchedAt = ?2 and id > ?3)) order by launchedAt, id",
                        panel.id,
                        after,
                        afterId)
                .page(0, page.limit() + 1)
                .list();
        Map<UUID, WaveViews.Responses> responses = stats.perWave(panel.id);
        return page.page(
                waves.stream()
                        .map(w -> view(w, responses.get(w.id), null, null))
                        .toList(),
                v -> v.launchedAt().toString() + "|" + v.id());
    }

    public Page<WaveViews.Member> members(String panelId, String waveId, PageRequest page) {
        Panel panel = access.read(panelId);
        Wave w = wave(panel, waveId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT tenant_ref, invited_at, responded_at, cancelled_at FROM wave_member
                        WHERE wave_id = ?1 AND tenant_ref > ?2 ORDER BY tenant_ref LIMIT ?3""")
                .setParameter(1, w.id)
                .setParameter(2, page.afterKey() == null ? "" : page.afterKey())
                .setParameter(3, page.limit() + 1)
                .getResultList();
        List<WaveViews.Member> members = rows.stream()
                .map(r -> new WaveViews.Member(
                        (String) r[0], SqlTimes.offset(r[1]), SqlTimes.offset(r[2]), SqlTimes.offset(r[3])))
                .toList();
        return page.page(members, WaveViews.Member::tenantRef);
    }

    private static Wave wave(Panel panel, String waveId) {
        Wave w = Wave.findById(Ids.parse(waveId, "wave"));
        if (w == null || !w.panelId.equals(panel.id)) {
            throw ProblemException.notFound("wave " + waveId + " of this panel");
        }
        return w;
    }

    private static WaveViews.SampleView sampleView(Plan plan, WaveSampler.Sample s) {
        List<WaveViews.Stratum> strata = new ArrayList<>();
        for (int a = 0; a < plan.strata().size(); a++) {
            Targets.Target t = plan.strata().get(a);
            strata.add(new WaveViews.Stratum(
                    t.attribute(), t.shares(), s.quotas().get(a), s.counts().get(a)));
        }
        return new WaveViews.SampleView(s.eligible(), s.tenantRefs().size(), s.interested(), strata);
    }

    static WaveViews.View view(
            Wave w, WaveViews.Responses responses, WaveViews.SampleView sample, List<WaveViews.GroupResponse> byGroup) {
        return new WaveViews.View(
                w.id,
                w.panelId,
                w.consultationId,
                w.themeId,
                w.title,
                w.size,
                w.status,
                w.aligned,
                w.askingParty,
                w.launchedBy,
                w.launchedAt,
                w.cooldownDays,
                w.fatigueCap,
                w.eligible,
                w.seed,
                w.closedAt,
                responses,
                sample,
                byGroup);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
