package nl.meedoen.panel.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.sql.SqlTimes;

/** The member's history: membership changes (for churn) and every consent given. */
@ApplicationScoped
public class MemberLog {

    public record Consent(int version, OffsetDateTime givenAt, String channel, String kind) {}

    public record Change(String change, String reason, OffsetDateTime at) {}

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void change(PanelMember m, String change, String reason, OffsetDateTime at) {
        em.createNativeQuery(
                        "INSERT INTO member_change (panel_id, tenant_ref, change, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, m.panelId)
                .setParameter(2, m.tenantRef)
                .setParameter(3, change)
                .setParameter(4, reason)
                .setParameter(5, at)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void consent(PanelMember m, int version, OffsetDateTime at, String channel, String kind) {
        em.createNativeQuery("""
                        INSERT INTO consent_record (panel_id, tenant_ref, consent_version, given_at, channel, kind)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, m.panelId)
                .setParameter(2, m.tenantRef)
                .setParameter(3, version)
                .setParameter(4, at)
                .setParameter(5, channel)
                .setParameter(6, kind)
                .executeUpdate();
    }

    public List<Consent> consents(UUID panelId, String tenantRef) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT consent_version, given_at, channel, kind FROM consent_record
                        WHERE panel_id = ?1 AND tenant_ref = ?2 ORDER BY id""")
                .setParameter(1, panelId)
                .setParameter(2, tenantRef)
                .getResultList();
        List<Consent> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Consent(((Number) r[0]).intValue(), SqlTimes.offset(r[1]), (String) r[2], (String) r[3]));
        }
        return out;
    }

    public List<Change> changes(UUID panelId, String tenantRef) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT change, reason, at FROM member_change WHERE panel_id = ?1 AND tenant_ref = ?2 ORDER BY id""")
                .setParameter(1, panelId)
                .setParameter(2, tenantRef)
                .getResultList();
        List<Change> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Change((String) r[0], (String) r[1], SqlTimes.offset(r[2])));
        }
        return out;
    }
}
