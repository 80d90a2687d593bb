package nl.meedoen.panel.member;

import static nl.meedoen.panel.member.PanelMember.Status.ACTIVE;
import static nl.meedoen.panel.member.PanelMember.Status.INVITED;
import static nl.meedoen.panel.member.PanelMember.Status.LEFT;
import static nl.meedoen.panel.member.PanelMember.Status.PAUSED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.panel.events.PanelEvents;
import nl.meedoen.panel.panel.ConsentText;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.theme.Theme;
import nl.meedoen.panel.wave.Participation;
import nl.meedoen.population.PopulationMember;

/**
 * A member's life on a panel: join (with consent), consent again, pause, resume, leave, and
 * choose interests. Each change writes its member-change row and its event in the same transaction.
 * Both the member's own link and staff of the panel's parties use these rules.
 */
@ApplicationScoped
public class Memberships {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MemberLog log;

    @Inject
    Participation participation;

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The member row, locked: two requests for one member queue instead of both succeeding. */
    public PanelMember lock(PanelMember m) {
        em.refresh(m, LockModeType.PESSIMISTIC_WRITE);
        return m;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void join(Panel panel, PanelMember m, MemberRequests.Join r) {
        requireConsent(panel, r.consent(), r.consentVersion());
        if (m.is(ACTIVE) || m.is(PAUSED)) {
            throw ProblemException.conflict("already-member", "this tenant is already a member of the panel");
        }
        if (m.is(LEFT)) {
            throw ProblemException.conflict(
                    "membership-ended", "this membership has ended; a new invitation is needed to join again");
        }
        List<UUID> interests = r.interests() == null ? List.of() : checkInterests(panel, r.interests());
        OffsetDateTime now = now();
        String channel = r.channel() == null
                ? PanelMember.Channel.ONLINE.name()
                : r.channel().name();
        activate(panel, m, now, channel);
        m.preferredMoments =
                StoredJson.write(r.preferredMoments() == null ? List.of() : distinct(r.preferredMoments()));
        setInterests(m, interests);
        log.consent(m, panel.consentVersion, now, channel, "JOIN");
        log.change(m, "JOINED", null, now);
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.MEMBER_JOINED,
                panel.id.toString(),
                new PanelEvents.MemberJoined(panel.id.toString(), m.tenantRef, panel.consentVersion, channel, now));
    }

