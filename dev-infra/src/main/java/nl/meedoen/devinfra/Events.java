package nl.meedoen.devinfra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishing to and reading from the tests' real broker, and checking payloads against published JSON Schemas. */
public final class Events {

    private Events() {}

    /** A consumer in a group of its own that reads the topic from the beginning. */
    public static KafkaConsumer<String, String> consumer(String topic) {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfra.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code count} matching records arrived or the time is up. */
    public static List<ConsumerRecord<String, String>> await(
            KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match,
            int count,
            Duration max) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (found.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (match.test(r)) {
                    found.add(r);
                }
            });
        }
        return found;
    }

    /** Everything matching that arrives within {@code window} (to prove something was NOT published). */
    public static List<ConsumerRecord<String, String>> collect(
            KafkaConsumer<String, String> consumer, Predicate<ConsumerRecord<String, String>> match, Duration window) {
        return await(consumer, match, Integer.MAX_VALUE, window);
    }

    /**
     * The matching records still to come once the service's outbox has relayed every row written so far: waits until
     * no row up to today's highest id is unpublished, then reads the topic to its end. Proves that nothing more was
     * published (a second copy, a rolled-back write) without waiting out a fixed window: the relay publishes in id
     * order and marks a row only after the broker acknowledged it.
     */
    public static List<ConsumerRecord<String, String>> restOnceRelayed(
            KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match,
            DataSource outboxDatabase) {
        long deadline = System.currentTimeMillis() + RELAY_WAIT.toMillis();
        try (Connection db = outboxDatabase.getConnection();
                PreparedStatement last = db.prepareStatement("SELECT coalesce(max(id), 0) FROM outbox_event");
                PreparedStatement pending = db.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE id <= ? AND published_at IS NULL")) {
            long upTo = single(last);
            pending.setLong(1, upTo);
            while (single(pending) > 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(
                            "the outbox did not relay its rows up to id " + upTo + " in " + RELAY_WAIT);
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        while (consumer.assignment().isEmpty()) { // a fresh consumer joins its group on its first polls
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the consumer was assigned no partition in " + RELAY_WAIT);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (match.test(r)) {
                    found.add(r);
                }
            });
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the consumer did not reach the topic's end " + end + " in " + RELAY_WAIT);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (match.test(r)) {
                    found.add(r);
                }
            });
        }
        return found;
    }

    private static final Duration RELAY_WAIT = Duration.ofSeconds(30);

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, String> producer;

    /** Publishes a CloudEvent in binary mode, as another service's outbox relay does; a null id leaves ce_id out. */
    public static synchronized void publish(String topic, String key, String eventId, String type, String payload) {
        if (producer == null) { // one for the test JVM: the broker does not change while it runs
            producer = new KafkaProducer<>(
                    Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer());
        }
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            if (eventId != null) {
                record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
            }
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:meedoen:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_time", OffsetDateTime.now().toString().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the JSON honours a schema the service under test publishes under src/main/resources/events/. */
    public static boolean matchesSchema(String schemaResource, String json) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader()
                : Events.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream("events/" + schemaResource)) {
            if (in == null) {
                throw new AssertionError("no schema events/" + schemaResource + " on the classpath");
            }
            var schema = io.vertx.json.schema.JsonSchema.of(
                    new io.vertx.core.json.JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return io.vertx.json.schema.Validator.create(
                            schema,
                            new io.vertx.json.schema.JsonSchemaOptions()
                                    .setDraft(io.vertx.json.schema.Draft.DRAFT202012)
                                    .setBaseUri("https://meedoen.nl/"))
                    .validate(new io.vertx.core.json.JsonObject(json))
                    .getValid();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
