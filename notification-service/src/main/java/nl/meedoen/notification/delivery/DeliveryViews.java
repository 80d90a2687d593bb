package nl.meedoen.notification.delivery;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the unsubscribe and preferences API. */
public final class DeliveryViews {

    private DeliveryViews() {}

    /** The opt-outs a preferences page shows and changes through the link. */
    public record Preferences(
            @Schema(description = "The tenant's language (ISO 639-1), for the page", example = "nl")
            String language,

            @Schema(
                    description = "What this message's link opts out of (its purpose; everything for feedback): the "
                            + "one-click POST's scope",
                    example = "recruitment")
            String messageScope,

            @Schema(
                    description = "Every purpose a tenant can opt out of; all: every non-transactional message",
                    example = "[\"consultation\",\"panel\",\"recruitment\",\"tenant-organisation\",\"all\"]")
            List<String> scopes,

            @Schema(description = "The purposes the tenant has opted out of now", example = "[\"recruitment\"]")
            List<String> optedOut) {}

    /** The outcome of a one-click unsubscribe. */
    public record Unsubscribed(String purpose, boolean changed) {}
}
