package nl.meedoen.notification.optout;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.notification.NotificationConfig;

/**
 * The opt-out short code a letter prints instead of its opt-out link ({@code K7QM-3XTR-9P}, commons {@link ShortCodes}),
 * typed on the preferences page by a tenant who cannot type a link. Derived from the delivery id under
 * {@code meedoen.notification.code-secret}, so a reprinted letter carries the same code; the database keeps only its
 * HMAC ({@link #hash}) to look the delivery up by. The unsubscribe routes take it wherever they take the link's token.
 */
@ApplicationScoped
public class OptOutCodes {

    static final String PROPERTY = "meedoen.notification.code-secret";

    private final SecretKeySpec key;

    @jakarta.inject.Inject
    public OptOutCodes(NotificationConfig config) {
        this(config.codeSecret());
    }

    public OptOutCodes(String secret) {
        this.key = ShortCodes.key(secret, PROPERTY);
    }

    /** A short secret stops the service at start-up, not at the first letter. */
    void check(@Observes StartupEvent started) {}

    /** The code of a delivery's letter. */
    public String code(UUID deliveryId) {
        return ShortCodes.of(ShortCodes.hmac(key, "optout-code:" + deliveryId));
    }

    /** What the database stores and looks a code up by; {@code typed} must be a code ({@link #isCode}). */
    public String hash(String typed) {
        return ShortCodes.hash(typed, key);
    }

    /** Whether what came in the path is a short code as typed (a link's 43-character token never is). */
    public static boolean isCode(String typed) {
        return ShortCodes.normal(typed) != null;
    }
}
