package nl.meedoen.notification.mailing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.worker.BackgroundLoop;
import nl.meedoen.notification.NotificationConfig;
import nl.meedoen.notification.delivery.DeliveryEvents;
import nl.meedoen.notification.delivery.DeliveryRef;
import nl.meedoen.notification.delivery.DeliveryStatus;
import nl.meedoen.notification.delivery.RecipientLookups;
import nl.meedoen.notification.delivery.RecipientPolicy;
import nl.meedoen.notification.optout.UnsubscribeTokens;
import nl.meedoen.notification.segment.SegmentFilter;
import nl.meedoen.notification.segment.Segments;
import nl.meedoen.notification.template.TemplateService;
import nl.meedoen.notification.template.TemplateView;
import nl.meedoen.notification.tenant.Tenant;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Drives mailings: starts scheduled ones when due and gives a running mailing its job ({@link MailingJob}),
 * which turns the audience into deliveries one chunk at a time (keyset by tenantRef, the cursor saved with the chunk, so memory
 * stays bounded and a crash or pause resumes where it stopped), and completes mailings whose emails
 * are all handed over. The unique (mailing, tenant) constraint makes a repeated chunk harmless.
 */
@ApplicationScoped
public class MailingRunner {

    private static final Logger LOG = Logger.getLogger(MailingRunner.class);

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    @Inject
    MailingService mailings;

    @Inject
    RecipientLookups recipients;

    @Inject
    TemplateService templates;

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    DeliveryEvents events;

    @Inject
    jakarta.enterprise.event.Event<nl.meedoen.notification.delivery.DeliveryQueued> queued;

    private BackgroundLoop loop;

