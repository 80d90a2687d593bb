package nl.meedoen.panel.panel;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.security.Roles;

/** A standing panel: who owns it, whom it should look like, and how often members may be asked. */
@Entity
@Table(name = "panel")
public class Panel extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String purpose;

    @Column(name = "owner_party", nullable = false)
    public String ownerParty;

    @Column(name = "co_owner_party")
    public String coOwnerParty;

    /** The tenant organisation's client id when it owns or co-owns the panel. */
    @Column(name = "tenant_organisation")
    public String tenantOrganisation;

    @Column(name = "target_size", nullable = false)
    public int targetSize;

    @Column(nullable = false)
    public String strata;

    @Column(name = "target_composition", nullable = false)
    public String targetComposition;

    @Column(name = "fatigue_cap", nullable = false)
    public int fatigueCap;

    @Column(name = "cooldown_days", nullable = false)
    public int cooldownDays;

    @Column(name = "membership_term_months")
    public Integer membershipTermMonths;

    @Column(name = "consent_version", nullable = false)
    public int consentVersion;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Version
    public long version;

    public List<String> strata() {
        return StoredJson.read(strata, new TypeReference<>() {});
    }

    public Map<String, Map<String, Double>> targetComposition() {
        return StoredJson.read(targetComposition, new TypeReference<>() {});
    }

    /** Whether the party (and, for a tenant organisation, its client id) owns or co-owns this panel. */
    public boolean isOn(String party, String client) {
        if (Roles.CORPORATION.equals(party)) {
            return Roles.CORPORATION.equals(ownerParty) || Roles.CORPORATION.equals(coOwnerParty);
        }
        if (Roles.TENANT_ORGANISATION.equals(party)) {
            return client != null && client.equals(tenantOrganisation);
        }
        return false;
    }

    /** The party other than {@code party} on this panel, or null when it has none. */
    public String otherParty(String party) {
        if (party.equals(ownerParty)) {
            return coOwnerParty;
        }
        return party.equals(coOwnerParty) ? ownerParty : null;
    }
}
