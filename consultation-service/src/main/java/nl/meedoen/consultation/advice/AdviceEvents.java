package nl.meedoen.consultation.advice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.commons.outbox.Outbox;

/**
 * Writes advice facts to the outbox on {@code consultation.events.v1} (key trajectoryId), in the caller's transaction.
 * recruitment-service ends the term of linked focus groups on advice-given and mails feedback to the linked campaigns'
 * participants on advice-answered; panel-service skips these types.
 */
@ApplicationScoped
public class AdviceEvents {

    public static final String ADVICE_GIVEN = "nl.meedoen.consultation.advice-given.v1";
    public static final String ADVICE_ANSWERED = "nl.meedoen.consultation.advice-answered.v1";

    @Inject
    Outbox outbox;

    /** Payload of advice-given (schema events/advice-given.v1.schema.json); ids and instant as strings (RFC 3339). */
    public record AdviceGiven(
            String trajectoryId,
            String subject,
            List<String> linkedCampaignIds,
            List<String> linkedConsultationIds,
            String givenAt) {}

    /** Payload of advice-answered (schema events/advice-answered.v1.schema.json). */
    public record AdviceAnswered(
            String trajectoryId,
            String subject,
            List<String> linkedCampaignIds,
            List<String> linkedConsultationIds,
            List<AnsweredRecommendation> recommendations,
            String answeredAt) {}

    public record AnsweredRecommendation(int number, String text, String answer, String reason) {}

    public void given(AdviceGiven payload) {
        outbox.publish(ConsultationEventV1.TOPIC, ADVICE_GIVEN, payload.trajectoryId(), payload);
    }

    public void answered(AdviceAnswered payload) {
        outbox.publish(ConsultationEventV1.TOPIC, ADVICE_ANSWERED, payload.trajectoryId(), payload);
    }
}
