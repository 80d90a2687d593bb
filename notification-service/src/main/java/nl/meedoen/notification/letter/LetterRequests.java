package nl.meedoen.notification.letter;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the letters API. */
public final class LetterRequests {

    private LetterRequests() {}

    @Schema(name = "ReturnedLetters")
    public record Returned(@Schema(required = true) List<UUID> deliveryIds) {}
}
