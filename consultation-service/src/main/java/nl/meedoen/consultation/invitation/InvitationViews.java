package nl.meedoen.consultation.invitation;

/** Response bodies of the invitation API. */
public final class InvitationViews {

    private InvitationViews() {}

    public record Counts(long invited, long opened, long partial, long completed, boolean allInvited) {}
}
