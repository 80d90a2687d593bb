package nl.meedoen.consultation.invitation;

import jakarta.enterprise.context.ApplicationScoped;
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

    byte[] secret() {
        if (secret == null) {
            String s = config.tokenSecret();
            if (s == null || s.length() < 32) {
                throw new IllegalStateException("meedoen.consultation.token-secret must be at least 32 characters");
            }
            secret = s.getBytes(StandardCharsets.UTF_8);
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

    /** Crockford's base32: digits and letters without I, L, O and U, so nothing reads as something else. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static final int SHORT_CODE_LENGTH = 10;

    /**
     * The short code a letter prints for typing: 10 symbols of base32 (50 bits), derived like the
     * token (HMAC of the invitation id, under its own label) so that a reminder carries the same
     * code, and shown in groups: {@code K7QM-3XTR-9P}.
     */
    public String shortCode(UUID invitationId) {
        byte[] raw = hmac(secret(), "short-code:" + invitationId);
        long bits = ByteBuffer.wrap(raw).getLong() >>> (64 - 5 * SHORT_CODE_LENGTH);
        StringBuilder code = new StringBuilder(SHORT_CODE_LENGTH + 2);
        for (int i = SHORT_CODE_LENGTH - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) (bits >>> (5 * i)) & 31));
            if (i == 6 || i == 2) {
                code.append('-');
            }
        }
        return code.toString();
    }

    /**
     * What the database stores and looks short codes up by: an HMAC under the secret, not a plain
     * hash, because 2^50 codes could be hashed through in hours by whoever read the table.
     */
    public String shortCodeHash(String code) {
        String normal = normalShortCode(code);
        if (normal == null) {
            throw new IllegalArgumentException("not a short code");
        }
        return HexFormat.of().formatHex(hmac(secret(), "short-code-hash:" + normal));
    }

    /**
     * The code as typed, made canonical: case, spaces and dashes do not matter, and the letters
     * Crockford reads as digits (O as 0, I and L as 1) are read so; null when it is not a short code.
     */
    public static String normalShortCode(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder normal = new StringBuilder(SHORT_CODE_LENGTH);
        for (char c : typed.toCharArray()) {
            char u = Character.toUpperCase(c);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            u = u == 'O' ? '0' : u == 'I' || u == 'L' ? '1' : u;
            if (ALPHABET.indexOf(u) < 0 || normal.length() == SHORT_CODE_LENGTH) {
                return null;
            }
            normal.append(u);
        }
        return normal.length() == SHORT_CODE_LENGTH ? normal.toString() : null;
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
