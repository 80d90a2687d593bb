package nl.meedoen.notification.delivery;

/** Fired when email deliveries were queued: wakes this process's worker once the transaction commits. */
public record DeliveryQueued() {}
