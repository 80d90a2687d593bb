package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The contract checks of an end-to-end test class ({@code @ExtendWith({PlatformExtension.class, ContractExtension.class})}):
 *
 * <ul>
 * <li>every response the test receives from the gateway's {@code /api/} is checked against the merged OpenAPI
 * ({@link ContractFilter}); a test that received one that breaks it fails after it ran, listing them all;</li>
 * <li>after the class, every record the services published on Kafka since the last check (every topic but the
 * dead-letter ones, records of the services' own {@code ce_source} only — not what tests inject) is checked
 * against {@code asyncapi.yaml} and the payload schema it names ({@link AsyncApiContract}).</li>
 * </ul>
 */
final class ContractExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** What the services' outboxes write (urn:meedoen:notification-service ...); tests inject urn:meedoen:test and the like. */
    private static final Pattern SERVICE_SOURCE = Pattern.compile("urn:meedoen:[a-z]+-service");
    /** Where the previous classes' checks stopped, per partition: each record is checked once per run. */
    private static final Map<TopicPartition, Long> CHECKED_UP_TO = new HashMap<>();

    private static AsyncApiContract asyncApi;

    @Override
    public void beforeAll(ExtensionContext context) {
        ContractFilter.INSTANCE.drain();
        if (!RestAssured.filters().contains(ContractFilter.INSTANCE)) {
            RestAssured.filters(ContractFilter.INSTANCE);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = ContractFilter.INSTANCE.drain();
        if (!violations.isEmpty()) {
            fail(violations.size() + " responses break the merged OpenAPI document:\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<io.restassured.filter.Filter> others = new ArrayList<>(RestAssured.filters());
        others.remove(ContractFilter.INSTANCE);
        RestAssured.replaceFiltersWith(others);
        Platform platform = PlatformExtension.platform(context);
        List<String> violations = new ArrayList<>();
        int checked = checkEvents(platform.stack().kafkaBootstrapServers(), violations);
        System.out.printf(
                "[contract] %s: %d responses checked against the merged OpenAPI so far, %d events against asyncapi.yaml%n",
                context.getDisplayName(), ContractFilter.INSTANCE.checked(), checked);
        if (!violations.isEmpty()) {
            fail(violations.size() + " published events break asyncapi.yaml:\n  " + String.join("\n  ", violations));
        }
    }

    /** Reads every non-DLQ topic from where the last check stopped to its current end. */
    static synchronized int checkEvents(String bootstrapServers, List<String> violations) {
        if (asyncApi == null) {
            asyncApi = AsyncApiContract.load();
        }
        int checked = 0;
        Set<String> seen = new LinkedHashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> topic :
                    consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
                if (topic.getKey().startsWith("__") || topic.getKey().endsWith(".dlq")) {
                    continue;
                }
                topic.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, CHECKED_UP_TO.getOrDefault(partition, 0L));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    CHECKED_UP_TO.put(partition, record.offset() + 1);
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(
                                header.key(),
                                header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    String source = headers.get("ce_source");
                    if (source == null || !SERVICE_SOURCE.matcher(source).matches()) {
                        continue; // injected by a test (poison events, fault tests)
                    }
                    checked++;
                    for (String violation : asyncApi.check(record.topic(), headers, record.value())) {
                        // one line per kind of mismatch, not one per record
                        String kind =
                                violation.replaceAll("\\(ce_id [^)]*\\)", "").replaceAll("\n.*", "");
                        if (seen.add(kind)) {
                            violations.add(violation);
                        }
                    }
                }
            }
        }
        return checked;
    }
}
