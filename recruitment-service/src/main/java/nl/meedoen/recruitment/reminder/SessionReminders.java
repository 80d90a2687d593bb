package nl.meedoen.recruitment.reminder;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.recruitment.RecruitmentConfig;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignSession;

/**
 * Reminds every seated participant of a session {@code recruitment.reminders.lead-time} before it starts
 * ({@value #MESSAGE}, a service message). Idempotent across runs and replicas: the reminder is claimed by inserting its
 * {@code session_reminder} row (primary key session + tenant) and only the transaction whose insert took the row sends;
 * the request id is stable too, so notification-service would drop a repeat anyway.
 */
@ApplicationScoped
public class SessionReminders {
    public static final String MESSAGE = nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_SESSION_REMINDER.key();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    @Inject
    RecruitmentConfig config;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Scheduled(
            every = "${recruitment.reminders.interval:5m}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        sendDue();
    }

    /** Sends the reminders of sessions starting within the lead time that are not sent yet. @return how many now */
    @Transactional
    public int sendDue() {
        OffsetDateTime now = OffsetDateTime.now();
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = em.createNativeQuery("""
                        INSERT INTO session_reminder (session_id, tenant_ref, sent_at)
                        SELECT cs.id, s.tenant_ref, ?1 FROM campaign_session cs
                        JOIN campaign c ON c.id = cs.campaign_id
                        JOIN signup s ON s.campaign_id = c.id AND s.status = 'ACTIVE' AND s.outcome IN ('SELECTED', 'CONFIRMED')
                        WHERE cs.starts_at > ?1 AND cs.starts_at <= ?2
                          AND (c.status IN ('DRAWN', 'SEATED')
                               OR ((c.selection_mode = 'OPEN_UP_TO_CAPACITY' OR c.term_number > 1) AND c.status IN ('OPEN', 'CLOSED')))
                        ON CONFLICT DO NOTHING
                        RETURNING session_id, tenant_ref""")
                .setParameter(1, now)
                .setParameter(2, now.plus(config.reminders().leadTime()))
                .getResultList();
        Map<UUID, CampaignSession> sessions = new HashMap<>();
        Map<UUID, Campaign> campaigns = new HashMap<>();
        List<MessageRequestV1> messages = new ArrayList<>();
        for (Object[] row : claimed) {
            CampaignSession cs = sessions.computeIfAbsent((UUID) row[0], id -> CampaignSession.findById(id));
            Campaign c = campaigns.computeIfAbsent(cs.campaignId, id -> Campaign.findById(id));
            String tenantRef = (String) row[1];
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaignTitle", c.title);
            data.put("sessionDate", WHEN.format(cs.startsAt.atZoneSameInstant(LOCAL)));
            data.put("location", cs.place != null ? cs.place : cs.onlineLink);
            messages.add(new MessageRequestV1(
                            "recruitment:" + c.id + ":" + MESSAGE + ":" + cs.id + ":" + tenantRef,
                            tenantRef,
                            MessageRequestV1.SERVICE,
                            MESSAGE,
                            data,
                            null)
                    .from(nl.meedoen.recruitment.signup.Signups.campaignSource(c.id)));
        }
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
        return messages.size();
    }
}
