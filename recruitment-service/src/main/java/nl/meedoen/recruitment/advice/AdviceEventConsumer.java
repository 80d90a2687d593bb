package nl.meedoen.recruitment.advice;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Form;
import nl.meedoen.recruitment.feedback.Feedback;
import nl.meedoen.recruitment.seating.Terms;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the advice events of consultation-service on {@code consultation.events.v1} (idempotently through the commons
 * inbox; malformed events go to {@code consultation.events.v1.dlq}); other consultation events are skipped.
 * <ul>
 *   <li>{@value #ADVICE_GIVEN}: every linked campaign whose form is {@code FOCUS_GROUP} ends (a focus group dissolves when its
 *   advice is given, toolkit §3.1); other linked campaigns go on.</li>
 *   <li>{@value #ADVICE_ANSWERED}: the recommendations with the corporation's answers are the feedback mailed
 *   ({@code recruitment.feedback}, purpose feedback) to every sign-up — seated or not — of every linked campaign, each tenant
 *   once per trajectory however many linked campaigns they were in.</li>
 * </ul>
 * Linked ids this service does not know (another corporation's, or a consultation's) are skipped.
 */
@ApplicationScoped
public class AdviceEventConsumer {
    public static final String ADVICE_GIVEN = "nl.meedoen.consultation.advice-given.v1";
    public static final String ADVICE_ANSWERED = "nl.meedoen.consultation.advice-answered.v1";

    private static final Logger LOG = Logger.getLogger(AdviceEventConsumer.class);

    public record Recommendation(Integer number, String text, String answer, String reason) {}

    /** The payload of both advice events (recommendations and answeredAt only on advice-answered). */
    public record AdviceEvent(
            UUID trajectoryId,
            String subject,
            List<UUID> linkedCampaignIds,
            List<UUID> linkedConsultationIds,
            List<Recommendation> recommendations) {}

    @Inject
    InboundEvents inbound;

    @Inject
    Terms terms;

    @Inject
    Feedback feedback;

    @Incoming("consultation-events")
    @Blocking // ordered: one record at a time, so per-trajectory order holds
    public void onEvent(ConsumerRecord<String, String> record) {
        inbound.process("consultation-events", record, this::apply);
    }

    void apply(CloudEvent event) {
        boolean given = ADVICE_GIVEN.equals(event.type());
        if (!given && !ADVICE_ANSWERED.equals(event.type())) {
            return; // a consultation event this service has no use for
        }
        if (event.isTombstone()) {
            throw new MalformedEventException("an advice event needs a payload");
        }
        AdviceEvent e = event.payloadAs(AdviceEvent.class, "an advice event");
        if (e.trajectoryId() == null || e.linkedCampaignIds() == null) {
            throw new MalformedEventException("an advice event needs trajectoryId and linkedCampaignIds");
        }
        if (!given && (e.recommendations() == null || e.recommendations().isEmpty())) {
            throw new MalformedEventException("advice-answered needs the recommendations with their answers");
        }
        String outcome = given ? null : outcome(e);
        for (UUID id : e.linkedCampaignIds()) {
            Campaign c = id == null ? null : Campaign.findById(id);
            if (c == null) {
                LOG.infof(
                        "advice %s links campaign %s, which this service does not know; skipped", e.trajectoryId(), id);
                continue;
            }
            if (given) {
                if (Form.FOCUS_GROUP.name().equals(c.form) && !c.finished()) {
                    terms.dissolve(c, "advice-given " + e.trajectoryId());
                }
            } else {
                feedback.send("advice:" + e.trajectoryId(), c, outcome);
            }
        }
    }

    /** The feedback text: the subject, then each recommendation with the corporation's answer and its reason. */
    static String outcome(AdviceEvent e) {
        StringBuilder b = new StringBuilder();
        if (e.subject() != null && !e.subject().isBlank()) {
            b.append(e.subject().strip()).append('\n');
        }
        for (Recommendation r : e.recommendations()) {
            b.append('\n')
                    .append(r.number() == null ? "-" : r.number() + ".")
                    .append(' ')
                    .append(r.text() == null ? "" : r.text().strip())
                    .append("\n   ")
                    .append(answer(r.answer()));
            if (r.reason() != null && !r.reason().isBlank()) {
                b.append(": ").append(r.reason().strip());
            }
        }
        return b.toString();
    }

    private static String answer(String answer) {
        if (answer == null) {
            throw new MalformedEventException("a recommendation without the corporation's answer");
        }
        return switch (answer) {
            case "ADOPTED" -> "Overgenomen";
            case "ADOPTED_IN_PART" -> "Deels overgenomen";
            case "NOT_ADOPTED" -> "Niet overgenomen";
            default -> throw new MalformedEventException("unknown answer " + answer);
        };
    }
}
