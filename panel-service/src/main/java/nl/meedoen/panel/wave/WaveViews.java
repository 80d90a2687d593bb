package nl.meedoen.panel.wave;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the wave API. */
public final class WaveViews {

    private WaveViews() {}

    /** A stratum of the sample: seats aimed for and taken per value. */
    @Schema(name = "WaveStratum")
    public record Stratum(
            String attribute, Map<String, Double> target, Map<String, Integer> quotas, Map<String, Integer> sampled) {}

    @Schema(name = "WaveSample", description = "The outcome of sampling (at launch, or a preview that changes nothing)")
    public record SampleView(int eligible, int sampled, int interested, List<Stratum> strata) {}

    @Schema(name = "WaveResponse", description = "Participation only, never content")
    public record Responses(
            long invited,
            Long responded,
            long cancelled,
            Double rate,

            @Schema(
                    description =
                            "MEMBERS: counted per member from participation events; CONSULTATION: the closed anonymous consultation's counts; NONE: anonymous and still open")
            String source) {}

    @Schema(name = "GroupResponse")
    public record GroupResponse(
            String attribute,
            String value,
            Long invited,
            Long responded,
            Double rate,

            @Schema(description = "Fewer than 5 invited: numbers withheld")
            boolean suppressed) {}

    @Schema(name = "Wave")
    public record View(
            UUID id,
            UUID panelId,
            UUID consultationId,
            UUID themeId,
            String title,
            int size,
            @Schema(description = "LAUNCHED or CLOSED") String status,

            @Schema(description = "The theme was co-signed by both parties")
            boolean aligned,

            @Schema(description = "The party the questions are attributed to")
            String askingParty,

            String launchedBy,
            OffsetDateTime launchedAt,
            int cooldownDays,
            int fatigueCap,
            int eligible,

            @Schema(description = "Re-running the sampler with this seed on the same pool gives the same sample")
            long seed,

            OffsetDateTime closedAt,
            Responses responses,

            @Schema(description = "At launch: quotas and sampled per stratum")
            SampleView sample,

            @Schema(description = "Detail only: response per profile group")
            List<GroupResponse> responsesByGroup) {}

    @Schema(name = "WaveMember")
    public record Member(
            String tenantRef, OffsetDateTime invitedAt, OffsetDateTime respondedAt, OffsetDateTime cancelledAt) {}
}
