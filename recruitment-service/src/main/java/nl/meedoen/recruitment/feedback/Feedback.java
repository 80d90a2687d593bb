package nl.meedoen.recruitment.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignRequests.OutcomeIn;
import nl.meedoen.recruitment.campaign.CampaignViews.OutcomeOut;
import nl.meedoen.recruitment.campaign.Campaigns;

/**
 * Feedback (principle 5): what came of a campaign, mailed to everyone who signed up and did not withdraw — the seated
 * participants among them — as {@value #MESSAGE} with purpose {@code feedback} (a service message on one's own
 * participation: no contact budget, no per-purpose opt-out). Each tenant hears it once per occasion: a row in
 * {@code feedback_sent} is the claim, so a second call, a redelivered advice event or a tenant in two linked campaigns
 * never mails twice.
 */
@ApplicationScoped
public class Feedback {
    public static final String MESSAGE = nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_FEEDBACK.key();

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Campaigns campaigns;

    @Inject
    AuditLog audit;

    /**
     * Sends {@code outcome} to every active sign-up of the campaign not yet told under {@code key}, in the caller's
     * transaction. @return how many were told now
     */
    public int send(String key, Campaign c, String outcome) {
        @SuppressWarnings("unchecked")
        List<String> tenants = em.createNativeQuery("""
                        INSERT INTO feedback_sent (feedback_key, tenant_ref, campaign_id, sent_at)
                        SELECT ?1, s.tenant_ref, s.campaign_id, now() FROM signup s WHERE s.campaign_id = ?2 AND s.status = 'ACTIVE'
                        ON CONFLICT DO NOTHING
                        RETURNING tenant_ref""")
                .setParameter(1, key)
                .setParameter(2, c.id)
                .getResultList();
        String prefix = key.equals(campaignKey(c.id)) ? "recruitment:" + c.id : "recruitment:" + key;
        outbox.publishAll(
                MessageRequestV1.TOPIC,
                MessageRequestV1.TYPE,
                tenants.stream()
                        .map(ref -> {
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("campaignTitle", c.title);
                            data.put("outcome", outcome);
                            return new MessageRequestV1(
                                            prefix + ":" + MESSAGE + ":" + ref,
                                            ref,
                                            MessageRequestV1.FEEDBACK,
                                            MESSAGE,
                                            data,
                                            null)
                                    .from(nl.meedoen.recruitment.signup.Signups.campaignSource(c.id));
                        })
                        .toList(),
                MessageRequestV1::tenantRef);
        return tenants.size();
    }

    public static String campaignKey(UUID campaignId) {
        return "campaign:" + campaignId;
    }

    /**
     * The organiser records what came of the campaign, once, after sign-ups have closed (or the campaign has ended);
     * the feedback goes out in the same transaction.
     */
    @Transactional
    public OutcomeOut record(UUID campaignId, OutcomeIn in) {
        Campaign c = campaigns.locked(campaignId);
        Campaign.Status s = c.state();
        if (s == Campaign.Status.DRAFT || s == Campaign.Status.OPEN || s == Campaign.Status.CANCELLED) {
            throw Campaigns.wrongState(
                    c, "an outcome is recorded once the participants have done their work (after the close)");
        }
        if (c.outcome != null) {
            throw Campaigns.wrongState(
                    c, "its outcome was recorded at " + c.outcomeAt + " and the feedback has gone out");
        }
        String outcome =
                in == null || in.outcome() == null ? null : in.outcome().strip();
        if (outcome == null || outcome.isEmpty()) {
            throw ProblemException.fieldRule("outcome", "required: what came of it, in plain text");
        }
        if (outcome.length() > 10000) {
            throw ProblemException.fieldRule("outcome", "at most 10000 characters");
        }
        c.outcome = outcome;
        c.outcomeAt = OffsetDateTime.now(ZoneOffset.UTC);
        int sent = send(campaignKey(c.id), c, outcome);
        campaigns.publish(c, Campaigns.OUTCOME_RECORDED);
        audit.record("campaign.outcome-recorded", "campaign", c.id.toString(), Map.of("feedbackSent", sent));
        return new OutcomeOut(c.id, c.outcome, c.outcomeAt, sent);
    }
}
