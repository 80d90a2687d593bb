package nl.meedoen.panel.theme;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A theme raised by one party; the other party co-signs or declines it. */
@Entity
@Table(name = "theme")
public class Theme extends PanacheEntityBase {

    public enum Status {
        PROPOSED,
        SIGNED,
        DECLINED
    }

    @Id
    public UUID id;

    @Column(name = "panel_id", nullable = false)
    public UUID panelId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(nullable = false)
    public String status;

    @Column(name = "proposed_by_party", nullable = false)
    public String proposedByParty;

    @Column(name = "proposed_by", nullable = false)
    public String proposedBy;

    @Column(name = "proposed_at", nullable = false)
    public OffsetDateTime proposedAt;

    @Column(name = "decided_by_party")
    public String decidedByParty;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decision_comment")
    public String decisionComment;

    @Version
    public long version;

    public boolean is(Status s) {
        return s.name().equals(status);
    }

    /** The panel's theme with this id, or null. */
    public static Theme inPanel(UUID panelId, UUID themeId) {
        return find("id = ?1 and panelId = ?2", themeId, panelId).firstResult();
    }
}
