package nl.meedoen.recruitment.compensation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A volunteer allowance paid to a tenant outside the platform in a calendar year: the yearly cap counts it. */
@Entity
@Table(name = "compensation_paid_elsewhere")
public class PaidElsewhere extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_ref")
    public String tenantRef;

    public int year;

    @Column(name = "amount_cents")
    public long amountCents;

    public String note;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
