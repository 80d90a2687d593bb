package nl.meedoen.notification.delivery;

import java.util.Set;
import nl.meedoen.commons.contracts.MessageRequestV1;

/**
 * Decides, for one message to one tenant, the channel and whether it is sent or held back (and
 * why). Plain Java, the same rules for message requests and mailings.
 */
public final class RecipientPolicy {

    private RecipientPolicy() {}

    /**
     * The tenant organisation's own purpose (its mailings to its constituency): its own opt-out scope, the contact
     * budget applies, and its deliveries are not the corporation's to follow.
     */
    public static final String TENANT_ORGANISATION = "tenant-organisation";

    /**
     * What is known about the tenant when a message is accepted.
     *
     * @param exists            false when the tenant is not (or no longer) in the register
     * @param postalAddress     the register has a postal address (a letter can reach them)
     * @param requestedChannel  the request's channel, or null for the tenant's preference
     * @param optOuts           the purposes the tenant opted out of ({@code all} for everything)
     * @param budgetUsed        non-transactional messages in the current window
     * @param addressSuppressed the email address hard-bounced or complained before
     */
    public record Facts(
            boolean exists,
            String email,
            boolean postalAddress,
            String preferredChannel,
            String requestedChannel,
            String purpose,
            Set<String> optOuts,
            long budgetUsed,
            int budgetMax,
            boolean addressSuppressed) {}

    public record Decision(String channel, DeliveryStatus status, DeliveryStatus.Reason reason) {
        static Decision suppressed(String channel, DeliveryStatus.Reason reason) {
            return new Decision(channel, DeliveryStatus.SUPPRESSED, reason);
        }
    }

    /** A service message: always sent, never counted, no unsubscribe link. */
    public static boolean transactional(String purpose) {
        return MessageRequestV1.SERVICE.equals(purpose);
    }

    /** Whether messages of this purpose use up (and are held back by) the contact budget: not service messages, not feedback. */
    public static boolean budgeted(String purpose) {
        return !transactional(purpose) && !MessageRequestV1.FEEDBACK.equals(purpose);
    }

    /**
     * Whether the tenant's opt-outs hold this message back: an opt-out of its purpose or of everything; feedback on one's
     * own participation only by an opt-out of everything; a service message never.
     */
    public static boolean optedOut(String purpose, Set<String> optOuts) {
        if (transactional(purpose)) {
            return false;
        }
        return optOuts.contains("all") || !MessageRequestV1.FEEDBACK.equals(purpose) && optOuts.contains(purpose);
    }

    /**
     * The channel is the one the register says: a request for email reaches a tenant who prefers letters, has no email
     * address or whose address bounced by letter (a sender asking for email means "reach them", not "only by email");
     * a letter for a tenant without a postal address goes by email. Only a tenant reachable neither way is held back
     * ({@code NO_ADDRESS}, or {@code ADDRESS_SUPPRESSED} when their only address bounced).
     */
    public static Decision decide(Facts f) {
        String channel = f.requestedChannel() != null
                ? f.requestedChannel()
                : f.preferredChannel() != null ? f.preferredChannel() : MessageRequestV1.EMAIL;
        if (!f.exists()) {
            return Decision.suppressed(channel, DeliveryStatus.Reason.UNKNOWN_TENANT);
        }
        if (optedOut(f.purpose(), f.optOuts())) {
            return Decision.suppressed(channel, DeliveryStatus.Reason.OPTED_OUT);
        }
        boolean hasEmail = f.email() != null && !f.email().isBlank();
        boolean emailUsable = hasEmail && !f.addressSuppressed();
        if (MessageRequestV1.EMAIL.equals(channel)
                && (!emailUsable || MessageRequestV1.LETTER.equals(f.preferredChannel()))
                && f.postalAddress()) {
            channel = MessageRequestV1.LETTER;
        } else if (MessageRequestV1.LETTER.equals(channel) && !f.postalAddress() && emailUsable) {
            channel = MessageRequestV1.EMAIL;
        }
        boolean reachable = MessageRequestV1.LETTER.equals(channel) ? f.postalAddress() : emailUsable;
        if (!reachable) {
            return Decision.suppressed(
                    channel,
                    hasEmail && f.addressSuppressed()
                            ? DeliveryStatus.Reason.ADDRESS_SUPPRESSED
                            : DeliveryStatus.Reason.NO_ADDRESS);
        }
        if (budgeted(f.purpose()) && f.budgetUsed() >= f.budgetMax()) {
            return Decision.suppressed(channel, DeliveryStatus.Reason.BUDGET_EXHAUSTED);
        }
        return new Decision(channel, DeliveryStatus.QUEUED, null);
    }
}
