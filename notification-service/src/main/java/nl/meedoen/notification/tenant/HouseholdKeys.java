package nl.meedoen.notification.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The household key: an HMAC of the normalised address under a secret only this service knows, so
 * other services can tell "same household" without learning (or guessing) the address.
 */
@ApplicationScoped
public class HouseholdKeys {

    private static final Pattern SUFFIX_SEPARATORS = Pattern.compile("[\\s-]");

    /** Keyed once; each key is computed on a copy (a Mac is not thread-safe, and looking one up costs more than the HMAC). */
    private final Mac keyed;

    public HouseholdKeys(@ConfigProperty(name = "meedoen.household-key.secret") String secret) {
        if (secret.length() < 16) {
            throw new IllegalStateException("meedoen.household-key.secret must be at least 16 characters");
        }
        try {
            this.keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String of(String postcode, int houseNumber, String suffix) {
        String normalised = normalisePostcode(postcode) + "|" + houseNumber + "|"
                + (suffix == null
                        ? ""
                        : SUFFIX_SEPARATORS.matcher(suffix).replaceAll("").toUpperCase(Locale.ROOT));
        return HexFormat.of().formatHex(mac().doFinal(normalised.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private Mac mac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) { // not with the JDK's provider
            throw new IllegalStateException(e);
        }
    }

    /** {@code 1234ab} → {@code 1234 AB}. */
    public static String normalisePostcode(String postcode) {
        String compact = postcode.replace(" ", "").toUpperCase(Locale.ROOT);
        return compact.substring(0, 4) + " " + compact.substring(4);
    }
}
