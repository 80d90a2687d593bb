package nl.meedoen.notification.organisation;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An organisation as the register returns it; contactEmail only to whoever may see it (null otherwise). */
@Schema(name = "Organisation")
public record OrganisationView(
        @Schema(example = "huurdersvereniging-vogelbuurt") String id,
        @Schema(example = "Huurdersvereniging Vogelbuurt") String name,

        @Schema(enumeration = {"TENANT_ORGANISATION", "RESIDENTS_COMMITTEE"})
        String kind,

        List<String> complexIds,
        List<String> clients,

        @Schema(nullable = true, description = "Only for the corporation, ops and the organisation itself")
        String contactEmail,

        boolean active,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static OrganisationView of(Organisation o, boolean withContact) {
        return new OrganisationView(
                o.id,
                o.name,
                o.kind,
                List.of(o.complexIds),
                List.of(o.clients),
                withContact ? o.contactEmail : null,
                o.active,
                o.version,
                o.createdAt,
                o.updatedAt);
    }
}
