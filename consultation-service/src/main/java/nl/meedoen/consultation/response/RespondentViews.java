package nl.meedoen.consultation.response;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.consultation.pwe.PweConstraint;
import nl.meedoen.consultation.questionnaire.Condition;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a respondent's frontend gets: every text in one language, the rules to mirror client-side. */
public final class RespondentViews {

    private RespondentViews() {}

    @Schema(name = "RespondentQuestionnaire")
    public record Questionnaire(
            UUID consultationId,
            String kind,
            String status,
            String language,
            List<String> languages,
            String title,
            String description,
            OffsetDateTime closesAt,

            @Schema(
                    description =
                            "ANONYMOUS: nothing links the response to you; PSEUDONYMOUS: linked internally to count participation, never shown")
            String anonymity,

            Statement statement,

            @Schema(
                    description =
                            "AGREED: the corporation and the tenant organisation ask these questions together; DISAGREED: each question says who asks it; "
                                    + "NOT_GIVEN: the other party did not say (see missingAlignment); NOT_APPLICABLE: there is no other party")
            String alignment,

            @Schema(
                    description =
                            "Set when the corporation's consultation opened without its co-owning tenant organisation's alignment "
                                    + "(it did not respond within the alignment period): show respondents that the tenant organisation did not align with these questions")
            MissingAlignment missingAlignment,

            List<Question> questions,

            @Schema(description = "INVITED, OPENED, PARTIAL (a draft is saved) or COMPLETED")
            String progress,

            @Schema(description = "The saved partial answers, to resume")
            Map<String, Object> draft,

            @Schema(
                    description =
                            "Set once the consultation no longer takes responses (closed, results or feedback published): "
                                    + "the page that shows its feedback to this invitation's tenant, the link her feedback mail carries "
                                    + "(the invitation's token after '#'). A page opened with a letter's code after closing goes there; "
                                    + "until the feedback is published that page says it is not there yet",
                    example =
                            "https://meedoen.example.nl/raadpleging/5b1e4c0a-3f7d-4c2e-9a61-0d8f2b7c9e11/terugkoppeling#pZ3kQ9vT2xWm8LrN4yHc6bFj0sDg5uEa1oKi7tVw3Yq")
            String feedbackUrl) {}

    @Schema(
            name = "MissingAlignment",
            description = "The tenant organisation that co-owns this consultation did not align with its questions")
    public record MissingAlignment(
            @Schema(example = "tenant-organisation") String party,

            @Schema(description = "The tenant organisation (its client id)", example = "huurdersvereniging-vogelbuurt")
            String organisation,

            @Schema(description = "When it was asked to align")
            OffsetDateTime requestedAt) {}

    @Schema(name = "RespondentStatement")
    public record Statement(
            String goal,
            String canInfluence,
            String cannotInfluence,
            String influenceLevel,
            String outcomeUse,
            LocalDate outcomeBy,

            @Schema(
                    description = "The parties that signed this statement: corporation, tenant-organisation",
                    example = "[\"corporation\",\"tenant-organisation\"]")
            List<String> signedBy) {}

    @Schema(name = "RespondentQuestion")
    public record Question(
            String id,
            String type,
            String page,
            String text,
            String help,

            @Schema(description = "corporation or tenant-organisation; set when the parties disagree")
            String askedBy,

            List<Option> options,
            boolean required,
            Condition requiredIf,
            Condition visibleIf,
            Double min,
            Double max,
            Boolean integer,
            Integer maxLength,
            String minLabel,
            String maxLabel,
            Pwe pwe) {}

    @Schema(name = "RespondentOption")
    public record Option(String value, String text) {}

    @Schema(name = "RespondentPwe")
    public record Pwe(
            List<PweOption> options,
            PweConstraint constraint,
            Map<String, Double> resourceLimits,
            Integer minOptions,
            Integer maxOptions,
            List<nl.meedoen.consultation.pwe.PweRequirement> requires,
            List<List<String>> requiredTogether,
            List<List<String>> exclusiveGroups,
            String optionMotivation,
            String overallMotivation,
            int motivationMaxLength) {}

    @Schema(name = "RespondentPweOption")
    public record PweOption(
            String id,
            String text,
            String description,
            List<String> pros,
            List<String> cons,
            List<String> effects,
            Double cost,
            Map<String, Double> resources) {}

    @Schema(name = "Receipt")
    public record Receipt(UUID consultationId, String status, LocalDate submittedOn) {}

    @Schema(name = "RespondentFeedback")
    public record Feedback(
            UUID consultationId, String title, String language, String feedback, OffsetDateTime publishedAt) {}
}
