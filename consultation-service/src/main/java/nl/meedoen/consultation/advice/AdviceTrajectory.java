package nl.meedoen.consultation.advice;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An advice trajectory ((on)gevraagd advies, toolkit §3): the tenant organisation advises the corporation on a
 * subject, prepared with consultations and campaigns as its basis ("onderlegger"), and the corporation answers every
 * recommendation. JSON columns hold the small lists. {@code @DynamicUpdate}: the scheduler marks the feedback done with
 * plain SQL.
 */
@Entity
@Table(name = "advice_trajectory")
@DynamicUpdate
public class AdviceTrajectory extends PanacheEntityBase {

    /** REQUESTED: asked for by the corporation ("gevraagd"); UNSOLICITED: started by the tenant organisation ("ongevraagd"). */
    public enum Origin {
        REQUESTED,
        UNSOLICITED
    }

    public enum Status {
        REQUESTED,
        IN_PREPARATION,
        ADVICE_GIVEN,
        RESPONSE_GIVEN,
        CLOSED
    }

    public enum Answer {
        ADOPTED,
        ADOPTED_IN_PART,
        NOT_ADOPTED
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String origin;

    @Column(nullable = false)
    public String status;

    /** The advising tenant organisation (its client id). */
    @Column(nullable = false)
    public String organisation;

    @Column(nullable = false)
    public String subject;

    public String description;

    @Column(nullable = false)
    public String documents;

    @Column(nullable = false)
    public LocalDate deadline;

    @Column(name = "linked_consultation_ids", nullable = false)
    public String linkedConsultationIds;

    @Column(name = "linked_campaign_ids", nullable = false)
    public String linkedCampaignIds;

    public String recommendations;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "advice_given_at")
    public OffsetDateTime adviceGivenAt;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "feedback_done", nullable = false)
    public boolean feedbackDone;

    @Version
    public int version;

    public boolean is(Status s) {
        return status.equals(s.name());
    }
}
