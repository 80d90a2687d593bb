package nl.meedoen.panel.health;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.panel.wave.WaveViews;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class HealthViews {

    private HealthViews() {}

    @Schema(name = "PanelHealth")
    public record Health(
            UUID panelId,
            OffsetDateTime asOf,
            int targetSize,
            @Schema(description = "Members per status") Map<String, Long> members,

            @Schema(description = "Active members vs target vs population, per stratum")
            List<Composition> composition,

            Responses responses,
            Churn churn,
            Recruitment recruitment) {}

    @Schema(name = "PanelComposition")
    public record Composition(
            String attribute,
            @Schema(description = "EXPLICIT or POPULATION") String targetSource,
            List<CompositionValue> values) {}

    @Schema(name = "PanelCompositionValue")
    public record CompositionValue(
            String value,
            long members,
            double memberShare,
            double targetShare,
            long population,
            double populationShare,

            @Schema(description = "memberShare - targetShare")
            double gap) {}

    @Schema(name = "PanelResponses")
    public record Responses(
            List<WaveResponse> waves,

            @Schema(description = "Per profile group over the waves of the window (groups under 5 invited withheld)")
            List<WaveViews.GroupResponse> byGroup) {}

    @Schema(name = "PanelWaveResponse")
    public record WaveResponse(
            UUID waveId,
            UUID consultationId,
            String title,
            OffsetDateTime launchedAt,
            String status,
            WaveViews.Responses responses) {}

    @Schema(name = "PanelChurn", description = "Membership changes in the window")
    public record Churn(
            int windowDays,
            long invited,
            long joined,
            long resumed,

            @Schema(
                    description =
                            "Left, per reason (MEMBER, STAFF, TERM_ENDED, OPTED_OUT: unsubscribed from panel mail)")
            Map<String, Long> left,

            @Schema(description = "Paused, per reason (MEMBER, STAFF, CONSENT_LAPSED)")
            Map<String, Long> paused,

            @Schema(description = "Paused because they did not consent to a new text in time")
            long consentLapsed,

            @Schema(description = "Left in the window / (members now + left in the window)")
            Double churnRate,

            @Schema(description = "Joined / invited, over the panel's whole history")
            Double joinRate) {}

    @Schema(name = "RecruitmentAdvice")
    public record Recruitment(
            int targetSize,
            long activeMembers,

            @Schema(description = "targetSize - active members, at least 0")
            long shortfall,

            @Schema(description = "Groups below their target, most needed first")
            List<RecruitmentGroup> groups) {}

    @Schema(name = "RecruitmentGroup")
    public record RecruitmentGroup(
            String attribute,
            String value,

            @Schema(description = "targetSize × target share (largest remainder)")
            long target,

            long active,
            long needed,

            @Schema(description = "Tenants of the group in the population never on the panel")
            long reachable,

            @Schema(description = "needed / join rate, at most reachable: how many to invite")
            long suggestedInvitations,

            @Schema(
                    description = "notification-service segment filter for a recruitment mailing",
                    example = "{\"ageBand\":[\"18-34\"]}")
            Map<String, List<String>> segment,

            @Schema(
                    description = "Body for POST /api/v1/panels/{id}/invitations",
                    example = "{\"group\":{\"attribute\":\"ageBand\",\"value\":\"18-34\"},\"count\":40}")
            Map<String, Object> invitation) {}
}
