package nl.meedoen.panel.wave;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.sql.SqlTimes;
import nl.meedoen.panel.events.PanelEvents;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member's participation history: which waves invited them, whether they responded (never what). */
@ApplicationScoped
public class Participation {

    @Schema(name = "Participation", description = "One wave invitation of a member")
    public record Entry(
            UUID waveId,
            UUID consultationId,
            String title,
            UUID themeId,
            OffsetDateTime invitedAt,
            OffsetDateTime respondedAt,
            OffsetDateTime cancelledAt,

            @Schema(description = "INVITED, RESPONDED, CANCELLED or NO_RESPONSE (the consultation closed)")
            String status) {}

    @Inject
    EntityManager em;

    public List<Entry> history(UUID panelId, String tenantRef) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT w.id, w.consultation_id, w.title, w.theme_id, m.invited_at, m.responded_at, m.cancelled_at, w.status
                        FROM wave_member m JOIN wave w ON w.id = m.wave_id
                        WHERE m.panel_id = ?1 AND m.tenant_ref = ?2 ORDER BY m.invited_at DESC""")
                .setParameter(1, panelId)
                .setParameter(2, tenantRef)
                .getResultList();
        List<Entry> out = new ArrayList<>();
        for (Object[] r : rows) {
            OffsetDateTime responded = SqlTimes.offset(r[5]);
            OffsetDateTime cancelled = SqlTimes.offset(r[6]);
            String status = responded != null
                    ? "RESPONDED"
                    : cancelled != null
                            ? "CANCELLED"
                            : Wave.Status.CLOSED.name().equals(r[7]) ? "NO_RESPONSE" : "INVITED";
            out.add(new Entry(
                    (UUID) r[0],
                    (UUID) r[1],
                    (String) r[2],
                    (UUID) r[3],
                    SqlTimes.offset(r[4]),
                    responded,
                    cancelled,
                    status));
        }
        return out;
    }

    /** Withdraws the member's open wave invitations (they left); returns them for the member-left event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<PanelEvents.CancelledInvitation> cancelPending(UUID panelId, String tenantRef, OffsetDateTime at) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE wave_member m SET cancelled_at = ?3 FROM wave w
                        WHERE w.id = m.wave_id AND m.panel_id = ?1 AND m.tenant_ref = ?2
                          AND m.responded_at IS NULL AND m.cancelled_at IS NULL AND w.status = 'LAUNCHED'
                        RETURNING w.id, w.consultation_id""")
                .setParameter(1, panelId)
                .setParameter(2, tenantRef)
                .setParameter(3, at)
                .getResultList();
        List<PanelEvents.CancelledInvitation> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new PanelEvents.CancelledInvitation(r[0].toString(), r[1].toString()));
        }
        return out;
    }
}