    void start(@Observes StartupEvent event) {
        if (!config.mailing().runnerEnabled()) {
            return;
        }
        loop = new BackgroundLoop(
                "mailing-runner",
                1,
                config.mailing().pollInterval(),
                Duration.ZERO,
                Duration.ofSeconds(1),
                this::runOnce);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Inject
    Jobs jobs;

    /**
     * One round: due schedules start, a running mailing whose messages are not all created gets a mailing job if it
     * has none (a schedule that came due, a job that failed for good, a mailing started before mailings were jobs),
     * and mailings whose emails are all handed over complete. Returns false: the round's work is done.
     */
    public boolean runOnce() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE mailing SET status = 'RUNNING', started_at = now(), version = version + 1
                WHERE status = 'SCHEDULED' AND scheduled_at <= now()""").executeUpdate());
        @SuppressWarnings("unchecked")
        List<UUID> orphans = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("""
                SELECT m.id FROM mailing m WHERE m.status = 'RUNNING' AND NOT m.materialised AND NOT m.by_requests
                  AND NOT EXISTS (SELECT 1 FROM job j WHERE j.kind = ?1 AND j.subject = CAST(m.id AS TEXT) AND j.status IN ('QUEUED', 'RUNNING'))""")
                        .setParameter(1, MailingJob.KIND)
                        .getResultList());
        for (UUID id : orphans) {
            try {
                QuarkusTransaction.requiringNew().run(() -> jobs.submit(MailingJob.KIND, id.toString(), null));
            } catch (RuntimeException e) { // another replica submitted it first
                LOG.debugf("mailing %s already has a job: %s", id, e.getMessage());
            }
        }
        // a mailing fed by message requests has all its messages once the sender's count of them has arrived
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE mailing m SET materialised = true, version = version + 1
                WHERE m.by_requests AND NOT m.materialised AND m.audience_size IS NOT NULL
                  AND (SELECT count(*) FROM delivery d WHERE d.mailing_id = m.id) >= m.audience_size""").executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE mailing m SET status = 'COMPLETED', finished_at = now(), version = version + 1
                WHERE m.status = 'RUNNING' AND m.materialised
                  AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.mailing_id = m.id AND d.status IN ('QUEUED', 'SENDING') AND d.channel = 'EMAIL')""").executeUpdate());
        return false;
    }

    private record Recipient(
            String tenantRef,
            boolean exists,
            String email,
            String language,
            String preferredChannel,
            boolean postalAddress) {}

    /**
     * Turns the next chunk of mailing {@code id}'s audience into deliveries (in the caller's transaction, the cursor
     * saved with them). Returns false when there is nothing to do: the mailing is not RUNNING, or all is created.
     */
    boolean materialiseChunk(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(
                        "SELECT id FROM mailing WHERE id = ?1 AND status = 'RUNNING' AND NOT materialised AND NOT by_requests FOR UPDATE")
                .setParameter(1, id)
                .getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        Mailing m = em.find(Mailing.class, id);
        List<Recipient> chunk = readChunk(m);
        if (!chunk.isEmpty()) {
            List<String> refs = chunk.stream().map(Recipient::tenantRef).toList();
            lockTenants(refs); // the budget decision must not race a single message to the same tenant
            write(m, chunk, refs);
            m.cursorRef = refs.get(refs.size() - 1);
        }
        if (chunk.size() < config.mailing().chunkSize()) {
            m.materialised = true;
        }
        return true;
    }

    private List<Recipient> readChunk(Mailing m) {
        int size = config.mailing().chunkSize();
        String cursor = m.cursorRef == null ? "" : m.cursorRef;
        return em.unwrap(Session.class).doReturningWork(c -> {
            PreparedStatement ps;
            if (m.explicitList) {
                ps = c.prepareStatement("""
                        SELECT r.tenant_ref, t.tenant_ref IS NOT NULL, t.email, t.language, t.preferred_channel, t.street, t.postcode
                        FROM mailing_recipient r LEFT JOIN tenant t ON t.tenant_ref = r.tenant_ref
                        WHERE r.mailing_id = ? AND r.tenant_ref > ? ORDER BY r.tenant_ref LIMIT ?""");
                ps.setObject(1, m.id);
                ps.setString(2, cursor);
                ps.setInt(3, size);
            } else {
                SegmentFilter.Sql sql = mailings.filter(m).toSql(LocalDate.now(ZoneOffset.UTC));
                ps = c.prepareStatement("""
                        SELECT t.tenant_ref, TRUE, t.email, t.language, t.preferred_channel, t.street, t.postcode
                        FROM tenant t WHERE %s AND t.tenant_ref > ? ORDER BY t.tenant_ref LIMIT ?""".formatted(sql.condition()));
                int next = Segments.bind(c, ps, sql.params(), 1);
                ps.setString(next, cursor);
                ps.setInt(next + 1, size);
            }
            List<Recipient> rows = new ArrayList<>(size);
            try (ps;
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Recipient(
                            rs.getString(1),
                            rs.getBoolean(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Tenant.hasPostalAddress(rs.getString(6), rs.getString(7))));
                }
            }
            return rows;
        });
    }

    private void lockTenants(List<String> refs) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM tenant WHERE tenant_ref = ANY (?) ORDER BY tenant_ref FOR UPDATE")) {
                ps.setArray(1, c.createArrayOf("text", refs.toArray()));
                ps.executeQuery().close();
            }
        });
    }

    private void write(Mailing m, List<Recipient> chunk, List<String> refs) {
        boolean transactional = RecipientPolicy.transactional(m.purpose);
        RecipientLookups.Found found = recipients.find(
                m.purpose, refs, chunk.stream().map(Recipient::email).toList());
        Map<String, TemplateView> byLanguage = new HashMap<>();
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> told = new ArrayList<>();
        boolean anyEmail = false;
        List<Object[]> rows = new ArrayList<>(chunk.size());
        for (Recipient r : chunk) {
            RecipientPolicy.Decision decision = RecipientPolicy.decide(found.facts(
                    r.exists(),
                    r.tenantRef(),
                    r.email(),
                    r.postalAddress(),
                    r.preferredChannel(),
                    m.channel,
                    m.purpose));
            TemplateView template = byLanguage.computeIfAbsent(
                    r.language() == null ? "" : r.language(),
                    l -> templates
                            .resolve(m.templateKey, l.isEmpty() ? null : l)
                            .orElseThrow());
            UUID id = UUID.randomUUID();
            boolean queued = decision.status() == DeliveryStatus.QUEUED;
            anyEmail |= queued && MessageRequestV1.EMAIL.equals(decision.channel());
            rows.add(new Object[] {
                id,
                r.tenantRef(),
                decision.channel(),
                queued ? m.data : null,
                decision.status().name(),
                decision.reason() == null ? null : decision.reason().name(),
                template.language(),
                template.version(),
                transactional ? null : UnsubscribeTokens.hash(tokens.token(id))
            });
            if (!queued
                    || MessageRequestV1.LETTER.equals(
                            decision.channel())) { // held back, or a letter (told at once, as for requests)
                told.add(new Object[] {
                    id,
                    r.tenantRef(),
                    decision.channel(),
                    decision.status().name(),
                    decision.reason() == null ? null : decision.reason().name()
                });
            }
        }
        String source = nl.meedoen.notification.delivery.Sources.ofMailing(m.source, m.id);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO delivery (id, mailing_id, tenant_ref, purpose, template_key, channel, data, status, reason, language,
                                          template_version, unsubscribe_token_hash, attempts, next_attempt_at, created_at, updated_at, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                    ON CONFLICT (mailing_id, tenant_ref) DO NOTHING""")) {
                for (Object[] row : rows) {
                    ps.setObject(1, row[0]);
                    ps.setObject(2, m.id);
                    ps.setString(3, (String) row[1]);
                    ps.setString(4, m.purpose);
                    ps.setString(5, m.templateKey);
                    ps.setString(6, (String) row[2]);
                    ps.setString(7, (String) row[3]);
                    ps.setString(8, (String) row[4]);
                    ps.setString(9, (String) row[5]);
                    ps.setString(10, (String) row[6]);
                    ps.setInt(11, (Integer) row[7]);
                    ps.setString(12, (String) row[8]);
                    ps.setTimestamp(13, now);
                    ps.setTimestamp(14, now);
                    ps.setTimestamp(15, now);
                    ps.setString(16, source);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        List<NotificationEventV1> changes = new ArrayList<>(told.size());
        for (Object[] h : told) {
            changes.add(DeliveryEvents.event(
                    new DeliveryRef((UUID) h[0], null, m.id, (String) h[1], m.purpose, m.templateKey),
                    (String) h[2],
                    (String) h[3],
                    (String) h[4]));
        }
        events.publishAll(changes);
        if (anyEmail) {
            queued.fire(new nl.meedoen.notification.delivery.DeliveryQueued()); // wakes the worker after commit
        }
    }
}
