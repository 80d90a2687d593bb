package nl.meedoen.panel.panel;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new panel. The caller's party owns it. */
@Schema(name = "PanelRequest", example = """
        {"name":"Digitaal huurderspanel","purpose":"Een paar keer per jaar huurders vragen over onderhoud, wonen en de buurt",
         "coOwnerParty":"tenant-organisation","tenantOrganisation":"ho-de-sleutel","targetSize":500,
         "strata":["ageBand","householdType"],"targetComposition":{"ageBand":{"18-34":0.25,"35-49":0.25,"50-64":0.25,"65-79":0.15,"80+":0.1}},
         "fatigueCap":4,"cooldownDays":30,"membershipTermMonths":24,
         "consentText":"Ik doe mee aan het huurderspanel. Mijn antwoorden worden gebruikt om ..."}""")
public record PanelRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 4000) String purpose,

        @Schema(
                description =
                        "The other party, co-owning the panel: tenant-organisation when a corporation creates it, corporation when a tenant organisation does; omit for none")
        String coOwnerParty,

        @Size(max = 200)
        @Schema(
                description =
                        "The tenant organisation's client id (its JWT subject). Required when a corporation names tenant-organisation as co-owner; a tenant organisation creating a panel is itself")
        String tenantOrganisation,

        @NotNull @Min(1) @Max(100_000) Integer targetSize,

        @Size(max = 7)
        @Schema(
                description =
                        "Stratification attributes of the population read model; default ageBand, householdType, neighbourhoodCode")
        List<String> strata,

        @Schema(
                description =
                        "Share per value for some strata (each adds up to 1); a stratum left out follows the tenant population")
        Map<String, Map<String, Double>> targetComposition,

        @Min(1) @Max(52) @Schema(description = "Max waves per member per 12 months", defaultValue = "4")
        Integer fatigueCap,

        @Min(0) @Max(365) @Schema(description = "Skip members invited this many days ago or less", defaultValue = "30")
        Integer cooldownDays,

        @Min(1) @Max(120) @Schema(description = "Membership term in months; omit for open-ended")
        Integer membershipTermMonths,

        @NotBlank @Size(max = 20_000) @Schema(description = "The consent text members agree to (version 1)")
        String consentText) {}
