package nl.meedoen.consultation.feedback;

import jakarta.validation.constraints.NotEmpty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the feedback API. */
public final class FeedbackRequests {

    private FeedbackRequests() {}

    @Schema(name = "FeedbackRequest")
    public record FeedbackRequest(
            @NotEmpty @Schema(description = "language → text")
            Map<String, String> text) {}
}