    /** Staff record a tenant who consented on paper, by phone, in person or in a predecessor panel. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PanelMember record(Panel panel, MemberRequests.Recorded r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (PopulationMember.findById(r.tenantRef()) == null) {
            errors.add(new Problem.FieldError("tenantRef", "not in the tenant population"));
        }
        if (r.consentVersion() != panel.consentVersion) {
            errors.add(new Problem.FieldError(
                    "consentVersion", "the current consent text is version " + panel.consentVersion));
        }
        if (r.channel() == PanelMember.Channel.ONLINE) {
            errors.add(new Problem.FieldError("channel", "online consent is given through the tenant's own link"));
        }
        OffsetDateTime now = now();
        if (r.consentedAt() != null && r.consentedAt().isAfter(now.plusMinutes(5))) {
            errors.add(new Problem.FieldError("consentedAt", "must not be in the future"));
        }
        if (r.previousInvitationAt() != null && r.previousInvitationAt().isAfter(now.plusMinutes(5))) {
            errors.add(new Problem.FieldError("previousInvitationAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("validation", ProblemException.summary(errors), errors);
        }
        PanelMember m = PanelMember.of(panel.id, r.tenantRef());
        if (m == null) {
            m = newMember(panel, r.tenantRef());
        } else {
            lock(m);
            if (m.is(ACTIVE) || m.is(PAUSED)) {
                throw ProblemException.conflict("already-member", "this tenant is already a member of the panel");
            }
        }
        OffsetDateTime consentedAt = r.consentedAt() == null ? now : r.consentedAt();
        activate(panel, m, now, r.channel().name());
        m.consentedAt = consentedAt;
        m.previousInvitationAt = r.previousInvitationAt();
        m.historyKnownSince = Boolean.FALSE.equals(r.invitationHistoryKnown()) ? now : null;
        m.persist();
        log.consent(m, panel.consentVersion, consentedAt, r.channel().name(), "RECORDED");
        log.change(m, "JOINED", "RECORDED", now);
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.MEMBER_JOINED,
                panel.id.toString(),
                new PanelEvents.MemberJoined(
                        panel.id.toString(),
                        m.tenantRef,
                        panel.consentVersion,
                        r.channel().name(),
                        now));
        return m;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void renewConsent(Panel panel, PanelMember m, MemberRequests.Consent r) {
        requireConsent(panel, r.consent(), r.consentVersion());
        if (m.is(INVITED)) {
            throw ProblemException.conflict("not-a-member", "join the panel first");
        }
        if (m.is(LEFT)) {
            throw ProblemException.conflict("membership-ended", "this membership has ended");
        }
        if (m.consentVersion != null && m.consentVersion == panel.consentVersion) {
            return; // already consented to this version: a repeat changes nothing
        }
        OffsetDateTime now = now();
        String channel = r.channel() == null
                ? PanelMember.Channel.ONLINE.name()
                : r.channel().name();
        m.consentVersion = panel.consentVersion;
        m.consentedAt = now;
        m.consentChannel = channel;
        m.reconsentDue = null;
        log.consent(m, panel.consentVersion, now, channel, "RENEWAL");
        log.change(m, "CONSENT_RENEWED", null, now);
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.CONSENT_RENEWED,
                panel.id.toString(),
                new PanelEvents.ConsentRenewed(panel.id.toString(), m.tenantRef, panel.consentVersion, channel, now));
        if (m.is(PAUSED) && PanelMember.PauseReason.CONSENT_LAPSED.name().equals(m.pauseReason)) {
            resumeNow(panel, m, now);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pause(Panel panel, PanelMember m, OffsetDateTime until, PanelMember.PauseReason reason) {
        if (!m.is(ACTIVE)) {
            throw ProblemException.conflict(
                    "not-active", "only an active member can be paused (this one is " + m.status + ")");
        }
        OffsetDateTime now = now();
        if (until != null && (!until.isAfter(now) || until.isAfter(now.plusYears(1)))) {
            throw ProblemException.unprocessable(
                    "invalid-pause", "until: between now and a year ahead", "until", "between now and a year ahead");
        }
        pauseNow(panel, m, now, until, reason);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pauseNow(
            Panel panel, PanelMember m, OffsetDateTime now, OffsetDateTime until, PanelMember.PauseReason reason) {
        m.status = PAUSED.name();
        m.pausedAt = now;
        m.pausedUntil = until;
        m.pauseReason = reason.name();
        log.change(m, "PAUSED", reason.name(), now);
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.MEMBER_PAUSED,
                panel.id.toString(),
                new PanelEvents.MemberPaused(panel.id.toString(), m.tenantRef, reason.name(), until, now));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resume(Panel panel, PanelMember m) {
        if (!m.is(PAUSED)) {
            throw ProblemException.conflict(
                    "not-paused", "only a paused member can resume (this one is " + m.status + ")");
        }
        if (PanelMember.PauseReason.CONSENT_LAPSED.name().equals(m.pauseReason)) {
            throw ProblemException.conflict(
                    "consent-required",
                    "consent to the panel's current text (version " + panel.consentVersion + ") to resume");
        }
        resumeNow(panel, m, now());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resumeNow(Panel panel, PanelMember m, OffsetDateTime now) {
        m.status = ACTIVE.name();
        m.pausedAt = null;
        m.pausedUntil = null;
        m.pauseReason = null;
        log.change(m, "RESUMED", null, now);
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.MEMBER_RESUMED,
                panel.id.toString(),
                new PanelEvents.MemberResumed(panel.id.toString(), m.tenantRef, now));
    }

    /** Opt-out at any time (also declining an invitation): open wave invitations are cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leave(Panel panel, PanelMember m, PanelMember.LeaveReason reason) {
        if (m.is(LEFT)) {
            throw ProblemException.conflict("membership-ended", "this membership has already ended");
        }
        OffsetDateTime now = now();
        List<PanelEvents.CancelledInvitation> cancelled = participation.cancelPending(panel.id, m.tenantRef, now);
        m.status = LEFT.name();
        m.leftAt = now;
        m.leftReason = reason.name();
        m.pausedAt = null;
        m.pausedUntil = null;
        m.pauseReason = null;
        m.reconsentDue = null;
        log.change(m, "LEFT", reason.name(), now);
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.MEMBER_LEFT,
                panel.id.toString(),
                new PanelEvents.MemberLeft(panel.id.toString(), m.tenantRef, reason.name(), now, cancelled));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void preferences(Panel panel, PanelMember m, MemberRequests.Preferences r) {
        if (!m.is(ACTIVE) && !m.is(PAUSED)) {
            throw ProblemException.conflict(
                    "not-a-member", "only members choose interests (this tenant is " + m.status + ")");
        }
        if (r.interests() != null) {
            setInterests(m, checkInterests(panel, r.interests()));
        }
        if (r.preferredMoments() != null) {
            m.preferredMoments = StoredJson.write(distinct(r.preferredMoments()));
        }
    }

    PanelMember newMember(Panel panel, String tenantRef) {
        PanelMember m = new PanelMember();
        m.id = UUID.randomUUID();
        m.panelId = panel.id;
        m.tenantRef = tenantRef;
        m.status = INVITED.name();
        return m;
    }

    private void activate(Panel panel, PanelMember m, OffsetDateTime now, String channel) {
        m.status = ACTIVE.name();
        m.joinedAt = now;
        m.termEndsAt = panel.membershipTermMonths == null ? null : now.plusMonths(panel.membershipTermMonths);
        m.leftAt = null;
        m.leftReason = null;
        m.pausedAt = null;
        m.pausedUntil = null;
        m.pauseReason = null;
        m.consentVersion = panel.consentVersion;
        m.consentedAt = now;
        m.consentChannel = channel;
        m.reconsentDue = null;
    }

    private static void requireConsent(Panel panel, Boolean consent, Integer version) {
        if (!Boolean.TRUE.equals(consent)) {
            throw ProblemException.unprocessable(
                    "consent-required",
                    "joining the panel requires consent to its consent text",
                    "consent",
                    "must be true");
        }
        if (version == null || version != panel.consentVersion) {
            throw ProblemException.unprocessable(
                    "consent-outdated",
                    "the consent given is not for the current text (version " + panel.consentVersion + ")",
                    "consentVersion",
                    "the current consent text is version " + panel.consentVersion);
        }
    }

    /** Interests are themes of this panel that were not declined. */
    private List<UUID> checkInterests(Panel panel, List<UUID> interests) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < interests.size(); i++) {
            Theme t = Theme.inPanel(panel.id, interests.get(i));
            if (t == null || t.is(Theme.Status.DECLINED)) {
                errors.add(new Problem.FieldError("interests[" + i + "]", "not a theme of this panel"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "unknown-theme", "interests name themes this panel does not have", errors);
        }
        return new ArrayList<>(new LinkedHashSet<>(interests));
    }

    private void setInterests(PanelMember m, List<UUID> interests) {
        em.createNativeQuery("DELETE FROM member_interest WHERE panel_id = ?1 AND tenant_ref = ?2")
                .setParameter(1, m.panelId)
                .setParameter(2, m.tenantRef)
                .executeUpdate();
        for (UUID theme : interests) {
            em.createNativeQuery("INSERT INTO member_interest (panel_id, tenant_ref, theme_id) VALUES (?1, ?2, ?3)")
                    .setParameter(1, m.panelId)
                    .setParameter(2, m.tenantRef)
                    .setParameter(3, theme)
                    .executeUpdate();
        }
    }

    public List<UUID> interests(PanelMember m) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery(
                        "SELECT theme_id FROM member_interest WHERE panel_id = ?1 AND tenant_ref = ?2 ORDER BY theme_id")
                .setParameter(1, m.panelId)
                .setParameter(2, m.tenantRef)
                .getResultList();
        return rows;
    }

    private static <T> List<String> distinct(List<T> values) {
        return new ArrayList<>(
                new LinkedHashSet<>(values.stream().map(Object::toString).toList()));
    }

    // --- views

    public MemberViews.Member view(Panel panel, PanelMember m, boolean detail) {
        PopulationMember p = PopulationMember.findById(m.tenantRef);
        return view(panel, m, profile(p), detail);
    }

    public MemberViews.Member view(Panel panel, PanelMember m, Map<String, String> profile, boolean detail) {
        return new MemberViews.Member(
                new MemberViews.Member.Who(m.tenantRef, m.status, profile),
                new MemberViews.Member.Tenure(
                        m.invitedAt,
                        m.joinedAt,
                        m.termEndsAt,
                        m.pausedAt,
                        m.pausedUntil,
                        m.pauseReason,
                        m.leftAt,
                        m.leftReason),
                new MemberViews.Member.ConsentState(
                        m.consentVersion,
                        m.consentVersion != null && m.consentVersion == panel.consentVersion,
                        m.consentedAt,
                        m.consentChannel,
                        m.reconsentDue),
                new MemberViews.Member.Detail(
                        detail ? interests(m) : null,
                        detail ? m.preferredMoments() : null,
                        detail ? log.consents(panel.id, m.tenantRef) : null,
                        detail ? log.changes(panel.id, m.tenantRef) : null,
                        detail ? participation.history(panel.id, m.tenantRef) : null));
    }

    public MemberViews.Membership membership(Panel panel, PanelMember m) {
        ConsentText text = ConsentText.of(panel.id, panel.consentVersion);
        List<Theme> themes =
                Theme.list("panelId = ?1 and status <> ?2 order by proposedAt", panel.id, Theme.Status.DECLINED.name());
        return new MemberViews.Membership(
                panel.id,
                panel.name,
                panel.purpose,
                m.status,
                panel.consentVersion,
                text.text,
                m.consentVersion,
                m.reconsentDue,
                m.pausedUntil,
                m.pauseReason,
                interests(m),
                m.preferredMoments(),
                themes.stream()
                        .map(t -> new MemberViews.ThemeChoice(t.id, t.title, t.description))
                        .toList(),
                participation.history(panel.id, m.tenantRef),
                language(m.tenantRef));
    }

    private static String language(String tenantRef) {
        PopulationMember p = PopulationMember.findById(tenantRef);
        return p == null ? null : p.language;
    }

    public static Map<String, String> profile(PopulationMember p) {
        Map<String, String> profile = new LinkedHashMap<>();
        if (p != null) {
            put(profile, "complexId", p.complexId);
            put(profile, "neighbourhoodCode", p.neighbourhoodCode);
            put(profile, "ageBand", p.ageBand);
            put(profile, "householdType", p.householdType);
            put(profile, "dwellingType", p.dwellingType);
            put(profile, "tenancyBand", p.tenancyBand);
            put(profile, "language", p.language);
        }
        return profile;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
