package nl.meedoen.consultation.invitation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.meedoen.consultation.ConsultationConfig;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

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
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, draftKey(token), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String decrypt(String token, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, draftKey(token), new GCMParameterSpec(128, stored, 0, 12));
            return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("draft cannot be decrypted", e);
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
