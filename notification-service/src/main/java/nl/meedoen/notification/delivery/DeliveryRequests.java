package nl.meedoen.notification.delivery;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the delivery API: bounces and a tenant's preferences. */
public final class DeliveryRequests {

    private DeliveryRequests() {}

    @Schema(name = "Bounce")
    public record Bounce(
            @Schema(required = true, description = "From the X-Meedoen-Delivery header of the bounced message")
            UUID deliveryId,

            @Schema(required = true) BounceType type,
            @Schema(example = "550 5.1.1 mailbox unknown") String diagnostic) {}

    /** The opt-outs the tenant wants: every purpose listed opted out, every other one not. */
    public record PreferencesIn(
            @Schema(description = "Purposes to opt out of (of scopes); the others are opted in again", required = true)
            List<String> optedOut) {}

    public enum BounceType {
        HARD,
        SOFT,
        COMPLAINT
    }
}
