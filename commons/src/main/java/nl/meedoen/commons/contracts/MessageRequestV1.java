package nl.meedoen.commons.contracts;

import java.util.Map;
import java.util.UUID;

/**
 * "Send template T to tenant X for purpose P": what consultation, panel and recruitment services
 * publish on {@value #TOPIC} (key: tenantRef, CloudEvents type {@value #TYPE}) and
 * notification-service turns into exactly one delivery per {@code requestId}.
 *
 * @param requestId   the producer's stable id of this message (a retry reuses it: never sent twice)
 * @param tenantRef   the corporation's tenant id (also the record key)
 * @param purpose     {@value #CONSULTATION}, {@value #PANEL}, {@value #RECRUITMENT}, {@value #FEEDBACK} or {@value #SERVICE}
 *                    (service = transactional: no opt-out, no contact budget)
 * @param templateKey e.g. {@code consultation.invitation}
 * @param data        the template's placeholders (e.g. {@code consultationTitle}, {@code invitationUrl})
 * @param channel     optional {@code EMAIL} or {@code LETTER}; default the tenant's preferred channel
 * @param source      optional: what the message comes from, {@code <kind>:<id>} ({@code campaign:<uuid>},
 *                    {@code consultation:<uuid>}, {@code wave:<uuid>}, ...); deliveries and letters are followed and
 *                    printed per source
 * @param mailingId   optional: the mailing this message belongs to, opened by a {@link MailingRequestV1}; notification-service
 *                    attaches the delivery to it, so the mailing shows its progress and pause, resume and cancel act on it
 */
public record MessageRequestV1(
        String requestId,
        String tenantRef,
        String purpose,
        String templateKey,
        Map<String, Object> data,
        String channel,
        String source,
        UUID mailingId) {

    /** A message that names neither source nor mailing (both added to v1 later, optional). */
    public MessageRequestV1(
            String requestId,
            String tenantRef,
            String purpose,
            String templateKey,
            Map<String, Object> data,
            String channel) {
        this(requestId, tenantRef, purpose, templateKey, data, channel, null, null);
    }

    /** The same message from {@code source}, e.g. {@code campaign:<uuid>}. */
    public MessageRequestV1 from(String source) {
        return new MessageRequestV1(requestId, tenantRef, purpose, templateKey, data, channel, source, mailingId);
    }

    public static final String TOPIC = "notification.requests.v1";
    /** One type for every producer: the contract belongs to notification-service. */
    public static final String TYPE = "nl.meedoen.notification.message-requested.v1";

    public static final String CONSULTATION = "consultation";
    public static final String PANEL = "panel";
    public static final String RECRUITMENT = "recruitment";
    /** Feedback on the tenant's own participation: no contact budget, no per-purpose opt-out; an opt-out of everything holds. */
    public static final String FEEDBACK = "feedback";
    /** A service message (a confirmation, a receipt): always sent. */
    public static final String SERVICE = "service";

    public static final String EMAIL = "EMAIL";
    public static final String LETTER = "LETTER";
}
