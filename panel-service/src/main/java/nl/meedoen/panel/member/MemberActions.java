package nl.meedoen.panel.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.panel.PanelAccess;
import nl.meedoen.population.PopulationMember;

/** One transaction per member request: find the member (by personal link or by panel and tenantRef), lock, change, answer. */
@ApplicationScoped
public class MemberActions {

    @Inject
    MemberTokens tokens;

    @Inject
    PanelAccess access;

    @Inject
    Memberships memberships;

    /** Through the tenant's personal link. */
    @Transactional
    public MemberViews.Membership byLink(String token, BiConsumer<Panel, PanelMember> action) {
        PanelMember m = memberships.lock(tokens.member(token));
        Panel panel = Panel.findById(m.panelId);
        action.accept(panel, m);
        return memberships.membership(panel, m);
    }

    /** By staff of a party on the panel. */
    @Transactional
    public MemberViews.Member byStaff(String panelId, String tenantRef, BiConsumer<Panel, PanelMember> action) {
        Panel panel = access.write(panelId);
        PanelMember m = member(panel, tenantRef);
        memberships.lock(m);
        action.accept(panel, m);
        return memberships.view(panel, m, true);
    }

    @Transactional
    public MemberViews.Member record(String panelId, MemberRequests.Recorded r) {
        Panel panel = access.write(panelId);
        return memberships.view(panel, memberships.record(panel, r), true);
    }

    public MemberViews.Member get(String panelId, String tenantRef) {
        Panel panel = access.read(panelId);
        return memberships.view(panel, member(panel, tenantRef), true);
    }

    public Page<MemberViews.Member> list(String panelId, String status, PageRequest page) {
        Panel panel = access.read(panelId);
        String after = page.afterKey() == null ? "" : page.afterKey();
        List<PanelMember> rows;
        if (status == null) {
            rows = PanelMember.find("panelId = ?1 and tenantRef > ?2 order by tenantRef", panel.id, after)
                    .page(0, page.limit() + 1)
                    .list();
        } else {
            if (Arrays.stream(PanelMember.Status.values())
                    .noneMatch(s -> s.name().equals(status))) {
                throw ProblemException.invalidField("status", "one of " + Arrays.toString(PanelMember.Status.values()));
            }
            rows = PanelMember.find(
                            "panelId = ?1 and status = ?2 and tenantRef > ?3 order by tenantRef",
                            panel.id,
                            status,
                            after)
                    .page(0, page.limit() + 1)
                    .list();
        }
        Map<String, PopulationMember> profiles = new HashMap<>();
        if (!rows.isEmpty()) {
            List<PopulationMember> found = PopulationMember.list(
                    "tenantRef in ?1", rows.stream().map(m -> m.tenantRef).toList());
            found.forEach(p -> profiles.put(p.tenantRef, p));
        }
        return page.page(
                rows.stream()
                        .map(m -> memberships.view(panel, m, Memberships.profile(profiles.get(m.tenantRef)), false))
                        .toList(),
                member -> member.who().tenantRef());
    }

    private static PanelMember member(Panel panel, String tenantRef) {
        PanelMember m = PanelMember.of(panel.id, tenantRef);
        if (m == null) {
            throw ProblemException.notFound("member " + tenantRef + " of this panel");
        }
        return m;
    }
}
