package nl.meedoen.recruitment.signup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "signup")
public class Signup extends PanacheEntityBase {
    public enum Source {
        MAILING,
        LETTER,
        EVENT,
        NEWSPAPER,
        WEBSITE
    }

    /** TERM_ENDED: held a seat in an earlier term of a standing form and did not stay. */
    public enum Outcome {
        SELECTED,
        WAITLISTED,
        NOT_SELECTED,
        DECLINED,
        CONFIRMED,
        TERM_ENDED
    }

    public static final String ACTIVE = "ACTIVE";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Id
    public UUID id;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "tenant_ref")
    public String tenantRef;

    public String motivation;
    public String expertise;
    public String availability;
    public String source;
    public String status;
    public String outcome;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    /** Outside a draw: why the organising board appointed this tenant (or kept them as reserve). */
    @Column(name = "selection_reason")
    public String selectionReason;
    /** Outside a draw: the client that appointed. */
    @Column(name = "selected_by")
    public String selectedBy;
    /** Outside a draw: when the seat or the waitlist place was given; the waitlist goes in this order. */
    @Column(name = "placed_at")
    public OffsetDateTime placedAt;
    /** Appointed by the corporation in a campaign with a partner tenant organisation, not yet confirmed by that partner. */
    @Column(name = "awaiting_partner")
    public boolean awaitingPartner;

    public static List<Signup> active(UUID campaignId) {
        return list("campaignId = ?1 and status = ?2 order by createdAt, id", campaignId, ACTIVE);
    }

    public static List<Signup> all(UUID campaignId) {
        return list("campaignId = ?1 order by createdAt, id", campaignId);
    }

    /** Active sign-ups with this outcome, in the order their place was given (the waitlist's order outside a draw). */
    public static List<Signup> withOutcome(UUID campaignId, Outcome outcome) {
        return list(
                "campaignId = ?1 and status = ?2 and outcome = ?3 order by placedAt, createdAt, id",
                campaignId,
                ACTIVE,
                outcome.name());
    }

    /** Active sign-ups holding a seat (selected or confirmed). */
    public static long seated(UUID campaignId) {
        return count(
                "campaignId = ?1 and status = ?2 and outcome in ?3",
                campaignId,
                ACTIVE,
                List.of(Outcome.SELECTED.name(), Outcome.CONFIRMED.name()));
    }

    /** Active appointments still waiting for the partner tenant organisation's confirmation, in the order appointed. */
    public static List<Signup> awaitingPartner(UUID campaignId) {
        return list(
                "campaignId = ?1 and status = ?2 and awaitingPartner = true order by placedAt, createdAt, id",
                campaignId,
                ACTIVE);
    }

    public static Signup of(UUID campaignId, String tenantRef) {
        return find("campaignId = ?1 and tenantRef = ?2", campaignId, tenantRef).firstResult();
    }
}
