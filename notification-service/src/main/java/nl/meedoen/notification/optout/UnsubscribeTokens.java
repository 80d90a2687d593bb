package nl.meedoen.notification.optout;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.meedoen.notification.NotificationConfig;

/**
 * One-click unsubscribe tokens: the delivery id (122 random bits) followed by a 128-bit HMAC of it
 * under a secret only this service holds, URL-safe base64 (43 characters). Forged tokens are refused
 * without a database hit; the database keeps only the token's SHA-256, so a copy of it yields no
 * working links. The token can be derived again for the same delivery (a reprinted letter).
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private final SecretKeySpec key;

    @jakarta.inject.Inject
    public UnsubscribeTokens(NotificationConfig config) {
        this(config.linkSecret());
    }

    public UnsubscribeTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("meedoen.notification.link-secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(UUID deliveryId) {
        byte[] id = bytes(deliveryId);
        byte[] token = Arrays.copyOf(id, 32);
        System.arraycopy(mac(id), 0, token, 16, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The delivery id when the token is genuine. */
    public Optional<UUID> verify(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 32) {
            return Optional.empty();
        }
        byte[] id = Arrays.copyOf(raw, 16);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(raw, 16, 32), Arrays.copyOf(mac(id), 16))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(id);
        return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
    }

    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
