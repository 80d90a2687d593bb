package nl.meedoen.panel.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.panel.wave.Participation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the member endpoints return. */
public final class MemberViews {

    private MemberViews() {}

    /** A member as staff of either party sees them: tenantRef and coarse profile, never contact data. */
    @Schema(name = "Member")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(
            @JsonUnwrapped Who who,
            @JsonUnwrapped Tenure tenure,
            @JsonUnwrapped ConsentState consent,
            @JsonUnwrapped Detail detail) {

        public record Who(String tenantRef, String status, Map<String, String> profile) {}

        /** Invited, joined, paused and left: the membership's moments and reasons. */
        public record Tenure(
                OffsetDateTime invitedAt,
                OffsetDateTime joinedAt,
                OffsetDateTime termEndsAt,
                OffsetDateTime pausedAt,
                OffsetDateTime pausedUntil,
                String pauseReason,
                OffsetDateTime leftAt,
                String leftReason) {}

        /** The consent given and whether it is to the panel's current text. */
        public record ConsentState(
                Integer consentVersion,

                @Schema(description = "Consented to the panel's current text")
                boolean consentCurrent,

                OffsetDateTime consentedAt,
                String consentChannel,
                OffsetDateTime reconsentDue) {}

        /** Filled for one member's detail, null in lists. */
        public record Detail(
                List<UUID> interests,
                List<String> preferredMoments,
                @Schema(description = "Detail only") List<MemberLog.Consent> consents,
                @Schema(description = "Detail only") List<MemberLog.Change> changes,
                @Schema(description = "Detail only") List<Participation.Entry> participation) {}
    }

    /** What a tenant sees through their personal link. */
    @Schema(name = "Membership")
    public record Membership(
            UUID panelId,
            String panelName,
            String purpose,
            String status,
            @Schema(description = "The text to consent to") int currentConsentVersion,
            String currentConsentText,
            Integer consentVersion,
            OffsetDateTime reconsentDue,
            OffsetDateTime pausedUntil,
            String pauseReason,
            List<UUID> interests,
            List<String> preferredMoments,

            @Schema(description = "Themes to choose interests from")
            List<ThemeChoice> themes,

            List<Participation.Entry> participation,

            @Schema(
                    description = "The tenant's language (ISO 639-1) as the register last gave it, for the page",
                    nullable = true,
                    example = "nl")
            String language) {}

    @Schema(name = "ThemeChoice")
    public record ThemeChoice(UUID id, String title, String description) {}

    @Schema(name = "InvitationResult")
    public record InvitationResult(List<String> invited, List<Skipped> skipped) {}

    @Schema(name = "SkippedInvitation")
    public record Skipped(
            String tenantRef,

            @Schema(
                    description =
                            "ALREADY_INVITED, ALREADY_MEMBER, LEFT or UNKNOWN_TENANT (not in the tenant population yet)")
            String reason) {}

    @Schema(name = "ConsentText")
    public record ConsentTextView(
            int version,
            String text,
            OffsetDateTime publishedAt,
            String publishedByParty,
            Integer reconsentDays,

            @Schema(description = "Members asked to consent again (on publication)")
            Long membersAsked) {}
}
