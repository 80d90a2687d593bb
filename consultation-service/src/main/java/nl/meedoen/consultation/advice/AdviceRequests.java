package nl.meedoen.consultation.advice;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the advice trajectory API. */
public final class AdviceRequests {

    private AdviceRequests() {}

    @Schema(name = "AdviceTrajectoryRequest")
    public record TrajectoryRequest(
            @Schema(
                    description =
                            "The advising tenant organisation (client id); required for the corporation, the caller's own for a tenant organisation")
            String organisation,

            @Schema(required = true, maxLength = 300) String subject,
            @Schema(maxLength = 5000) String description,

            @Schema(description = "Links to documents (at most 20)")
            List<Document> documents,

            @Schema(required = true, description = "The day the advice is due (ISO date)", example = "2027-03-31")
            String deadline,

            @Schema(description = "Consultations that are its basis (onderlegger)")
            List<UUID> consultationIds,

            @Schema(description = "Campaigns (recruitment-service) that are its basis")
            List<UUID> campaignIds) {}

    @Schema(name = "AdviceDocument")
    public record Document(
            @Schema(required = true, maxLength = 300) String title,

            @Schema(required = true, description = "http(s) URL")
            String url) {}

    @Schema(name = "AdviceLinks")
    public record Links(List<UUID> consultationIds, List<UUID> campaignIds) {}

    @Schema(name = "AdviceRequest")
    public record Advice(
            @Schema(required = true, description = "1 to 50 recommendations, numbered in this order")
            List<RecommendationText> recommendations) {}

    @Schema(name = "AdviceRecommendationText")
    public record RecommendationText(
            @Schema(required = true, maxLength = 5000) String text) {}

    @Schema(name = "AdviceResponseRequest")
    public record Response(
            @Schema(required = true, description = "One answer per recommendation")
            List<AnswerRequest> answers) {}

    @Schema(name = "AdviceAnswer")
    public record AnswerRequest(
            @Schema(required = true) Integer number,

            @Schema(
                    required = true,
                    enumeration = {"ADOPTED", "ADOPTED_IN_PART", "NOT_ADOPTED"})
            String answer,

            @Schema(required = true, maxLength = 5000) String reason) {}
}
