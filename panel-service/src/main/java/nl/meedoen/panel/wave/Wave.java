package nl.meedoen.panel.wave;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A wave: one consultation sent to a stratified sample of a panel's members. */
@Entity
@Table(name = "wave")
public class Wave extends PanacheEntityBase {

    public enum Status {
        LAUNCHED,
        CLOSED
    }

    @Id
    public UUID id;

    @Column(name = "panel_id", nullable = false)
    public UUID panelId;

    @Column(name = "consultation_id", nullable = false)
    public UUID consultationId;

    @Column(name = "theme_id", nullable = false)
    public UUID themeId;

    public String title;

    @Column(nullable = false)
    public int size;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public boolean aligned;

    @Column(name = "asking_party", nullable = false)
    public String askingParty;

    @Column(name = "launched_by", nullable = false)
    public String launchedBy;

    @Column(name = "launched_at", nullable = false)
    public OffsetDateTime launchedAt;

    @Column(name = "cooldown_days", nullable = false)
    public int cooldownDays;

    @Column(name = "fatigue_cap", nullable = false)
    public int fatigueCap;

    @Column(nullable = false)
    public int eligible;

    @Column(nullable = false)
    public long seed;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "invited_count")
    public Long invitedCount;

    @Column(name = "completed_count")
    public Long completedCount;
}
