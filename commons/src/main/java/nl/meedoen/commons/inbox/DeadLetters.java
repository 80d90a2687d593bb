package nl.meedoen.commons.inbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.inbox.DeadLetterViews.Entry;
import nl.meedoen.commons.problem.ProblemException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The records this service's consumers parked on their dead-letter topics, for ops to read and, after a
 * fix, to replay onto the topic they came from. Replaying is safe: the inbox skips an event that was
 * processed meanwhile. Each replay is recorded (who, when) and audited; the record itself stays on the
 * dead-letter topic until Kafka's retention removes it.
 */
@ApplicationScoped
public class DeadLetters {

    /** What SmallRye's dead-letter strategy puts on a parked record. */
    static final String ORIGINAL_TOPIC = "dead-letter-topic";

    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    private static final int MAX = 500;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    /** The dead-letter topics of this service's channels, as configured (with the corporation's topic prefix). */
    public List<String> topics() {
        TreeSet<String> topics = new TreeSet<>();
        var config = ConfigProvider.getConfig();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
                config.getOptionalValue(name, String.class).ifPresent(topics::add);
            }
        }
        return List.copyOf(topics);
    }

    /** The newest parked records (at most 500), newest first, without payloads. */
    @Transactional
    public List<Entry> list(String topic) {
        List<Entry> entries = new ArrayList<>();
        for (String t : topics(topic)) {
            read(t).forEach(r -> entries.add(entry(r, false)));
        }
        entries.sort((a, b) -> b.parkedAt().compareTo(a.parkedAt()));
        return entries.size() > MAX ? entries.subList(0, MAX) : entries;
    }

    /** One parked record with its payload. */
    @Transactional
    public Entry get(String topic, int partition, long offset) {
        return entry(record(topic, partition, offset), true);
    }

    /** Sends one parked record back to the topic it came from, once. */
    @Transactional
    public Entry replay(String topic, int partition, long offset, String actor) {
        ConsumerRecord<byte[], byte[]> record = record(topic, partition, offset);
        if (!claim(record, actor)) {
            throw new ProblemException(
                    409,
                    "already-replayed",
                    "Already replayed",
                    "record " + topic + "/" + partition + "/" + offset + " was replayed before",
                    null);
        }
        send(List.of(record));
        return entry(record, false);
    }

    /** Replays every parked record of the topic (or of all) that was not replayed yet; how many. */
    @Transactional
    public int replayAll(String topic, String actor) {
        List<ConsumerRecord<byte[], byte[]>> claimed = new ArrayList<>();
        for (String t : topics(topic)) {
            read(t).stream().filter(r -> claim(r, actor)).forEach(claimed::add);
        }
        send(claimed);
        return claimed.size();
    }

    /** Records the replay (who, when) and audits it; false when the record was replayed before. Sent after: a failed send rolls it back. */
    private boolean claim(ConsumerRecord<byte[], byte[]> r, String actor) {
        int claimed = em.createNativeQuery("""
                        INSERT INTO dead_letter_replay (dlq_topic, dlq_partition, dlq_offset, replayed_by) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, r.topic())
                .setParameter(2, r.partition())
                .setParameter(3, r.offset())
                .setParameter(4, actor)
                .executeUpdate();
        if (claimed == 1) {
            audit.record(
                    "dead-letter.replay",
                    "dead-letter",
                    r.topic() + "/" + r.partition() + "/" + r.offset(),
                    Map.of("originalTopic", String.valueOf(header(r, ORIGINAL_TOPIC))));
        }
        return claimed == 1;
    }

    private List<String> topics(String topic) {
        return topic == null ? topics() : List.of(known(topic));
    }

    private String known(String topic) {
        if (!topics().contains(topic)) {
            throw new ProblemException(
                    404, "not-found", "Not found", "no dead-letter topic " + topic + " in this service", null);
        }
        return topic;
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset) {
        known(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (consumer.partitionsFor(topic).stream().noneMatch(p -> p.partition() == partition)) {
                throw notParked(topic, partition, offset);
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline
                    && consumer.position(tp) <= offset
                    && offset < consumer.endOffsets(List.of(tp)).get(tp)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
            throw notParked(topic, partition, offset);
        }
    }

    private static ProblemException notParked(String topic, int partition, long offset) {
        return new ProblemException(
                404, "not-found", "Not found", "no parked record " + topic + "/" + partition + "/" + offset, null);
    }

    /** Every record on the topic, from the beginning to the end offsets at the start of the read. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private void send(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Object> settings = new HashMap<>(kafkaSettings);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                ProducerRecord<byte[], byte[]> again =
                        new ProducerRecord<>(header(r, ORIGINAL_TOPIC), r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        again.headers().add(h);
                    }
                }
                producer.send(again).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(
                    503,
                    "kafka-unavailable",
                    "Kafka unavailable",
                    "the record could not be sent back: " + e.getMessage(),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> settings = new HashMap<>(kafkaSettings);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Entry entry(ConsumerRecord<byte[], byte[]> r, boolean withPayload) {
        List<?> replay = em.createNativeQuery("""
                        SELECT replayed_at, replayed_by FROM dead_letter_replay WHERE dlq_topic = ?1 AND dlq_partition = ?2 AND dlq_offset = ?3""")
                .setParameter(1, r.topic())
                .setParameter(2, r.partition())
                .setParameter(3, r.offset())
                .getResultList();
        Object[] row = replay.isEmpty() ? null : (Object[]) replay.get(0);
        return new Entry(
                r.topic(),
                r.partition(),
                r.offset(),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.timestamp()), java.time.ZoneOffset.UTC),
                header(r, ORIGINAL_TOPIC),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                header(r, "ce_type"),
                header(r, "ce_id"),
                header(r, REASON),
                header(r, CAUSE),
                row == null ? null : nl.meedoen.commons.sql.SqlTimes.offset(row[0]),
                row == null ? null : (String) row[1],
                withPayload && r.value() != null ? new String(r.value(), StandardCharsets.UTF_8) : null);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
