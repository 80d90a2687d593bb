package nl.meedoen.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfraTest {

    @Test
    void postgresIsARealServerWithOneDatabasePerService() throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfra.jdbcUrl("notification"), PostgresServer.USER, "");
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            rs.next();
            assertEquals("notification", rs.getString(1));
            assertTrue(rs.getInt(2) >= 170000, "PostgreSQL 17 expected");
        }
    }

    @Test
    void kafkaSurvivesAStopAndKeepsItsRecords() {
        send("infra-check", "before");
        TestInfra.stopKafka();
        TestInfra.startKafka();
        send("infra-check", "after");
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-check"));
            List<String> seen = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(r -> seen.add(r.value()));
            }
            assertEquals(List.of("before", "after"), seen);
        }
    }

    private static void send(String topic, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void devTokensAreSignedForTheRequestedRole() {
        String token = TestInfra.token("ops");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertTrue(payload.contains("\"groups\":[\"ops\"]"), payload);
        assertTrue(payload.contains(DevTokens.ISSUER), payload);
    }
}
