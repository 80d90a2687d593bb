package nl.meedoen.notification.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.worker.BackgroundLoop;
import nl.meedoen.notification.NotificationConfig;
import nl.meedoen.notification.optout.UnsubscribeTokens;
import nl.meedoen.notification.template.TemplateService;
import nl.meedoen.notification.template.TemplateView;
import nl.meedoen.notification.template.TemplateViews;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Sends queued email deliveries. Each round claims a batch of due rows with
 * {@code FOR UPDATE SKIP LOCKED} (so replicas never take the same row), re-checks that the tenant may
 * still be mailed, hands the messages to SMTP concurrently at the configured rate, and records each
 * outcome and its event in the same transaction as the claim. Transient failures are retried with
 * exponential backoff up to a cap; permanent ones fail the delivery.
 */
@ApplicationScoped
public class EmailWorker {

    private static final Logger LOG = Logger.getLogger(EmailWorker.class);

    @Inject
    EntityManager em;

    @Inject
    ReactiveMailer mailer;

    @Inject
    NotificationConfig config;

    @Inject
    TemplateService templates;

    @Inject
    RecipientLookups recipients;

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    DeliveryEvents events;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.vertx.core.Vertx vertx;

    /**
     * Every hand-over to SMTP starts on this one Vert.x context. Called from a worker thread, the
     * mail client would make a new context per message; with hundreds in flight on contexts other
     * than their pooled connection's, connections were seen to hang between the server's greeting
     * and EHLO until every round timed out (benchmarks/notification, 2026-11-27).
     */
    private io.vertx.core.Context smtpContext;

    private BackgroundLoop loop;
    private volatile long nextSweep;
    private RateLimiter rate;

    void start(@Observes StartupEvent event) {
        rate = new RateLimiter(config.email().rate());
        smtpContext = vertx.getOrCreateContext();
        if (!config.email().workerEnabled()) {
            return;
        }
        nextSweep = System.nanoTime();
        // while one round sends, another records (SKIP LOCKED keeps them apart)
        loop = new BackgroundLoop(
                "email-worker",
                config.email().workers(),
                config.email().pollInterval(),
                Duration.ZERO,
                Duration.ofSeconds(10),
                this::round);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryQueued queued) {
        if (loop != null) {
            loop.wake();
        }
    }

