package nl.meedoen.recruitment.draw;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One party of a campaign's seed ceremony: its commitment (before the draw commitment) and its reveal (after). */
@Entity
@Table(name = "draw_seed_party")
@IdClass(SeedParty.Key.class)
public class SeedParty extends PanacheEntityBase {
    @Id
    @Column(name = "campaign_id")
    public UUID campaignId;

    @Id
    public String party;

    public String commitment;
    public String source;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "committed_at")
    public OffsetDateTime committedAt;

    public String reveal;

    @Column(name = "revealed_by")
    public String revealedBy;

    @Column(name = "revealed_at")
    public OffsetDateTime revealedAt;

    /** The campaign's parties in the order they committed. */
    public static List<SeedParty> of(UUID campaignId) {
        return list("campaignId = ?1 order by committedAt, party", campaignId);
    }

    public static SeedParty of(UUID campaignId, String party) {
        return find("campaignId = ?1 and party = ?2", campaignId, party).firstResult();
    }

    public static class Key implements Serializable {
        public UUID campaignId;
        public String party;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(campaignId, k.campaignId) && Objects.equals(party, k.party);
        }

        @Override
        public int hashCode() {
            return Objects.hash(campaignId, party);
        }
    }
}
