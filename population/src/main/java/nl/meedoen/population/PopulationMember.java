package nl.meedoen.population;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One tenant of the population, without personal contact data. */
@Entity
@Table(name = "population_member")
public class PopulationMember extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_ref")
    public String tenantRef;

    @Column(name = "complex_id")
    public String complexId;

    @Column(name = "neighbourhood_code")
    public String neighbourhoodCode;

    @Column(name = "age_band")
    public String ageBand;

    @Column(name = "household_type")
    public String householdType;

    @Column(name = "dwelling_type")
    public String dwellingType;

    @Column(name = "tenancy_band")
    public String tenancyBand;

    public String language;

    @Column(name = "household_key")
    public String householdKey;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
