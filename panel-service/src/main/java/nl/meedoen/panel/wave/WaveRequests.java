package nl.meedoen.panel.wave;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the wave API. */
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
}
