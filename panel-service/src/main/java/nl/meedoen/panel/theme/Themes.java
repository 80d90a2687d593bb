package nl.meedoen.panel.theme;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.panel.Ids;
import nl.meedoen.panel.events.PanelEvents;
import nl.meedoen.panel.panel.AuditTrail;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.panel.PanelAccess;

/**
 * Alignment between the parties: either party proposes a theme, the other co-signs or declines it
 * (with a reason), either may comment, the proposer may change it (which asks for co-signing
 * again). Every step is in the audit trail with party, client and time.
 */
@ApplicationScoped
public class Themes {

    @Inject
    PanelAccess access;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Transactional
    public ThemeRequests.View propose(String panelId, ThemeRequests.Proposal r) {
        Panel panel = access.write(panelId);
        Theme t = new Theme();
        t.id = UUID.randomUUID();
        t.panelId = panel.id;
        t.title = r.title();
        t.description = r.description();
        t.status = Theme.Status.PROPOSED.name();
        t.proposedByParty = caller().role();
        t.proposedBy = caller().client();
        t.proposedAt = OffsetDateTime.now(ZoneOffset.UTC);
        t.persist();
        em.flush();
        audit.record(panel.id, subject(t), "PROPOSED", text(r));
        publishProposed(panel, t);
        return view(t, true);
    }

    @Transactional
    public ThemeRequests.View change(String panelId, String themeId, String ifMatch, ThemeRequests.Proposal r) {
        Panel panel = access.write(panelId);
        Theme t = theme(panel, themeId, true);
        Preconditions.check(ifMatch, t.version, true);
        if (!caller().role().equals(t.proposedByParty)) {
            throw ProblemException.forbidden(
                    "not-the-proposer",
                    "only the proposing party (" + t.proposedByParty + ") changes a theme; comment on it instead");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", text(new ThemeRequests.Proposal(t.title, t.description)));
        detail.put("to", text(r));
        detail.put("previousStatus", t.status);
        t.title = r.title();
        t.description = r.description();
        t.status = Theme.Status.PROPOSED.name(); // a changed theme needs co-signing again
        t.decidedByParty = null;
        t.decidedBy = null;
        t.decidedAt = null;
        t.decisionComment = null;
        em.flush();
        audit.record(panel.id, subject(t), "CHANGED", detail);
        publishProposed(panel, t);
        return view(t, true);
    }

    /** A new or changed theme awaits co-signing: theme-proposed, with the revision to co-sign. */
    private void publishProposed(Panel panel, Theme t) {
        outbox.publish(
                PanelEvents.TOPIC,
                PanelEvents.THEME_PROPOSED,
                panel.id.toString(),
                new PanelEvents.ThemeProposed(
                        panel.id.toString(), t.id.toString(), t.title, t.proposedByParty, t.version));
    }

    @Transactional
    public ThemeRequests.View comment(String panelId, String themeId, ThemeRequests.Comment r) {
        Panel panel = access.write(panelId);
        Theme t = theme(panel, themeId, false);
        audit.record(panel.id, subject(t), "COMMENTED", Map.of("text", r.text()));
        return view(t, true);
    }

    @Transactional
    public ThemeRequests.View sign(String panelId, String themeId, String ifMatch, ThemeRequests.Signature r) {
        return decide(panelId, themeId, ifMatch, Theme.Status.SIGNED, r == null ? null : r.comment());
    }

    @Transactional
    public ThemeRequests.View decline(String panelId, String themeId, String ifMatch, ThemeRequests.Decline r) {
        return decide(panelId, themeId, ifMatch, Theme.Status.DECLINED, r.reason());
    }

    private ThemeRequests.View decide(
            String panelId, String themeId, String ifMatch, Theme.Status decision, String comment) {
        Panel panel = access.write(panelId);
        Theme t = theme(panel, themeId, true);
        Preconditions.check(ifMatch, t.version, false); // optional: "I sign the version I read"
        if (caller().role().equals(t.proposedByParty)) {
            throw ProblemException.forbidden(
                    "proposer-cannot-cosign",
                    "the party that proposed a theme cannot co-sign or decline it; the other party does");
        }
        if (!t.is(Theme.Status.PROPOSED)) {
            throw ProblemException.conflict(
                    "already-decided",
                    "this theme was already " + t.status.toLowerCase() + " by " + t.decidedByParty
                            + "; it can be decided again after the proposer changes it");
        }
        t.status = decision.name();
        t.decidedByParty = caller().role();
        t.decidedBy = caller().client();
        t.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        t.decisionComment = comment;
        em.flush();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("revision", t.version);
        if (comment != null) {
            detail.put(decision == Theme.Status.SIGNED ? "comment" : "reason", comment);
        }
        audit.record(panel.id, subject(t), decision.name(), detail);
        outbox.publish(
                PanelEvents.TOPIC,
                decision == Theme.Status.SIGNED ? PanelEvents.THEME_SIGNED : PanelEvents.THEME_DECLINED,
                panel.id.toString(),
                new PanelEvents.ThemeDecided(
                        panel.id.toString(), t.id.toString(), t.decidedByParty, comment, t.version));
        return view(t, true);
    }

    public ThemeRequests.View get(String panelId, String themeId) {
        Panel panel = access.read(panelId);
        return view(theme(panel, themeId, false), true);
    }

    public List<ThemeRequests.View> list(String panelId) {
        Panel panel = access.read(panelId);
        List<Theme> themes = Theme.list("panelId = ?1 order by proposedAt", panel.id);
        return themes.stream().map(t -> view(t, false)).toList();
    }

    private static Theme theme(Panel panel, String themeId, boolean lock) {
        UUID id = Ids.parse(themeId, "theme");
        Theme t = lock ? Theme.findById(id, LockModeType.PESSIMISTIC_WRITE) : Theme.findById(id);
        if (t == null || !t.panelId.equals(panel.id)) {
            throw ProblemException.notFound("theme " + themeId + " of this panel");
        }
        return t;
    }

    public static String subject(Theme t) {
        return "theme:" + t.id;
    }

    private static Map<String, Object> text(ThemeRequests.Proposal r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", r.title());
        if (r.description() != null) {
            m.put("description", r.description());
        }
        return m;
    }

    ThemeRequests.View view(Theme t, boolean detail) {
        return new ThemeRequests.View(
                t.id,
                t.panelId,
                t.title,
                t.description,
                t.status,
                t.proposedByParty,
                t.proposedBy,
                t.proposedAt,
                t.decidedByParty,
                t.decidedBy,
                t.decidedAt,
                t.decisionComment,
                detail ? audit.all(t.panelId, subject(t)) : null,
                t.version);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
