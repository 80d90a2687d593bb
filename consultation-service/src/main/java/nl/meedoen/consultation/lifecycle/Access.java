package nl.meedoen.consultation.lifecycle;

import nl.meedoen.commons.security.Roles;

/**
 * Who may see and change a consultation. The corporation (the operator) and ops see every
 * consultation; a tenant organisation only the ones it initiated or co-owns. The initiating side
 * and a co-owning tenant organisation change it; the other party records the alignment.
 */
public final class Access {

    private Access() {
    }

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
            return caller.is(Roles.TENANT_ORGANISATION) && caller.client().equals(c.partnerOrganisation);
        }
        return caller.is(Roles.CORPORATION);
    }

    private static boolean owns(Consultation c, Caller caller) {
        return (Roles.TENANT_ORGANISATION.equals(c.initiatorParty) && caller.client().equals(c.initiatorClient))
                || caller.client().equals(c.partnerOrganisation);
    }
}
