package nl.meedoen.recruitment.campaign;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {
    /**
     * DRAWN: seated by a lottery; SEATED: seated without one (everyone, appointed, or first come); CANCELLED: called off
     * by the organiser (everyone involved is told), ENDED: its (last) term is over — both final.
     */
    public enum Status {
        DRAFT,
        OPEN,
        CLOSED,
        DRAWN,
        SEATED,
        CANCELLED,
        ENDED
    }

    /** How a campaign chooses its participants from the sign-ups (toolkit default per {@link Form}). */
    public enum SelectionMode {
        APPOINTMENT,
        OPEN_UP_TO_CAPACITY,
        LOTTERY_WHEN_OVERSUBSCRIBED
    }

    /** How the seats were given without a draw. */
    public enum Seating {
        EVERYONE_SEATED,
        APPOINTED,
        FIRST_COME
    }

    public enum CompensationType {
        NONE,
        PER_SESSION,
        PER_YEAR
    }

    @Id
    public UUID id;

    public String form;

    @Column(name = "organiser_party")
    public String organiserParty;
    /** The tenant organisation's client that created it; null: any tenant organisation may work on it. */
    @Column(name = "organiser_client")
    public String organiserClient;

    public String title;
    public String theme;
    public String mandate;
    public int seats;

    @Column(name = "signup_opens")
    public LocalDate signupOpens;

    @Column(name = "signup_closes")
    public LocalDate signupCloses;

    @Column(name = "term_end")
    public LocalDate termEnd;
    /** JSON list of {@link EligibilityRule}. */
    public String eligibility;

    @Column(name = "compensation_type")
    public String compensationType;

    @Column(name = "compensation_cents")
    public long compensationCents;

    public String status;

    @Column(name = "selection_mode")
    public String selectionMode;
    /** {@link Seating} once seated without a draw; null otherwise (a draw is its own record). */
    public String seating;

    @Column(name = "seated_at")
    public OffsetDateTime seatedAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    /** The tenant organisation (its client) that co-owns a corporation's campaign: it sees it and signs its statement. */
    @Column(name = "partner_organisation")
    public String partnerOrganisation;
    /** JSON {@link CampaignRequests.Statement}; required, and signed by every owning party, before the campaign opens. */
    public String statement;
    /** Who signed the current statement: JSON {party: {client, at}}; null when no one has. */
    @Column(name = "statement_signatures")
    public String statementSignatures;

    @Column(name = "cancelled_reason")
    public String cancelledReason;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    /** 1 for the first term; a standing form's term end with a next term counts up (rotation). */
    @Column(name = "term_number")
    public int termNumber = 1;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    /** What came of it (recommendations, an advice, a report, findings): the feedback mailed to everyone who signed up. */
    public String outcome;

    @Column(name = "outcome_at")
    public OffsetDateTime outcomeAt;

    @Version
    public long version;

    public Status state() {
        return Status.valueOf(status);
    }

    public SelectionMode mode() {
        return selectionMode == null ? SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED : SelectionMode.valueOf(selectionMode);
    }

    /**
     * Whether its participants hold their seats: after the draw or the seating, and in an open-up-to-capacity
     * campaign from the moment of sign-up (an evening's guests have their place as they sign up), and in a later term of a
     * standing form while the free seats are given again (those who stayed keep theirs).
     */
    public boolean participantsSeated() {
        Status s = state();
        return s == Status.DRAWN
                || s == Status.SEATED
                || ((mode() == SelectionMode.OPEN_UP_TO_CAPACITY || termNumber > 1)
                        && (s == Status.OPEN || s == Status.CLOSED));
    }

    /** Cancelled or ended: nothing changes any more. */
    public boolean finished() {
        Status s = state();
        return s == Status.CANCELLED || s == Status.ENDED;
    }
}
