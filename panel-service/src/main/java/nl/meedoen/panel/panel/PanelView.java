package nl.meedoen.panel.panel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Panel")
public record PanelView(
        UUID id,
        String name,
        String purpose,
        String ownerParty,
        String coOwnerParty,
        String tenantOrganisation,
        int targetSize,
        List<String> strata,

        @Schema(description = "Explicit target shares; strata not listed follow the population")
        Map<String, Map<String, Double>> targetComposition,

        @Schema(description = "The effective target per stratum, with its source (EXPLICIT or POPULATION)")
        List<Targets.Target> target,

        int fatigueCap,
        int cooldownDays,
        Integer membershipTermMonths,
        int consentVersion,
        String consentText,
        @Schema(description = "Members per status") Map<String, Long> members,
        OffsetDateTime createdAt,
        String createdBy,
        long version) {}
