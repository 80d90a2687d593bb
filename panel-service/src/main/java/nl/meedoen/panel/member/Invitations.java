package nl.meedoen.panel.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageKind;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.panel.PanelConfig;
import nl.meedoen.panel.panel.Attributes;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.panel.PanelAccess;

/**
 * Recruitment: each invited tenant gets a personal join link, mailed by notification-service
 * (a {@link MessageRequestV1} through the outbox, in the same transaction as the invitation).
 */
@ApplicationScoped
public class Invitations {

    public static final String TEMPLATE = MessageKind.PANEL_INVITATION.key();

    @Inject
    PanelAccess access;

    @Inject
    Memberships memberships;

    @Inject
    MemberTokens tokens;

    @Inject
    MemberLog log;

    @Inject
    Outbox outbox;

    @Inject
    PanelConfig config;

    @Inject
    EntityManager em;

    @Transactional
    public MemberViews.InvitationResult invite(String panelId, MemberRequests.Invitation r) {
        Panel panel = access.write(panelId);
        List<String> refs = (r.tenantRefs() != null) == (r.group() != null)
                ? null
                : r.tenantRefs() != null ? explicit(r) : fromGroup(panel, r);
        if (refs == null) {
            throw ProblemException.unprocessable(
                    "invalid-audience",
                    "give either tenantRefs or a group with a count",
                    "tenantRefs",
                    "either tenantRefs or group");
        }
        List<MemberViews.Skipped> skipped = new ArrayList<>();
        if (r.tenantRefs() != null) {
            // A batch reports per tenant: one not (yet) in the population is named and skipped, the rest are invited.
            Set<String> known = known(refs);
            refs.stream()
                    .filter(ref -> !known.contains(ref))
                    .forEach(ref -> skipped.add(new MemberViews.Skipped(ref, "UNKNOWN_TENANT")));
            refs = refs.stream().filter(known::contains).toList();
        }
        Map<String, PanelMember> existing = new HashMap<>();
        if (!refs.isEmpty()) {
            List<PanelMember> rows = PanelMember.list("panelId = ?1 and tenantRef in ?2", panel.id, refs);
            rows.forEach(m -> existing.put(m.tenantRef, m));
        }
        OffsetDateTime now = Memberships.now();
        List<String> invited = new ArrayList<>();
        for (String ref : refs) {
            PanelMember m = existing.get(ref);
            String skip = m == null
                    ? null
                    : m.is(PanelMember.Status.INVITED)
                            ? "ALREADY_INVITED"
                            : m.is(PanelMember.Status.LEFT)
                                            && !PanelMember.LeaveReason.TERM_ENDED
                                                    .name()
                                                    .equals(m.leftReason)
                                    ? "LEFT"
                                    : m.is(PanelMember.Status.LEFT) ? null : "ALREADY_MEMBER";
            if (skip != null) {
                skipped.add(new MemberViews.Skipped(ref, skip));
                continue;
            }
            if (m == null) {
                m = memberships.newMember(panel, ref);
            }
            m.status = PanelMember.Status.INVITED.name();
            m.invitedAt = now;
            m.persist();
            log.change(m, "INVITED", null, now);
            MemberTokens.Link link = tokens.issue(panel.id, ref, MemberTokens.INVITATION);
            outbox.publish(
                    MessageRequestV1.TOPIC,
                    MessageRequestV1.TYPE,
                    ref,
                    new MessageRequestV1(
                                    "panel-invitation-" + UUID.randomUUID(),
                                    ref,
                                    MessageRequestV1.PANEL,
                                    TEMPLATE,
                                    Map.of(
                                            "panelName",
                                            panel.name,
                                            "joinUrl",
                                            config.joinUrl().replace("{token}", link.token()),
                                            // typed on the panel page (opened without a token) by who cannot scan
                                            // the letter's QR code
                                            "shortCode",
                                            link.shortCode(),
                                            "codeUrl",
                                            MemberTokens.codeUrl(config.joinUrl())),
                                    null)
                            .from(source(panel.id)));
            invited.add(ref);
        }
        return new MemberViews.InvitationResult(invited, skipped);
    }

    private List<String> explicit(MemberRequests.Invitation r) {
        if (r.count() != null) {
            throw ProblemException.unprocessable(
                    "invalid-audience", "count goes with a group, not with tenantRefs", "count", "only with group");
        }
        return new ArrayList<>(new LinkedHashSet<>(r.tenantRefs()));
    }

    /** Which of {@code refs} the population read model knows. */
    private Set<String> known(List<String> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery(
                        "SELECT tenant_ref FROM population_member WHERE tenant_ref = ANY(CAST(?1 AS TEXT[]))")
                .setParameter(1, refs.toArray(String[]::new))
                .getResultList();
        return new HashSet<>(known);
    }

    /** {@code count} tenants of the group at random who have never been on the panel (nor invited to it). */
    private List<String> fromGroup(Panel panel, MemberRequests.Invitation r) {
        if (!Attributes.known(r.group().attribute())) {
            throw ProblemException.unprocessable(
                    "invalid-audience", "unknown attribute", "group.attribute", "one of " + Attributes.names());
        }
        if (r.count() == null) {
            throw ProblemException.unprocessable(
                    "invalid-audience", "say how many of the group to invite", "count", "required with group");
        }
        @SuppressWarnings("unchecked")
        List<String> refs = em.createNativeQuery("SELECT p.tenant_ref FROM population_member p WHERE coalesce(p."
                        + Attributes.column(r.group().attribute()) + ", 'unknown') = ?1"
                        + " AND NOT EXISTS (SELECT 1 FROM panel_member m WHERE m.panel_id = ?2 AND m.tenant_ref = p.tenant_ref)"
                        + " ORDER BY random() LIMIT ?3")
                .setParameter(1, r.group().value())
                .setParameter(2, panel.id)
                .setParameter(3, r.count())
                .getResultList();
        return refs;
    }

    /** The source of a panel's own messages in notification-service (its waves are asked through their consultations). */
    static String source(java.util.UUID panelId) {
        return "panel:" + panelId;
    }
}
