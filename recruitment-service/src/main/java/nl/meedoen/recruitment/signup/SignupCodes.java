package nl.meedoen.recruitment.signup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short code an outreach message carries beside its sign-up link, for typing on the sign-up page instead of
 * scanning the letter's QR code: 10 symbols of Crockford's base32 (50 bits) in groups, {@code K7QM-3XTR-9P}, as
 * consultation-service prints on its letters. Derived from the link's random token, so link and code lead to the same
 * invitation; the database keeps only an HMAC of the code under {@code recruitment.code-secret} to look it up by (not a
 * plain hash: 2^50 codes could be hashed through in hours by whoever read the table). Case, spaces and dashes do not
 * matter.
 */
public final class SignupCodes {

    /** Crockford's base32: digits and letters without I, L, O and U, so nothing reads as something else. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static final int LENGTH = 10;

    private SignupCodes() {}

    /** The short code of a sign-up token. */
    public static String of(String token) {
        byte[] raw = sha256("short-code:" + token);
        long bits = ByteBuffer.wrap(raw).getLong() >>> (64 - 5 * LENGTH);
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = LENGTH - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) (bits >>> (5 * i)) & 31));
            if (i == 6 || i == 2) {
                code.append('-');
            }
        }
        return code.toString();
    }

    /**
     * What the database stores and looks a code up by (of the code as typed; it must be one: {@link #normal}): an HMAC
     * under the secret (at least 32 characters).
     */
    public static String hash(String code, String secret) {
        String normal = normal(code);
        if (normal == null) {
            throw new IllegalArgumentException("not a short code");
        }
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("recruitment.code-secret must be at least 32 characters");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(("short-code-hash:" + normal).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The code as typed, made canonical: case, spaces and dashes do not matter, and the letters Crockford reads as
     * digits (O as 0, I and L as 1) are read so; null when it is not a short code (a link's 43-character token is not).
     */
    public static String normal(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder normal = new StringBuilder(LENGTH);
        for (char c : typed.toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char u = Character.toUpperCase(c);
            u = u == 'O' ? '0' : u == 'I' || u == 'L' ? '1' : u;
            if (ALPHABET.indexOf(u) < 0 || normal.length() == LENGTH) {
                return null;
            }
            normal.append(u);
        }
        return normal.length() == LENGTH ? normal.toString() : null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
