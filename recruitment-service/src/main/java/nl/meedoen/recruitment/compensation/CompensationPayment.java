package nl.meedoen.recruitment.compensation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of the volunteer-allowance ledger: what the scheme asked for and what was paid under the yearly cap. */
@Entity
@Table(name = "compensation_payment")
public class CompensationPayment extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_ref")
    public String tenantRef;

    public int year;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "requested_cents")
    public long requestedCents;

    @Column(name = "paid_cents")
    public long paidCents;

    public boolean capped;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
