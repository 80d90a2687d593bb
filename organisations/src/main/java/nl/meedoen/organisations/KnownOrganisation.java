package nl.meedoen.organisations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A tenant organisation or residents' committee as registered in notification-service and published on
 * {@code organisations.v1}: who it is and which JWT subjects act for it, never its contact data.
 */
@Entity
@Table(name = "known_organisation")
public class KnownOrganisation extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String kind;

    public boolean active;

    @Column(name = "complex_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] complexIds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] clients;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Whether {@code id} names a registered organisation that is active: the only kind a consultation or campaign may name. */
    public static boolean isActive(String id) {
        return id != null && count("id = ?1 and active = true", id) > 0;
    }

    /**
     * The organisation a tenant-organisation caller acts for: the active organisation whose clients contain its JWT
     * subject; when none does, the subject itself, so a client keeps working before its organisation is registered.
     */
    public static String actingFor(String subject) {
        @SuppressWarnings("unchecked")
        List<String> ids = getEntityManager()
                .createNativeQuery(
                        "SELECT id FROM known_organisation WHERE active AND ?1 = ANY(clients) ORDER BY id LIMIT 1")
                .setParameter(1, subject)
                .getResultList();
        return ids.isEmpty() ? subject : ids.get(0);
    }
}
