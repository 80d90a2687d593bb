package nl.meedoen.consultation.lifecycle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the consultation lifecycle API. */
public final class ConsultationRequests {

    private ConsultationRequests() {}

    @Schema(name = "Audience", description = "Who is invited when the consultation opens")
    public record Audience(
            @NotNull
            @Schema(
                    description =
                            "ALL (every tenant in the population), SEGMENT (filter), LIST (tenantRefs) or PANEL_WAVE (sample sent by panel-service)",
                    example = "SEGMENT")
            String type,

            @Schema(
                    description = "SEGMENT: attribute -> accepted values; attributes combine with AND, values with OR",
                    example = "{\"neighbourhoodCode\":[\"BU03440101\"],\"ageBand\":[\"18-34\",\"35-49\"]}")
            Map<String, List<String>> filter,

            @Size(max = 200_000) @Schema(description = "LIST: the tenantRefs to invite (write-only)")
            List<String> tenantRefs,

            @Schema(description = "PANEL_WAVE: the panel") String panelId,

            @Schema(
                    description =
                            "PANEL_WAVE: the wave; leave it out to take the wave panel-service launches for this consultation")
            String waveId) {}

    @Schema(name = "ConsultationRequest")
    public record ConsultationRequest(
            @NotNull @Schema(example = "PWE") Consultation.Kind kind,

            @Size(min = 1, max = 10)
            @Schema(
                    description = "Languages of every text; the first is the default (and required). Default [\"nl\"]",
                    example = "[\"nl\",\"en\"]")
            List<String> languages,

            @NotEmpty @Schema(example = "{\"nl\":\"Nieuwe speeltuin in de Vogelbuurt\",\"en\":\"A new playground\"}")
            Map<String, String> title,

            Map<String, String> description,

            @Schema(
                    description =
                            "For a corporation's consultation: the tenant organisation that co-owns it and aligns the questions: the id "
                                    + "of an active organisation of the register (notification-service, GET /api/v1/organisations); any of its clients acts for it",
                    example = "huurdersvereniging-vogelbuurt")
            String partnerOrganisation,

            @NotNull @Schema(example = "ANONYMOUS") Consultation.Anonymity anonymity,
            @NotNull @Valid Audience audience,
            OffsetDateTime opensAt,
            OffsetDateTime closesAt,
            @Size(max = 10) List<OffsetDateTime> reminders) {}

    @Schema(name = "Schedule")
    public record Schedule(
            OffsetDateTime opensAt,
            OffsetDateTime closesAt,
            @Size(max = 10) List<OffsetDateTime> reminders) {}

    public enum InfluenceLevel {
        INFORM,
        CONSULT,
        ADVISE,
        CO_DECIDE
    }

    @Schema(name = "ParticipationStatement", description = "Said to tenants before they are asked (procedural justice)")
    public record Statement(
            @NotEmpty @Schema(description = "The goal of the consultation")
            Map<String, String> goal,

            @NotEmpty @Schema(description = "What tenants can influence")
            Map<String, String> canInfluence,

            @NotEmpty @Schema(description = "What is already decided or out of scope")
            Map<String, String> cannotInfluence,

            @NotNull InfluenceLevel influenceLevel,

            @NotEmpty @Schema(description = "What will be done with the outcome")
            Map<String, String> outcomeUse,

            @NotNull @Schema(description = "When tenants hear what was done with it", example = "2027-06-30")
            LocalDate outcomeBy) {}

    @Schema(name = "AlignmentRequest")
    public record AlignmentRequest(
            @NotNull @Schema(description = "AGREED or DISAGREED")
            Consultation.AlignmentStatus decision,

            @Size(max = 5000) String comment) {}
}
