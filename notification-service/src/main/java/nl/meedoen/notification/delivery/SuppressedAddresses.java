package nl.meedoen.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Email addresses never mailed again after a hard bounce or complaint, kept only as a hash. */
@ApplicationScoped
public class SuppressedAddresses {

    @Inject
    EntityManager em;

    public static String hash(String email) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isSuppressed(String email) {
        return email != null && !suppressed(List.of(email)).isEmpty();
    }

    /** The hashes among these addresses that are suppressed. */
    public Set<String> suppressed(Collection<String> emails) {
        if (emails.isEmpty()) {
            return Set.of();
        }
        String[] hashes = emails.stream().map(SuppressedAddresses::hash).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                        "SELECT address_hash FROM suppressed_address WHERE address_hash = ANY (?1)")
                .setParameter(1, hashes)
                .getResultList();
        return new HashSet<>(rows);
    }

    public void suppress(String email, String reason) {
        em.createNativeQuery(
                        "INSERT INTO suppressed_address (address_hash, reason, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, hash(email))
                .setParameter(2, reason)
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }
}
