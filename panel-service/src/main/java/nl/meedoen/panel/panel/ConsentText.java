package nl.meedoen.panel.panel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One version of a panel's consent text: what members agree to. */
@Entity
@Table(name = "consent_text")
public class ConsentText extends PanacheEntityBase {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "panel_id")
        public UUID panelId;

        public int version;

        public Key() {}

        public Key(UUID panelId, int version) {
            this.panelId = panelId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.panelId.equals(panelId) && k.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(panelId, version);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String text;

    @Column(name = "published_at", nullable = false)
    public OffsetDateTime publishedAt;

    @Column(name = "published_by_party", nullable = false)
    public String publishedByParty;

    @Column(name = "reconsent_days")
    public Integer reconsentDays;

    public static ConsentText of(UUID panelId, int version) {
        return findById(new Key(panelId, version));
    }
}
