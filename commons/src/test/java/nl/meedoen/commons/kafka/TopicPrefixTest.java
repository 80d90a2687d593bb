package nl.meedoen.commons.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPrefixTest {

    private static final Map<String, String> CHANNELS = Map.of(
            "mp.messaging.incoming.tenants-profile.topic", "tenants.profile.v1",
            "mp.messaging.incoming.tenants-profile.group.id", "panel-service.population",
            "mp.messaging.incoming.tenants-profile.dead-letter-queue.topic", "tenants.profile.v1.dlq",
            "mp.messaging.incoming.tenants-profile.auto.offset.reset", "earliest",
            "kafka.bootstrap.servers", "meedoen-shared-kafka-bootstrap:9092");

    private static SmallRyeConfig config(String prefix) {
        Map<String, String> properties = new HashMap<>(CHANNELS);
        if (prefix != null) {
            properties.put(TopicPrefix.PROPERTY, prefix);
        }
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withInterceptors(new TopicPrefix())
                .build();
    }

    @Test
    void aPrefixGoesInFrontOfTopicsDeadLetterTopicsAndConsumerGroupsOnly() {
        SmallRyeConfig config = config("woonstad.");
        assertEquals(
                "woonstad.tenants.profile.v1",
                config.getValue("mp.messaging.incoming.tenants-profile.topic", String.class));
        assertEquals(
                "woonstad.tenants.profile.v1.dlq",
                config.getValue("mp.messaging.incoming.tenants-profile.dead-letter-queue.topic", String.class));
        assertEquals(
                "woonstad.panel-service.population",
                config.getValue("mp.messaging.incoming.tenants-profile.group.id", String.class));
        assertEquals(
                "earliest", config.getValue("mp.messaging.incoming.tenants-profile.auto.offset.reset", String.class));
        assertEquals("meedoen-shared-kafka-bootstrap:9092", config.getValue("kafka.bootstrap.servers", String.class));
    }

    @Test
    void withoutAPrefixTheNamesAreThePlainOnes() {
        SmallRyeConfig config = config(null);
        assertEquals(
                "tenants.profile.v1", config.getValue("mp.messaging.incoming.tenants-profile.topic", String.class));
        assertEquals(
                "panel-service.population",
                config.getValue("mp.messaging.incoming.tenants-profile.group.id", String.class));
        assertEquals("tenants.profile.v1", TopicPrefix.apply("", "tenants.profile.v1"));
        assertEquals("woonstad.tenants.profile.v1", TopicPrefix.apply("woonstad.", "tenants.profile.v1"));
    }
}
