package nl.meedoen.consultation.advice;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.meedoen.consultation.advice.AdviceRequests.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the advice trajectory API. */
public final class AdviceViews {

    private AdviceViews() {}

    /** A recommendation as stored and shown: answer and reason are null until the corporation answered. */
    @Schema(name = "AdviceRecommendation")
    public record Recommendation(int number, String text, String answer, String reason) {}

    @Schema(name = "AdviceTrajectory")
    public record View(
            UUID id,
            String origin,
            String status,
            String organisation,
            String subject,
            String description,
            List<Document> documents,
            LocalDate deadline,

            @Schema(description = "The deadline has passed and the advice is not given yet")
            boolean overdue,

            List<UUID> linkedConsultationIds,
            List<UUID> linkedCampaignIds,
            List<Recommendation> recommendations,
            OffsetDateTime createdAt,
            OffsetDateTime adviceGivenAt,
            OffsetDateTime answeredAt,
            OffsetDateTime closedAt) {}

    @Schema(name = "AdviceTrajectorySummary")
    public record Summary(
            UUID id,
            String origin,
            String status,
            String organisation,
            String subject,
            LocalDate deadline,
            boolean overdue) {}

    @Schema(name = "AdviceOverview")
    public record Overview(
            @Schema(description = "Trajectories not closed") int open,

            @Schema(description = "Open trajectories past their deadline without advice")
            int overdue,

            @Schema(description = "The open trajectories, earliest deadline first")
            List<Summary> trajectories) {}
}
