package nl.meedoen.recruitment.signup;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.spec.SecretKeySpec;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.recruitment.RecruitmentConfig;

/**
 * The short code an outreach message carries beside its sign-up link, for typing on the sign-up page instead of
 * scanning the letter's QR code ({@link ShortCodes}). Derived from the link's random token, so link and code lead to the
 * same invitation; the database keeps only its keyed hash under {@code recruitment.code-secret}.
 */
@ApplicationScoped
public class SignupCodes {

    @Inject
    RecruitmentConfig config;

    private SecretKeySpec key;

    /** A weak secret stops the service at start-up, not its first outreach. */
    void checkSecret(@Observes StartupEvent start) {
        key();
    }

    private SecretKeySpec key() {
        if (key == null) {
            key = ShortCodes.key(config.codeSecret(), RecruitmentConfig.PREFIX + ".code-secret");
        }
        return key;
    }

    /** The short code of a sign-up token. */
    public static String of(String token) {
        try {
            return ShortCodes.of(MessageDigest.getInstance("SHA-256")
                    .digest(("short-code:" + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the database stores and looks a typed code up by (it must be one: {@link ShortCodes#normal}). */
    public String hash(String code) {
        return ShortCodes.hash(code, key());
    }
}
