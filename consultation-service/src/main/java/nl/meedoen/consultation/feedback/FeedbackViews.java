package nl.meedoen.consultation.feedback;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the feedback API. */
public final class FeedbackViews {

    private FeedbackViews() {}

    @Schema(name = "Feedback")
    public record Feedback(UUID consultationId, Map<String, String> text, OffsetDateTime publishedAt) {}
}
