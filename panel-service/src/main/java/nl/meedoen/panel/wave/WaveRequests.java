package nl.meedoen.panel.wave;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class WaveRequests {

    private WaveRequests() {}

    @Schema(name = "WaveRequest", example = """
            {"consultationId":"0b3f5c1e-8d2a-4f6b-9c7d-1e2f3a4b5c6d","themeId":"6f1c2a7e-0b9d-4a53-9a51-2f0e8c1d7b44","size":200,"title":"Onderhoud en reparaties"}""")
    public record Launch(
            @NotNull
            @Schema(description = "The consultation (created in consultation-service with a panel-wave audience)")
            UUID consultationId,

            @NotNull
            @Schema(
                    description =
                            "A theme of this panel: co-signed, or the launching party's own (then attributed to it)")
            UUID themeId,

            @NotNull @Min(1) @Max(100_000) Integer size,
            @Size(max = 200) String title,

            @Min(0)
            @Max(365)
            @Schema(description = "Skip members invited this many days ago or less; default the panel's")
            Integer cooldownDays) {}

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
