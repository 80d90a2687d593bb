package nl.meedoen.recruitment.signup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignSession;

/**
 * A sign-up's place outside a draw — a seat, a waitlist place, or none — and its message, and the waitlist moving up
 * into free seats. Used on sign-up (open up to capacity), by seating, by the draw (a campaign seated without one) and
 * when a campaign's seats change.
 */
@ApplicationScoped
public class Places {
    /** Message kinds (notification-service default templates) for seats given without a lottery. */
    public static final String SEATED = nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_SEATED.key();

    public static final String WAITLISTED = nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_WAITLISTED.key();
    public static final String NOT_SEATED = nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_NOT_SEATED.key();

    @Inject
    Outbox outbox;

    /**
     * The message of a seat given (or a waitlist place, or no seat) without a lottery, with the placeholders its
     * notification-service template requires. One per tenant and kind: the request id is stable, so a retry is never sent twice.
     */
    public static MessageRequestV1 message(Campaign c, String tenantRef, String template, Integer waitlistPosition) {
        return message(
                c,
                SEATED.equals(template) ? CampaignSession.nextSteps(c.id) : null,
                tenantRef,
                template,
                waitlistPosition);
    }

    /**
     * The same with the campaign's next steps read beforehand ({@link CampaignSession#nextSteps}), for many messages
     * of one campaign: its sessions are read once, not once per seat.
     */
    public static MessageRequestV1 message(
            Campaign c, String nextSteps, String tenantRef, String template, Integer waitlistPosition) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignTitle", c.title);
        data.put("theme", c.theme);
        if (SEATED.equals(template)) {
            data.put("nextSteps", nextSteps);
        } else if (WAITLISTED.equals(template)) {
            data.put("waitlistPosition", String.valueOf(waitlistPosition));
        }
        return new MessageRequestV1(
                        "recruitment:" + c.id + ":" + template + ":" + tenantRef,
                        tenantRef,
                        MessageRequestV1.SERVICE,
                        template,
                        data,
                        null)
                .from(Signups.campaignSource(c.id));
    }

    /** Sends (through the outbox, in the caller's transaction) the message of one tenant's seat or waitlist place. */
    public void tell(Campaign c, String tenantRef, String template, Integer waitlistPosition) {
        outbox.publish(
                MessageRequestV1.TOPIC,
                MessageRequestV1.TYPE,
                tenantRef,
                message(c, tenantRef, template, waitlistPosition));
    }

    /**
     * The first on the waitlist (in the order places were given) takes a free seat and gets the {@value #SEATED} message;
     * null when none is free or nobody waits.
     */
    public Signup promote(Campaign c) {
        List<Signup> moved = promote(c, 1);
        return moved.isEmpty() ? null : moved.get(0);
    }

    /**
     * Every free seat goes to the next on the waitlist, in its order, each told {@value #SEATED}: the seats and the
     * waitlist are read once, not once per seat. @return those moved up, in order
     */
    public List<Signup> promoteAll(Campaign c) {
        return promote(c, Integer.MAX_VALUE);
    }

    private List<Signup> promote(Campaign c, int max) {
        long free = c.seats - Signup.seated(c.id);
        if (free <= 0) {
            return List.of();
        }
        List<Signup> waiting = Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED);
        if (waiting.isEmpty()) {
            return List.of();
        }
        String nextSteps = CampaignSession.nextSteps(c.id);
        List<Signup> moved = new ArrayList<>();
        for (Signup next : waiting) {
            if (moved.size() >= free || moved.size() >= max) {
                break;
            }
            next.outcome = Signup.Outcome.SELECTED.name();
            next.placedAt = OffsetDateTime.now(ZoneOffset.UTC);
            tell(c, nextSteps, next.tenantRef); // moved up from the waitlist
            moved.add(next);
        }
        return moved;
    }

    /** Tells each of these, seated now, {@value #SEATED}; the campaign's sessions are read once for all of them. */
    public void tellSeated(Campaign c, List<Signup> seated) {
        if (seated.isEmpty()) {
            return;
        }
        String nextSteps = CampaignSession.nextSteps(c.id);
        for (Signup s : seated) {
            tell(c, nextSteps, s.tenantRef);
        }
    }

    private void tell(Campaign c, String nextSteps, String tenantRef) {
        outbox.publish(
                MessageRequestV1.TOPIC,
                MessageRequestV1.TYPE,
                tenantRef,
                message(c, nextSteps, tenantRef, SEATED, null));
    }
}
