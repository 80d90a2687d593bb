package nl.meedoen.population;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import nl.meedoen.commons.contracts.TenantProfileV1;

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

    void take(TenantProfileV1 profile) {
        complexId = profile.complexId();
        neighbourhoodCode = profile.neighbourhoodCode();
        ageBand = profile.ageBand();
        householdType = profile.householdType();
        dwellingType = profile.dwellingType();
        tenancyBand = profile.tenancyBand();
        language = profile.language();
        householdKey = profile.householdKey();
    }

    TenantProfileV1 profile() {
        return new TenantProfileV1(
                tenantRef,
                complexId,
                neighbourhoodCode,
                ageBand,
                householdType,
                dwellingType,
                tenancyBand,
                language,
                householdKey);
    }
}
