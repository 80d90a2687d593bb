package nl.meedoen.consultation;

import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.CloudEventHeaders;
import nl.meedoen.devinfra.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Publishing to and reading from the real broker in tests. */
public final class Events {

    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    public static KafkaConsumer<String, String> consumer(String topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code count} matching records arrived or the time is up. */
    public static List<ConsumerRecord<String, String>> await(KafkaConsumer<String, String> consumer,
                                                             Predicate<ConsumerRecord<String, String>> match, int count, Duration max) {
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
    public static List<ConsumerRecord<String, String>> collect(KafkaConsumer<String, String> consumer,
                                                               Predicate<ConsumerRecord<String, String>> match, Duration window) {
        return await(consumer, match, Integer.MAX_VALUE, window);
    }

    /** Whether an event's payload honours the JSON Schema this service publishes for its type. */
    public static boolean matchesSchema(ConsumerRecord<String, String> r) {
        String type = header(r, "ce_type"); // nl.meedoen.consultation.<event>.v1
        String event = type.substring("nl.meedoen.consultation.".length(), type.length() - ".v1".length());
        try (var in = Events.class.getResourceAsStream("/events/" + event + ".v1.schema.json")) {
            var schema = io.vertx.json.schema.JsonSchema.of(new io.vertx.core.json.JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return io.vertx.json.schema.Validator.create(schema, new io.vertx.json.schema.JsonSchemaOptions()
                            .setDraft(io.vertx.json.schema.Draft.DRAFT202012).setBaseUri("https://meedoen.nl/"))
                    .validate(new io.vertx.core.json.JsonObject(r.value())).getValid();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Publishes a CloudEvent in binary mode, as another service's outbox relay would. */
    public static synchronized void publish(String topic, String key, String type, String payload) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers()),
                    new StringSerializer(), new StringSerializer());
        }
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), type, "urn:meedoen:test", key, OffsetDateTime.now(),
                "test", key, payload);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        CloudEventHeaders.write(record.headers(), event);
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
