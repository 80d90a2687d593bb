package nl.meedoen.panel.panel;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The changeable settings of a panel (PUT with If-Match). Ownership and consent text change elsewhere. */
@Schema(name = "PanelSettings")
public record PanelSettings(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 4000) String purpose,
        @NotNull @Min(1) @Max(100_000) Integer targetSize,
        @Size(max = 7) List<String> strata,
        Map<String, Map<String, Double>> targetComposition,
        @Min(1) @Max(52) Integer fatigueCap,
        @Min(0) @Max(365) Integer cooldownDays,
        @Min(1) @Max(120) Integer membershipTermMonths) {}
