package nl.meedoen.commons.contracts;

import java.util.UUID;

/**
 * "Open (or update) mailing M, whose recipients come as message requests": what a service publishes on
 * {@value #TOPIC} (key: mailingId, so the updates of one mailing stay in order; CloudEvents type {@value #TYPE}) before it
 * writes the {@link MessageRequestV1}s that name {@code mailingId}, each with its own data (a personal link). notification-service
 * keeps it as one of its mailings: progress at {@code /api/v1/mailings/{mailingId}}, and pause, resume and cancel act on
 * the deliveries not yet handed over. A message request may arrive before its mailing request (other key, other partition):
 * the mailing is then opened from the message request and named when this arrives.
 *
 * @param mailingId   the sender's id of the mailing (stable across retries: an outreach job's id)
 * @param name        shown in the mailing's progress, e.g. the campaign's title
 * @param purpose     as in {@link MessageRequestV1#purpose()}
 * @param templateKey the template of its messages
 * @param source      optional {@code <kind>:<id>}; the deliveries carry it
 * @param owner       optional: the tenant organisation (client id) that runs it, so it can follow and pause it; null: the corporation's
 * @param requested   null while the sender is still writing message requests; then how many it wrote in all: the mailing's
 *                    audience, complete when that many deliveries exist and every email is handed over
 */
public record MailingRequestV1(
        UUID mailingId,
        String name,
        String purpose,
        String templateKey,
        String source,
        String owner,
        Integer requested) {

    public static final String TOPIC = MessageRequestV1.TOPIC;
    public static final String TYPE = "nl.meedoen.notification.mailing-requested.v1";
}
