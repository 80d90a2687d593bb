package nl.meedoen.notification.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant organisation or residents' committee; its contact email is personal data, which is why it lives here. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    public String id;

    @Version
    public long version;

    public String name;

    /** {@code TENANT_ORGANISATION} or {@code RESIDENTS_COMMITTEE}. */
    public String kind;

    @Column(name = "complex_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] complexIds;

    /** The JWT subjects that act for this organisation. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] clients;

    @Column(name = "contact_email")
    public String contactEmail;

    public boolean active;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
