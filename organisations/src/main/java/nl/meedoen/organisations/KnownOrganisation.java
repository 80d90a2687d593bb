package nl.meedoen.organisations;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import nl.meedoen.commons.security.OrganisationColumns;

/**
 * A tenant organisation or residents' committee as registered in notification-service and published on
 * {@code organisations.v1}: who it is and which JWT subjects act for it, never its contact data.
 */
@Entity
@Table(name = "known_organisation")
public class KnownOrganisation extends OrganisationColumns {

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
