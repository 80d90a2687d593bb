package nl.meedoen.consultation.invitation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.consultation.ConsultationConfig;

/**
 * Invitation tokens: 256 bits, derived as HMAC-SHA256(secret, invitation id) so that a reminder
 * can carry the same link while the database holds only each token's SHA-256. Drafts are
 * encrypted under a key derived from the token, so stored partial answers are unreadable without
 * the respondent's link.
 */
@ApplicationScoped
public class InvitationTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ConsultationConfig config;

    private byte[] secret;

    /** A weak secret stops the service at start-up, not its first invitation. */
    void checkSecret(@Observes StartupEvent start) {
        secret();
    }

    byte[] secret() {
        if (secret == null) {
            secret = ShortCodes.key(config.tokenSecret(), "meedoen.consultation.token-secret")
                    .getEncoded();
        }
        return secret;
    }

    public String token(UUID invitationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] raw = mac.doFinal(("invitation:" + invitationId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The feedback page of an invitation's consultation: {@code meedoen.consultation.feedback-url} with
     * {@code {consultationId}} and {@code {token}} (the invitation's own token, the one its invitation link carried)
     * replaced, so a page can read the feedback with the respondent API in her language. The feedback mail carries it,
     * and the respondent API names it once the consultation is closed (a letter's code typed after closing leads there).
     */
    public String feedbackUrl(UUID consultationId, UUID invitationId) {
        String url = config.feedbackUrl().replace("{consultationId}", consultationId.toString());
        return url.contains("{token}") ? url.replace("{token}", token(invitationId)) : url;
    }

    /**
     * The short code a letter prints for typing, derived like the token (HMAC of the invitation id, under its own label)
     * so that a reminder carries the same code.
     */
    public String shortCode(UUID invitationId) {
        return ShortCodes.of(hmac(secret(), "short-code:" + invitationId));
    }

    /** What the database stores and looks a typed short code up by (it must be one: {@link ShortCodes#normal}). */
    public String shortCodeHash(String code) {
        return ShortCodes.hash(code, new SecretKeySpec(secret(), "HmacSHA256"));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the database stores and looks tokens up by. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256("token:" + token));
    }

    /** A keyed digest of a request body: matches a retry, but cannot be recomputed from stored responses without the token. */
    public static String digest(String token, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sha256("digest:" + token), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] encrypt(String token, String plaintext) {
        return seal(draftKey(token), plaintext);
    }

    public static String decrypt(String token, byte[] stored) {
        return open(draftKey(token), stored, "draft");
    }

    /**
     * Seals an ANONYMOUS response while it waits to be released with others: under a key derived from the secret,
     * which the database never holds, so whoever reads the database sees that an invitation completed, not how.
     */
    public byte[] sealAnonymous(String plaintext) {
        return seal(anonymousKey(), plaintext);
    }

    public String openAnonymous(byte[] stored) {
        return open(anonymousKey(), stored, "waiting anonymous response");
    }

    private SecretKeySpec anonymousKey() {
        return new SecretKeySpec(hmac(secret(), "anonymous-pending:v1"), "AES");
    }

    /** AES-GCM with a random 96-bit IV, stored in front of the ciphertext. */
    private static byte[] seal(SecretKeySpec key, String plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String open(SecretKeySpec key, byte[] stored, String what) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, 12));
            return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(what + " cannot be decrypted", e);
        }
    }

    private static SecretKeySpec draftKey(String token) {
        return new SecretKeySpec(sha256("draft:" + token), "AES");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
