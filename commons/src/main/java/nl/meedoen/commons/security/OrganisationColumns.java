package nl.meedoen.commons.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What every service knows of a tenant organisation or residents' committee: who it is, where it acts and which JWT
 * subjects act for it. notification-service's register and the other services' read model are two tables in two
 * databases with these same columns; this is their one declaration.
 */
@MappedSuperclass
public abstract class OrganisationColumns extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    /** {@code TENANT_ORGANISATION} or {@code RESIDENTS_COMMITTEE}. */
    public String kind;

    @Column(name = "complex_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] complexIds;

    /** The JWT subjects that act for this organisation. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] clients;

    public boolean active;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
