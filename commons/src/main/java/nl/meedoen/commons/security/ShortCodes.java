package nl.meedoen.commons.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short code a letter prints beside its QR code, for typing instead of scanning: 10 symbols of Crockford's base32
 * (50 bits) in groups, {@code K7QM-3XTR-9P}. Each service derives its codes from its own link (so link and code lead to
 * the same place) and stores only {@link #hash}, an HMAC under a secret of the service: a plain hash would not do, as
 * 2^50 codes can be hashed through in hours by whoever reads the table.
 *
 * <p>Typed codes are read generously ({@link #normal}): case, spaces and dashes do not matter, O reads as 0 and I and L
 * as 1, and digits typed on an Arabic or Persian keyboard count as the digits they are.
 */
public final class ShortCodes {

    /** Crockford's base32: digits and letters without I, L, O and U, so nothing reads as something else. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static final int LENGTH = 10;

    /** The shortest secret {@link #key} accepts: 32 characters, 256 bits when random. */
    public static final int MIN_SECRET_LENGTH = 32;

    private ShortCodes() {}

    /** The code of a digest (at least 8 bytes; its first 50 bits are used), grouped for reading. */
    public static String of(byte[] digest) {
        long bits = ByteBuffer.wrap(digest).getLong() >>> (64 - 5 * LENGTH);
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
     * The code as typed, made canonical (ten symbols, no dashes); null when it is not a short code (a link's 43-character
     * token is not one).
     */
    public static String normal(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder normal = new StringBuilder(LENGTH);
        for (char c : typed.toCharArray()) {
            if (Character.getType(c) == Character.DASH_PUNCTUATION || Character.isWhitespace(c) || c == '\u00a0') {
                continue;
            }
            int digit = Character.isDigit(c) ? Character.digit(c, 10) : -1; // ٣ and ۳ are a 3
            char u = digit >= 0 ? (char) ('0' + digit) : Character.toUpperCase(c);
            u = u == 'O' ? '0' : u == 'I' || u == 'L' ? '1' : u;
            if (ALPHABET.indexOf(u) < 0 || normal.length() == LENGTH) {
                return null;
            }
            normal.append(u);
        }
        return normal.length() == LENGTH ? normal.toString() : null;
    }

    /**
     * The HMAC key of a service's secret, refused when it is shorter than {@link #MIN_SECRET_LENGTH}; services call this
     * at start-up, so a weak secret stops the service instead of failing the first letter.
     */
    public static SecretKeySpec key(String secret, String property) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(property + " must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** What the database stores and looks a code up by; the code as typed must be one ({@link #normal}). */
    public static String hash(String typed, SecretKeySpec key) {
        String normal = normal(typed);
        if (normal == null) {
            throw new IllegalArgumentException("not a short code");
        }
        return HexFormat.of().formatHex(hmac(key, "short-code-hash:" + normal));
    }

    /** HMAC-SHA256 of a labelled message: the derivation a service's codes may use. */
    public static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