    /**
     * Fails abandoned deliveries and removes the data of emails sent longer ago than the bounce window when that sweep
     * is due, then sends one batch; more waits when the batch was full.
     */
    private boolean round() {
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            nextSweep =
                    now + Math.max(1_000_000_000L, config.email().sendingLease().toNanos() / 4);
            failAbandoned();
            forgetSentData();
        }
        return sendOnce() == config.email().batchSize();
    }

    /** A claimed delivery with what is needed to send it. */
    record Claimed(
            DeliveryRef ref,
            String data,
            int attempts,
            String language,
            Integer templateVersion,
            boolean tenantExists,
            String name,
            String email) {}

    /** An outcome to record. */
    record Outcome(Claimed d, DeliveryStatus status, String reason, String error, Instant nextAttempt) {}

    /** A message to hand to SMTP. */
    record Sending(Claimed d, Mail mail) {}

    /**
     * One round; returns how many deliveries it claimed. Three steps, so that a crash never sends a
     * message twice: (1) claim due rows, hold back what may no longer be sent and mark the rest
     * {@code SENDING}, committed; (2) hand those to SMTP, outside any transaction; (3) record the
     * outcomes and their events. A row still {@code SENDING} after {@code sending-lease} belongs to
     * a worker that died between (1) and (3): it may have been sent, so it is failed, never resent
     * (see {@link #failAbandoned()}).
     */
    public int sendOnce() {
        List<Claimed> claimed = new ArrayList<>();
        List<Sending> sending = QuarkusTransaction.requiringNew().call(() -> {
            claimed.addAll(claim());
            if (claimed.isEmpty()) {
                return List.<Sending>of();
            }
            RecipientLookups.Found found = recipients.find(
                    null,
                    claimed.stream().map(c -> c.ref().tenantRef()).toList(),
                    claimed.stream().map(Claimed::email).toList());
            List<Outcome> settled = new ArrayList<>();
            List<Sending> toSend = new ArrayList<>();
            for (Claimed d : claimed) {
                Optional<Outcome> held = holdBack(d, found);
                if (held.isPresent()) {
                    settled.add(held.get());
                    continue;
                }
                try {
                    toSend.add(new Sending(d, compose(d)));
                } catch (Exception e) {
                    settled.add(new Outcome(
                            d, DeliveryStatus.FAILED, "cannot render: " + e.getMessage(), e.toString(), null));
                }
            }
            record(settled);
            markSending(toSend);
            return toSend;
        });
        if (sending.isEmpty()) {
            return claimed.size();
        }
        List<CompletableFuture<Outcome>> handedOver = new ArrayList<>(sending.size());
        for (Sending s : sending) {
            rate.acquire();
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            smtpContext.runOnContext(ignored -> mailer.send(s.mail())
                    .subscribe()
                    .with(
                            v -> outcome.complete(new Outcome(s.d(), DeliveryStatus.SENT, null, null, null)),
                            failure -> outcome.complete(failed(s.d(), failure))));
            handedOver.add(outcome);
        }
        List<Outcome> outcomes = new ArrayList<>(sending.size());
        long deadline = System.nanoTime() + config.email().sendTimeout().toNanos();
        for (int i = 0; i < handedOver.size(); i++) {
            try {
                outcomes.add(handedOver.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.TimeoutException e) {
                handedOver.get(i).cancel(true);
                outcomes.add(failed(sending.get(i).d(), e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(failed(sending.get(i).d(), e));
            } catch (java.util.concurrent.ExecutionException e) {
                outcomes.add(failed(sending.get(i).d(), e.getCause()));
            }
        }
        recordSent(outcomes);
        return claimed.size();
    }

    /** Step (3), retried while the database is away (a restart must not turn sent messages into abandoned ones). */
    private void recordSent(List<Outcome> outcomes) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> record(outcomes));
                return;
            } catch (RuntimeException e) {
                if (loop == null || !loop.running() || attempt >= 30) {
                    throw e; // the rows stay SENDING and are failed after the lease: never sent twice
                }
                LOG.warnf(
                        "recording %d sent deliveries failed (attempt %d), retrying: %s",
                        outcomes.size(), attempt, e.toString());
                try {
                    Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The recipient is recorded here, while the row is locked, so an erasure after this cannot be undone by step (3). */
    private void markSending(List<Sending> sending) {
        if (sending.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE delivery SET status = 'SENDING', recipient = ?, updated_at = now() WHERE id = ?")) {
                for (Sending s : sending) {
                    ps.setString(1, s.d().email());
                    ps.setObject(2, s.d().ref().id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /**
     * Deliveries left {@code SENDING} longer than the lease: their worker died after handing them to
     * SMTP, or before. SMTP cannot be asked which, so they are failed with that reason rather than
     * sent again (a request is never sent twice). Returns how many.
     */
    public int failAbandoned() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Outcome> abandoned = new ArrayList<>();
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement ps = connection.prepareStatement("""
                        SELECT d.id, d.request_id, d.mailing_id, d.tenant_ref, d.purpose, d.template_key, NULL, d.attempts,
                               NULL, NULL, true, NULL, NULL
                        FROM delivery d WHERE d.status = 'SENDING' AND d.updated_at < now() - ? * interval '1 millisecond'
                        LIMIT 1000 FOR UPDATE SKIP LOCKED""")) {
                    ps.setLong(1, config.email().sendingLease().toMillis());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Claimed d = claimed(rs);
                            abandoned.add(new Outcome(d, DeliveryStatus.FAILED, ABANDONED, null, null));
                        }
                    }
                }
            });
            record(abandoned);
            return abandoned.size();
        });
    }

    /**
     * A sent email's data holds the tenant's personal link: anyone reading it could act as the tenant. It is kept only
     * as long as a soft bounce may ask for the message again (the bounce window). Returns how many were cleared.
     */
    public int forgetSentData() {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("""
                                UPDATE delivery SET data = NULL
                                WHERE status = 'SENT' AND data IS NOT NULL AND sent_at < now() - ?1 * interval '1 millisecond'""")
                        .setParameter(1, config.email().bounceWindow().toMillis())
                        .executeUpdate());
    }

    /** The reason recorded for a delivery whose sending was cut off. */
    public static final String ABANDONED = "interrupted while sending: it may have arrived, so it is not sent again";

    /** A claimed row: the reference (columns 1-6), then data, attempts, language, template version, tenant exists, name, email. */
    private static Claimed claimed(ResultSet rs) throws java.sql.SQLException {
        int version = rs.getInt(10);
        return new Claimed(
                DeliveryRef.read(rs),
                rs.getString(7),
                rs.getInt(8),
                rs.getString(9),
                rs.wasNull() ? null : version,
                rs.getBoolean(11),
                rs.getString(12),
                rs.getString(13));
    }

    private List<Claimed> claim() {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Claimed> rows = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT d.id, d.request_id, d.mailing_id, d.tenant_ref, d.purpose, d.template_key, d.data, d.attempts,
                           d.language, d.template_version, t.tenant_ref IS NOT NULL, t.name, t.email
                    FROM delivery d LEFT JOIN tenant t ON t.tenant_ref = d.tenant_ref
                    WHERE d.status = 'QUEUED' AND d.channel = 'EMAIL' AND d.next_attempt_at <= now()
                      AND (d.mailing_id IS NULL OR EXISTS (SELECT 1 FROM mailing m WHERE m.id = d.mailing_id AND m.status = 'RUNNING'))
                    ORDER BY d.next_attempt_at
                    LIMIT ?
                    FOR UPDATE OF d SKIP LOCKED""")) {
                ps.setInt(1, config.email().batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(claimed(rs));
                    }
                }
            }
            return rows;
        });
    }

    /** Things may have changed since the message was queued: erased, opted out, address gone or suppressed. */
    private Optional<Outcome> holdBack(Claimed d, RecipientLookups.Found found) {
        DeliveryStatus.Reason reason = null;
        if (!d.tenantExists()) {
            reason = DeliveryStatus.Reason.ERASED;
        } else if (RecipientPolicy.optedOut(
                d.ref().purpose(), found.optOutsOf(d.ref().tenantRef()))) {
            reason = DeliveryStatus.Reason.OPTED_OUT;
        } else if (d.email() == null) {
            reason = DeliveryStatus.Reason.NO_ADDRESS;
        } else if (found.suppressed(d.email())) {
            reason = DeliveryStatus.Reason.ADDRESS_SUPPRESSED;
        }
        return reason == null
                ? Optional.empty()
                : Optional.of(new Outcome(d, DeliveryStatus.SUPPRESSED, reason.name(), null, null));
    }

    private Mail compose(Claimed d) throws Exception {
        TemplateView template = templates
                .cachedVersion(d.ref().templateKey(), d.language(), d.templateVersion())
                .orElseThrow(() -> new IllegalStateException(
                        "template " + d.ref().templateKey() + " v" + d.templateVersion() + " is gone"));
        Map<String, Object> data = d.data() == null
                ? Map.of()
                : mapper.readValue(d.data(), new TypeReference<LinkedHashMap<String, Object>>() {});
        boolean transactional = RecipientPolicy.transactional(d.ref().purpose());
        TemplateViews.Rendered rendered = templates.render(
                template,
                data,
                d.name(),
                transactional ? null : unsubscribePageUrl(d.ref().id()));
        Mail mail =
                Mail.withText(d.email(), rendered.subject(), rendered.text()).setHtml(rendered.html());
        mail.addHeader("Content-Language", template.language());
        mail.addHeader("X-Meedoen-Delivery", d.ref().id().toString());
        if (!transactional) {
            // RFC 8058 one-click unsubscribe (RFC 2369 List-Unsubscribe)
            mail.addHeader("List-Unsubscribe", "<" + unsubscribeUrl(d.ref().id()) + ">");
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mail;
    }

    /** The opt-out link a tenant reads in a message: {@code meedoen.notification.unsubscribe-page-url}. */
    public String unsubscribePageUrl(UUID deliveryId) {
        return config.unsubscribePageUrl().replace("{token}", tokens.token(deliveryId));
    }

    /** The API's one-click unsubscribe (List-Unsubscribe header): POST opts out, GET shows a confirmation form. */
    public String unsubscribeUrl(UUID deliveryId) {
        String base = config.publicBaseUrl().endsWith("/")
                ? config.publicBaseUrl().substring(0, config.publicBaseUrl().length() - 1)
                : config.publicBaseUrl();
        return base + "/api/v1/unsubscribe/" + tokens.token(deliveryId);
    }

    private Outcome failed(Claimed d, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof io.vertx.ext.mail.SMTPException smtp && smtp.isPermanent()) {
            return new Outcome(d, DeliveryStatus.FAILED, "SMTP " + smtp.getReplyCode() + " (permanent)", error, null);
        }
        int attempts = d.attempts() + 1;
        if (attempts >= config.email().maxAttempts()) {
            return new Outcome(d, DeliveryStatus.FAILED, "gave up after " + attempts + " attempts", error, null);
        }
        Duration backoff = Backoff.after(
                attempts, config.email().initialBackoff(), config.email().maxBackoff());
        return new Outcome(d, DeliveryStatus.QUEUED, null, error, Instant.now().plus(backoff));
    }

    private void record(List<Outcome> outcomes) {
        Timestamp now = Timestamp.from(Instant.now());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    UPDATE delivery SET status = ?, reason = ?, recipient = CASE WHEN ? THEN NULL ELSE recipient END, last_error = ?,
                           attempts = attempts + ?, next_attempt_at = coalesce(?, next_attempt_at), updated_at = ?,
                           sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE sent_at END,
                           data = CASE WHEN ? IN ('SUPPRESSED', 'FAILED') THEN NULL ELSE data END
                    WHERE id = ?""")) {
                for (Outcome o : outcomes) {
                    String status = o.status().name();
                    ps.setString(1, status);
                    ps.setString(2, o.reason());
                    ps.setBoolean(
                            3, o.status() != DeliveryStatus.SENT); // only a sent message keeps the address it went to
                    ps.setString(
                            4,
                            o.error() == null
                                    ? null
                                    : o.error()
                                            .substring(
                                                    0, Math.min(500, o.error().length())));
                    ps.setInt(5, o.status() == DeliveryStatus.SUPPRESSED ? 0 : 1);
                    ps.setTimestamp(6, o.nextAttempt() == null ? null : Timestamp.from(o.nextAttempt()));
                    ps.setTimestamp(7, now);
                    ps.setString(8, status);
                    ps.setTimestamp(9, now);
                    ps.setString(10, status);
                    ps.setObject(11, o.d().ref().id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        List<nl.meedoen.commons.contracts.NotificationEventV1> changes = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            if (o.status() != DeliveryStatus.QUEUED) {
                changes.add(DeliveryEvents.event(
                        o.d().ref(), MessageRequestV1.EMAIL, o.status().name(), o.reason()));
            } else {
                LOG.debugf(
                        "delivery %s: transient failure, retry at %s",
                        o.d().ref().id(), o.nextAttempt());
            }
        }
        events.publishAll(changes);
    }
}
