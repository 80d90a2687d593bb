package nl.meedoen.notification.tenant;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the register returns it (to corporation systems and ops only). */
@Schema(name = "Tenant")
public record TenantView(
        String tenantRef,
        String name,
        String email,
        TenantRequest.Address address,
        String language,
        String preferredChannel,
        TenantRequest.Profile profile,

        @Schema(description = "Keyed hash of the address, shared with other services")
        String householdKey,

        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static TenantView of(Tenant t) {
        return new TenantView(
                t.tenantRef,
                t.name,
                t.email,
                new TenantRequest.Address(t.street, t.houseNumber, t.houseNumberSuffix, t.postcode, t.city),
                t.language,
                t.preferredChannel,
                new TenantRequest.Profile(
                        t.complexId,
                        t.neighbourhoodCode,
                        t.birthYear,
                        t.householdType == null ? null : TenantRequest.HouseholdType.valueOf(t.householdType),
                        t.tenancyStart,
                        t.dwellingType == null ? null : TenantRequest.DwellingType.valueOf(t.dwellingType)),
                t.householdKey,
                t.version,
                t.createdAt,
                t.updatedAt);
    }
}
