package nl.meedoen.notification.organisation;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the corporation or ops send for one organisation. Checked by {@link OrganisationRegister} rather than bean
 * validation, so every bad field is a 422 naming it (a wrong kind included, which Jackson would make a 400).
 */
@Schema(name = "OrganisationRequest")
public record OrganisationRequest(
        @Schema(required = true, maxLength = 200, example = "Huurdersvereniging Vogelbuurt")
        String name,

        @Schema(
                required = true,
                enumeration = {"TENANT_ORGANISATION", "RESIDENTS_COMMITTEE"},
                example = "TENANT_ORGANISATION")
        String kind,

        @Schema(
                description =
                        "The complexes a residents' committee speaks for (required, at least one, for RESIDENTS_COMMITTEE)",
                example = "[\"C-001\"]")
        List<String> complexIds,

        @Schema(
                description =
                        "JWT subjects that act for the organisation; each acts for at most one. Default: [the id]",
                example = "[\"huurdersvereniging-vogelbuurt\"]")
        List<String> clients,

        @Schema(
                description =
                        "Contact address (personal data: shown only to the corporation, ops and the organisation itself)",
                example = "secretaris@hv-vogelbuurt.nl")
        String contactEmail,

        @Schema(defaultValue = "true", description = "false deactivates: it can no longer be named as partner")
        Boolean active) {}
