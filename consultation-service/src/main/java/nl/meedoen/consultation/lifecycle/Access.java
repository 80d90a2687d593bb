package nl.meedoen.consultation.lifecycle;

import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;

/**
 * Who may see and change a consultation. The corporation (the operator) and ops see every
 * consultation; a tenant organisation only the ones it initiated or co-owns. The initiating side
 * and a co-owning tenant organisation change it; the other party records the alignment.
 *
 * <p>A tenant organisation's own poll (§3.5 "achterbanraadpleging") is private to it: its raw
 * responses and exports are the tenant organisation's alone unless it grants the corporation access,
 * and its results are read by others only once it publishes them.
 */
public final class Access {

    private Access() {}

    public static boolean canRead(Consultation c, Caller caller) {
        if (caller.is(Roles.CORPORATION) || caller.is(Roles.OPS)) {
            return true;
        }
        return caller.is(Roles.TENANT_ORGANISATION) && owns(c, caller);
    }

    public static boolean canChange(Consultation c, Caller caller) {
        if (caller.is(Roles.CORPORATION)) {
            return Roles.CORPORATION.equals(c.initiatorParty);
        }
        return caller.is(Roles.TENANT_ORGANISATION) && owns(c, caller);
    }

    /** The other party: a corporation's co-owning tenant organisation, or the corporation for a tenant organisation's consultation. */
    public static boolean canAlign(Consultation c, Caller caller) {
        if (Roles.CORPORATION.equals(c.initiatorParty)) {
            return caller.is(Roles.TENANT_ORGANISATION) && caller.actsFor().equals(c.partnerOrganisation);
        }
        return caller.is(Roles.CORPORATION);
    }

    /**
     * Raw responses and exports (direct, as a job, the download): the owners of a corporation's consultation (the
     * corporation and a co-owning tenant organisation); for a tenant organisation's own poll that organisation, and
     * the corporation only while access is granted. Callers that cannot read the consultation at all are refused
     * before this (404).
     */
    public static boolean canReadResponses(Consultation c, Caller caller) {
        if (!canRead(c, caller) || !(caller.is(Roles.CORPORATION) || caller.is(Roles.TENANT_ORGANISATION))) {
            return false;
        }
        if (c.ownPoll() && caller.is(Roles.CORPORATION)) {
            return c.corporationAccessGrantedAt != null;
        }
        return true;
    }

    /**
     * Results (per question, breakdowns, representativeness): whoever may read the consultation, except that the
     * corporation and ops see a tenant organisation's own poll only once its results are published (or the
     * corporation while access is granted).
     */
    public static boolean canReadResults(Consultation c, Caller caller) {
        if (!canRead(c, caller)) {
            return false;
        }
        if (c.ownPoll() && !caller.is(Roles.TENANT_ORGANISATION)) {
            return c.resultsPublished() || (caller.is(Roles.CORPORATION) && c.corporationAccessGrantedAt != null);
        }
        return true;
    }

    /** Grants and revokes the corporation's access to a poll: the tenant organisation that initiated it. */
    public static boolean canGrant(Consultation c, Caller caller) {
        return c.ownPoll()
                && caller.is(Roles.TENANT_ORGANISATION)
                && caller.actsFor().equals(c.initiatorClient);
    }

    /**
     * The party in whose name the caller signs the statement: the corporation for its own consultations, the
     * co-owning or initiating tenant organisation for its; null for anyone else.
     */
    public static String signingParty(Consultation c, Caller caller) {
        if (caller.is(Roles.CORPORATION) && Roles.CORPORATION.equals(c.initiatorParty)) {
            return Roles.CORPORATION;
        }
        if (caller.is(Roles.TENANT_ORGANISATION) && owns(c, caller)) {
            return Roles.TENANT_ORGANISATION;
        }
        return null;
    }

    /** The parties that sign a consultation's statement: the initiator, and a co-owning tenant organisation. */
    public static java.util.List<String> signingParties(Consultation c) {
        return Roles.CORPORATION.equals(c.initiatorParty) && c.partnerOrganisation != null
                ? java.util.List.of(Roles.CORPORATION, Roles.TENANT_ORGANISATION)
                : java.util.List.of(c.initiatorParty);
    }

    private static boolean owns(Consultation c, Caller caller) {
        return (Roles.TENANT_ORGANISATION.equals(c.initiatorParty)
                        && caller.actsFor().equals(c.initiatorClient))
                || caller.actsFor().equals(c.partnerOrganisation);
    }
}
