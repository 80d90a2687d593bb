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
    public enum Status { DRAFT, OPEN, CLOSED, DRAWN }

    public enum CompensationType { NONE, PER_SESSION, PER_YEAR }

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
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;

    public Status state() {
        return Status.valueOf(status);
    }
}
