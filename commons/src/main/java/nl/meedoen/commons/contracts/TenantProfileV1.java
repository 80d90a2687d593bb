package nl.meedoen.commons.contracts;

/**
 * The non-personal tenant profile on the compacted topic {@value #TOPIC}, keyed by tenantRef.
 * Never a name, email or address: the household key is a keyed hash of the address, so services
 * can keep one person per household without seeing where anyone lives. A tombstone (null value)
 * means the tenant was erased.
 */
public record TenantProfileV1(
        String tenantRef,
        String complexId,
        String neighbourhoodCode,
        String ageBand,
        String householdType,
        String dwellingType,
        String tenancyBand,
        String language,
        String householdKey) {

    public static final String TOPIC = "tenants.profile.v1";
    public static final String CHANGED = "nl.meedoen.notification.tenant-profile-changed.v1";
    public static final String ERASED = "nl.meedoen.notification.tenant-erased.v1";
}
