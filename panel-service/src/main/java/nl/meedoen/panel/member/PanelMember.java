package nl.meedoen.panel.member;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;

/** A tenant's membership of one panel. Only a tenantRef: the profile comes from the population read model. */
@Entity
@Table(name = "panel_member")
public class PanelMember extends PanacheEntityBase {

    public enum Status {
        INVITED,
        ACTIVE,
        PAUSED,
        LEFT
    }

    /** Why a member is paused. */
    public enum PauseReason {
        MEMBER,
        STAFF,
        CONSENT_LAPSED
    }

    /** Why a member left. */
    public enum LeaveReason {
        MEMBER,
        STAFF,
        TERM_ENDED,
        OPTED_OUT
    }

    /** How consent was given. */
    public enum Channel {
        ONLINE,
        PAPER,
        PHONE,
        IN_PERSON
    }

    /** The moments a member prefers to be asked. */
    public enum Moment {
        WEEKDAY_MORNING,
        WEEKDAY_AFTERNOON,
        WEEKDAY_EVENING,
        WEEKEND
    }

    @Id
    public UUID id;

    @Column(name = "panel_id", nullable = false)
    public UUID panelId;

    @Column(name = "tenant_ref", nullable = false)
    public String tenantRef;

    @Column(nullable = false)
    public String status;

    @Column(name = "invited_at")
    public OffsetDateTime invitedAt;

    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;

    @Column(name = "term_ends_at")
    public OffsetDateTime termEndsAt;

    @Column(name = "paused_at")
    public OffsetDateTime pausedAt;

    @Column(name = "paused_until")
    public OffsetDateTime pausedUntil;

    @Column(name = "pause_reason")
    public String pauseReason;

    @Column(name = "left_at")
    public OffsetDateTime leftAt;

    @Column(name = "left_reason")
    public String leftReason;

    @Column(name = "consent_version")
    public Integer consentVersion;

    @Column(name = "consented_at")
    public OffsetDateTime consentedAt;

    @Column(name = "consent_channel")
    public String consentChannel;

    @Column(name = "reconsent_due")
    public OffsetDateTime reconsentDue;

    @Column(name = "preferred_moments", nullable = false)
    public String preferredMoments = "[]";

    @Column(name = "previous_invitation_at")
    public OffsetDateTime previousInvitationAt;

    @Column(name = "history_known_since")
    public OffsetDateTime historyKnownSince;

    @Version
    public long version;

    public boolean is(Status s) {
        return s.name().equals(status);
    }

    public List<String> preferredMoments() {
        return StoredJson.read(preferredMoments, new TypeReference<>() {});
    }

    public static PanelMember of(UUID panelId, String tenantRef) {
        return find("panelId = ?1 and tenantRef = ?2", panelId, tenantRef).firstResult();
    }
}
