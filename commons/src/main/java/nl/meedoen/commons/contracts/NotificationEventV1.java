package nl.meedoen.commons.contracts;

import java.time.OffsetDateTime;

/**
 * What happened to a message, on {@value #TOPIC} (key: tenantRef), so services can report reach per
 * channel. Never personal data: no name, email or address.
 *
 * <p>Type {@value #DELIVERY_UPDATED}: a delivery reached a new status ({@code SENT}, {@code BOUNCED_HARD},
 * {@code BOUNCED_SOFT}, {@code COMPLAINED}, {@code SUPPRESSED} with a reason, {@code FAILED},
 * {@code CANCELLED}, and for letters {@code PRINTED}, {@code POSTED}, {@code RETURNED}).
 * Type {@value #OPTED_OUT}: the tenant opted out of {@code purpose} ({@code all} for everything);
 * delivery fields are null.
 *
 * @param requestId the {@link MessageRequestV1#requestId()} it answers, null for mailings
 * @param reason    why a message was held back or failed: {@code OPTED_OUT}, {@code BUDGET_EXHAUSTED},
 *                  {@code NO_ADDRESS}, {@code ADDRESS_SUPPRESSED}, {@code ERASED}, {@code UNKNOWN_TENANT},
 *                  or a short failure text
 */
public record NotificationEventV1(
        String deliveryId,
        String requestId,
        String mailingId,
        String tenantRef,
        String purpose,
        String templateKey,
        String channel,
        String status,
        String reason,
        OffsetDateTime occurredAt) {

    public static final String TOPIC = "notification.events.v1";
    public static final String DELIVERY_UPDATED = "nl.meedoen.notification.delivery-updated.v1";
    public static final String OPTED_OUT = "nl.meedoen.notification.opted-out.v1";
}
