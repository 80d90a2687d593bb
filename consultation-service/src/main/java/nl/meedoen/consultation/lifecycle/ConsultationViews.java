package nl.meedoen.consultation.lifecycle;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.consultation.lifecycle.ConsultationRequests.Schedule;
import nl.meedoen.consultation.lifecycle.ConsultationRequests.Statement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the consultation lifecycle API. */
public final class ConsultationViews {

    private ConsultationViews() {}

    @Schema(name = "AudienceView")
    public record AudienceView(
            String type, Map<String, List<String>> filter, Long listSize, String panelId, String waveId) {}

    @Schema(
            name = "Alignment",
            description =
                    "The other party's decision on the questions: the co-owning tenant organisation of a corporation's "
                            + "consultation (required, or after the alignment period shown to respondents as missing), or the corporation for a tenant "
                            + "organisation's own poll (its help is an option, never required)")
    public record Alignment(
            @Schema(
                    description =
                            "NOT_APPLICABLE (no other party), PENDING, AGREED, DISAGREED, or NOT_GIVEN (opened without it)",
                    example = "PENDING")
            Consultation.AlignmentStatus status,

            @Schema(example = "huurdersvereniging-vogelbuurt")
            String by,

            OffsetDateTime at,
            Integer questionnaireVersion,
            String comment,

            @Schema(
                    description =
                            "When the current decision was asked for (the questions were saved or the partner named)",
                    example = "2027-02-01T10:00:00Z")
            OffsetDateTime requestedAt,

            @Schema(
                    description =
                            "Whether opening waits for it: true for a corporation's consultation with a partner, false for a tenant organisation's own poll")
            Boolean required,

            @Schema(
                    description =
                            "PENDING on a corporation's consultation: from when it may open without the partner's alignment "
                                    + "(requestedAt + meedoen.consultation.alignment-period); respondents are then told it is missing",
                    example = "2027-02-15T10:00:00Z")
            OffsetDateTime openableWithoutFrom) {}

    @Schema(name = "StatementSignature", description = "An owning party signed the current participation statement")
    public record StatementSignature(
            @Schema(description = "The client that signed for the party", example = "huurdersvereniging-vogelbuurt")
            String client,

            OffsetDateTime at) {}

    @Schema(
            name = "CorporationAccess",
            description =
                    "A tenant organisation's own poll: whether the corporation may read its raw responses and exports "
                            + "(granted and revoked by the tenant organisation, audited). Without it the corporation sees only the published results.")
    public record CorporationAccess(
            @Schema(example = "false") boolean granted,
            OffsetDateTime grantedAt,

            @Schema(example = "huurdersvereniging-vogelbuurt")
            String grantedBy) {}

    @Schema(name = "Initiator")
    public record Initiator(String party, String client) {}

    /**
     * A consultation as the API shows it: one flat JSON object, built from the groups below (each unwrapped into it), so
     * the factory names what it fills instead of passing 27 values in a row.
     */
    @Schema(name = "Consultation")
    public record ConsultationView(
            @JsonUnwrapped Identity identity,
            @JsonUnwrapped Setup setup,
            @JsonUnwrapped Agreement agreement,
            @JsonUnwrapped Preparation preparation,
            @JsonUnwrapped Timeline timeline,
            long version) {

        /** Which consultation, in which languages. */
        public record Identity(
                UUID id,
                String kind,
                String status,
                List<String> languages,
                Map<String, String> title,
                Map<String, String> description) {}

        /** Who runs it, how anonymous it is, whom it asks and when. */
        public record Setup(
                Initiator initiator,
                String partnerOrganisation,
                String anonymity,
                AudienceView audience,
                Schedule schedule) {}

        /** The statement, its signatures, the other party's alignment and, for an own poll, the corporation's access. */
        public record Agreement(
                Statement statement,

                @Schema(
                        description =
                                "Per party (corporation, tenant-organisation): who signed the current statement and when. "
                                        + "A co-owned consultation is signed by both; a new statement clears the signatures",
                        example = "{\"corporation\":{\"client\":\"woonstichting\",\"at\":\"2027-02-01T10:00:00Z\"}}")
                Map<String, StatementSignature> statementSignatures,

                @Schema(
                        description = "The parties that have not signed the current statement yet",
                        example = "[\"tenant-organisation\"]")
                List<String> statementUnsignedBy,

                Alignment alignment,

                @Schema(
                        description =
                                "A tenant organisation's own poll (§3.5): private to it; the corporation sees its published results, "
                                        + "and its responses only while corporationAccess is granted",
                        example = "false")
                boolean ownPoll,

                @Schema(description = "Own polls only: the corporation's access to the raw responses")
                CorporationAccess corporationAccess) {}

        /** The questionnaire version and what still stands in the way of opening. */
        public record Preparation(
                int questionnaireVersion,

                @Schema(description = "What still stands in the way of opening (DRAFT only)")
                List<Problem.FieldError> readiness,

                @Schema(description = "Why a scheduled opening has not happened")
                String scheduleProblem) {}

        /** The published feedback and the moments of the lifecycle. */
        public record Timeline(
                Map<String, String> feedback,
                OffsetDateTime createdAt,
                OffsetDateTime openedAt,
                OffsetDateTime closedAt,
                OffsetDateTime resultsPublishedAt,
                OffsetDateTime feedbackPublishedAt) {}
    }

    @Schema(name = "ConsultationSummary")
    public record Summary(
            UUID id,
            String kind,
            String status,
            Map<String, String> title,
            Initiator initiator,
            OffsetDateTime opensAt,
            OffsetDateTime closesAt) {}
}
