package nl.meedoen.consultation.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A consultation. JSON columns hold multilingual texts and small settings. {@code @DynamicUpdate}:
 * the scheduler moves the invitation cursor with plain SQL, and an API update must not write back
 * a stale cursor.
 */
@Entity
@Table(name = "consultation")
@DynamicUpdate
public class Consultation extends PanacheEntityBase {

    public enum Kind {
        SURVEY,
        PWE
    }

    public enum Status {
        DRAFT,
        OPEN,
        CLOSED,
        RESULTS_PUBLISHED,
        FEEDBACK_PUBLISHED
    }

    public enum Anonymity {
        ANONYMOUS,
        PSEUDONYMOUS
    }

    /**
     * NOT_GIVEN: the other party was asked but did not decide before the consultation opened (a corporation's
     * consultation after {@code meedoen.consultation.alignment-period}; a tenant organisation's own poll at any time).
     */
    public enum AlignmentStatus {
        NOT_APPLICABLE,
        PENDING,
        AGREED,
        DISAGREED,
        NOT_GIVEN
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String languages;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "initiator_party", nullable = false)
    public String initiatorParty;

    @Column(name = "initiator_client", nullable = false)
    public String initiatorClient;

    @Column(name = "partner_organisation")
    public String partnerOrganisation;

    @Column(nullable = false)
    public String anonymity;

    @Column(nullable = false)
    public String audience;

    @Column(name = "opens_at")
    public OffsetDateTime opensAt;

    @Column(name = "closes_at")
    public OffsetDateTime closesAt;

    @Column(nullable = false)
    public String reminders;

    @Column(name = "reminders_requested", nullable = false)
    public int remindersRequested;

    public String statement;

    /** Who signed the current statement: JSON {party: {client, at}}; null when no one has. */
    @Column(name = "statement_signatures")
    public String statementSignatures;

    @Column(name = "questionnaire_version", nullable = false)
    public int questionnaireVersion;

    @Column(name = "alignment_status", nullable = false)
    public String alignmentStatus;

    @Column(name = "alignment_by")
    public String alignmentBy;

    @Column(name = "alignment_at")
    public OffsetDateTime alignmentAt;

    @Column(name = "alignment_version")
    public Integer alignmentVersion;

    @Column(name = "alignment_comment")
    public String alignmentComment;

    /** When the current alignment decision was asked for (it became PENDING). */
    @Column(name = "alignment_requested_at")
    public OffsetDateTime alignmentRequestedAt;

    /** A tenant organisation's own poll: since when the corporation may read its raw responses (null: it may not). */
    @Column(name = "corporation_access_granted_at")
    public OffsetDateTime corporationAccessGrantedAt;

    @Column(name = "corporation_access_granted_by")
    public String corporationAccessGrantedBy;

    @Column(name = "schedule_problem")
    public String scheduleProblem;

    @Column(name = "invitations_done", nullable = false)
    public boolean invitationsDone;

    @Column(name = "invitations_cursor")
    public String invitationsCursor;

    public String feedback;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "results_published_at")
    public OffsetDateTime resultsPublishedAt;

    @Column(name = "feedback_published_at")
    public OffsetDateTime feedbackPublishedAt;

    @Version
    @Column(nullable = false)
    public long version;

    public Status state() {
        return Status.valueOf(status);
    }

    public boolean is(Status s) {
        return status.equals(s.name());
    }

    /** 409 {@code wrong-status} naming the status, unless the consultation is in one of {@code allowed}. */
    public void requireStatus(Status... allowed) {
        for (Status s : allowed) {
            if (is(s)) {
                return;
            }
        }
        throw new nl.meedoen.commons.problem.ProblemException(
                409,
                "wrong-status",
                "Not possible in this status",
                "the consultation is " + status + "; this needs " + java.util.List.of(allowed),
                null);
    }

    /** A new other party, or new questions, need a new alignment decision. */
    public void resetAlignment() {
        boolean otherParty = nl.meedoen.commons.security.Roles.TENANT_ORGANISATION.equals(initiatorParty)
                || partnerOrganisation != null;
        alignmentStatus = (otherParty ? AlignmentStatus.PENDING : AlignmentStatus.NOT_APPLICABLE).name();
        alignmentRequestedAt = otherParty ? OffsetDateTime.now(java.time.ZoneOffset.UTC) : null;
        alignmentBy = null;
        alignmentAt = null;
        alignmentVersion = null;
        alignmentComment = null;
    }

    /** A tenant organisation's own constituency poll (§3.5): private to it. */
    public boolean ownPoll() {
        return nl.meedoen.commons.security.Roles.TENANT_ORGANISATION.equals(initiatorParty);
    }

    public boolean resultsPublished() {
        return is(Status.RESULTS_PUBLISHED) || is(Status.FEEDBACK_PUBLISHED);
    }

    public boolean anonymous() {
        return Anonymity.ANONYMOUS.name().equals(anonymity);
    }
}
