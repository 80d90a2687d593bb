package nl.meedoen.notification.delivery;

/** Where one message to one tenant stands. */
public enum DeliveryStatus {
    /** Waiting for the email worker (or, for a letter, for the next print batch). */
    QUEUED,
    /** Being handed to SMTP; if its worker dies now it is FAILED after a lease, never sent twice. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    BOUNCED_HARD,
    /** Temporarily undeliverable: retried with backoff. */
    BOUNCED_SOFT,
    COMPLAINED,
    /** Held back; {@code reason} says why (see {@link Reason}). */
    SUPPRESSED,
    /** Given up: a permanent SMTP failure or too many transient ones. */
    FAILED,
    /** Its mailing was cancelled before it was sent. */
    CANCELLED,
    /** A letter in a print batch. */
    BATCHED,
    PRINTED,
    POSTED,
    /** A letter that came back undelivered. */
    RETURNED;

    /** Why a message was held back. */
    public enum Reason {
        OPTED_OUT,
        BUDGET_EXHAUSTED,
        NO_ADDRESS,
        ADDRESS_SUPPRESSED,
        ERASED,
        UNKNOWN_TENANT
    }
}
