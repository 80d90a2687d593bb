package nl.meedoen.commons.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.CloudEventHeaders;
import nl.meedoen.commons.kafka.TopicPrefix;
import nl.meedoen.commons.tracing.TraceContext;
import nl.meedoen.commons.worker.BackgroundLoop;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order and marks them published once the broker
 * has acknowledged them.
 *
 * <p>Every replica runs a relay, but each round happens inside a transaction that holds a
 * PostgreSQL advisory lock, so only one relay publishes at a time: per-key order holds and no two
 * replicas publish the same row. A crash between the broker's ack and the commit republishes the
 * round (at-least-once); consumers drop the duplicates by {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that makes one relay active per database. */
    public static final long RELAY_LOCK = 0x6d6565646f656eL; // "meedoen"

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    /** Every kafka.* setting as Quarkus hands it to the channels: the bootstrap servers and, on a shared cluster, the SASL login. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    @ConfigProperty(name = TopicPrefix.PROPERTY)
    Optional<String> topicPrefix;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private BackgroundLoop loop;
    private KafkaProducer<String, String> producer;
    private Instant nextPurge = Instant.now();

    void start(@Observes StartupEvent event) {
        Gauge.builder("meedoen.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("meedoen.outbox.oldest.age", oldestPendingSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("How long the oldest event not yet acknowledged by Kafka has waited (0: none waits)")
                .register(registry);
        if (!config.relayEnabled()) {
            return;
        }
        Map<String, Object> settings = new HashMap<>(kafkaSettings);
        settings.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                5,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                config.sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) config.sendTimeout().toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) config.sendTimeout().toMillis()));
        producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        loop = new BackgroundLoop(
                "outbox-relay",
                1,
                config.pollInterval(),
                config.linger(),
                Duration.ofSeconds(10),
                () -> relayOnce() == config.batchSize());
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop(config.sendTimeout().plusSeconds(1));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    void onWrite(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        if (loop != null) {
            loop.wake();
        }
    }

    public long backlog() {
        return backlog.get();
    }

    /**
     * Reads the age of the oldest unpublished event, in every replica (whichever holds the relay lock): a backlog that
     * is small but old means the relay is stuck, which the backlog count alone does not show.
     */
    @Scheduled(every = "${meedoen.outbox.age-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void measureOldestPending() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = connection.prepareStatement("""
                        SELECT coalesce(extract(epoch FROM now() - occurred_at), 0)
                        FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT 1""");
                ResultSet rs = ps.executeQuery()) {
            oldestPendingSeconds.set(rs.next() ? rs.getLong(1) : 0);
        } catch (SQLException e) {
            LOG.warnf("could not read the outbox's oldest pending event: %s", e.toString());
        }
    }

    /** The last reading of {@link #measureOldestPending()}, in seconds. */
    public long oldestPendingSeconds() {
        return oldestPendingSeconds.get();
    }

    /** One round: lock, read pending rows in id order, send, await acks, mark published, commit. */
    int relayOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0; // another replica is relaying
                }
                planForTodaysSize(connection);
                List<Pending> pending = readPending(connection);
                List<Long> acked = send(pending);
                markPublished(connection, acked);
                // A round that read fewer rows than it may saw the whole backlog: no need to count it.
                backlog.set(
                        pending.size() < config.batchSize() ? pending.size() - acked.size() : countBacklog(connection));
                purgeOldRows(connection);
                connection.commit();
                if (acked.size() < pending.size()) {
                    throw new IllegalStateException(
                            (pending.size() - acked.size()) + " events not acknowledged by Kafka");
                }
                return acked.size();
            } catch (Exception e) {
                safeRollback(connection);
                throw e;
            }
        }
    }

    private record Pending(long id, String topic, CloudEvent event, TraceContext trace) {}

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * The outbox can be nearly empty one minute and hold many thousands of rows the next. A plan
     * cached while it was empty (a sequential scan) would go on being used as it grows, until the
     * next autoanalyze: in a benchmark each round's update then scanned the whole table, 40 → 250 ms
     * per round within half a minute. Planned for the table as it is, each round uses the indexes.
     */
    private static void planForTodaysSize(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    private List<Pending> readPending(Connection connection) throws SQLException {
        List<Pending> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT id, topic, event_key, event_id, type, source, subject, occurred_at, correlation_id, payload, traceparent, tracestate
                FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ?""")) {
            ps.setInt(1, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CloudEvent event = new CloudEvent(
                            rs.getObject("event_id", UUID.class).toString(),
                            rs.getString("type"),
                            rs.getString("source"),
                            rs.getString("subject"),
                            rs.getObject("occurred_at", OffsetDateTime.class),
                            rs.getString("correlation_id"),
                            rs.getString("event_key"),
                            rs.getString("payload"));
                    rows.add(new Pending(
                            rs.getLong("id"),
                            rs.getString("topic"),
                            event,
                            TraceContext.of(rs.getString("traceparent"), rs.getString("tracestate"))));
                }
            }
        }
        return rows;
    }

    /** Sends in id order through one idempotent producer (which keeps per-partition order) and returns the acked ids. */
    private List<Long> send(List<Pending> pending) throws InterruptedException {
        List<Future<RecordMetadata>> futures = new ArrayList<>(pending.size());
        for (Pending row : pending) {
            ProducerRecord<String, String> record = new ProducerRecord<>(
                    TopicPrefix.apply(topicPrefix.orElse(""), row.topic()),
                    row.event().key(),
                    row.event().payload());
            CloudEventHeaders.write(record.headers(), row.event());
            // The writing request's context itself, not a span of the relay: consumers join the request's trace.
            if (row.trace() != null) {
                row.trace().writeTo(record.headers());
            }
            try {
                futures.add(producer.send(record));
            } catch (RuntimeException e) { // e.g. metadata not available while the broker is down
                LOG.debugf("send failed: %s", e);
                break;
            }
        }
        producer.flush();
        List<Long> acked = new ArrayList<>(futures.size());
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(pending.get(i).id());
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debugf(
                        "event %s not acknowledged: %s", pending.get(i).event().id(), e.toString());
            }
        }
        return acked;
    }

    /**
     * Marks the acknowledged rows published; rows of the topics that carry secrets (a tenant's personal link token in a
     * message request) are deleted instead, so no raw token stays at rest once the broker has it.
     */
    private void markPublished(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Array array = connection.createArrayOf("bigint", ids.toArray());
        if (!config.purgeOnPublish().isEmpty()) {
            try (PreparedStatement ps =
                    connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?) AND topic = ANY (?)")) {
                ps.setArray(1, array);
                ps.setArray(
                        2,
                        connection.createArrayOf("text", config.purgeOnPublish().toArray()));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps =
                connection.prepareStatement("UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)")) {
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private long countBacklog(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void purgeOldRows(Connection connection) throws SQLException {
        if (Instant.now().isBefore(nextPurge)) {
            return;
        }
        nextPurge = Instant.now().plusSeconds(600);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox_event WHERE published_at < ?")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()));
            ps.executeUpdate();
        }
    }

    private static void safeRollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback failed: %s", e);
        }
    }
}
