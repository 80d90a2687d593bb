package nl.meedoen.commons.contracts;

import java.util.List;

/**
 * A tenant organisation or residents' committee as registered in notification-service, on the compacted topic
 * {@value #TOPIC}, keyed by id. No contact data (that is personal and stays in notification-service): only who the
 * party is, which complexes a committee speaks for, and which JWT subjects ({@code clients}) act for it. An
 * organisation is never deleted, only deactivated ({@code active} false), so there are no tombstones.
 */
public record OrganisationV1(
        String id, String name, String kind, List<String> complexIds, List<String> clients, boolean active) {

    public static final String TOPIC = "organisations.v1";
    public static final String CHANGED = "nl.meedoen.notification.organisation-changed.v1";

    public static final String TENANT_ORGANISATION = "TENANT_ORGANISATION";
    public static final String RESIDENTS_COMMITTEE = "RESIDENTS_COMMITTEE";
}
