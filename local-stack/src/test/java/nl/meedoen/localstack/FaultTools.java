package nl.meedoen.localstack;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the fault-injection tests need besides HTTP: the services' databases and raw Kafka topics. */
final class FaultTools {

    private FaultTools() {}

    /**
     * An open PSEUDONYMOUS survey (one required question) whose audience is {@code count} new tenantRefs, all invited;
     * returns the consultation id. Each final submission writes a response and a participation event (outbox).
     */
    static String openSurvey(Platform platform, String prefix, int count) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refs.add(prefix + "-" + i);
        }
        String id = platform.api()
                .body("""
                {"kind":"SURVEY","languages":["nl"],"title":{"nl":"Fouttest"},"anonymity":"PSEUDONYMOUS",
                 "audience":{"type":"LIST","tenantRefs":%s}}""".formatted(refs.stream()
                        .map(r -> "\"" + r + "\"")
                        .collect(java.util.stream.Collectors.joining(",", "[", "]"))))
                .post("/api/v1/consultations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        platform.api()
                .header("If-Match", "\"0\"")
                .body("""
                {"questions":[{"id":"q1","type":"SINGLE_CHOICE","text":{"nl":"Tevreden?"},"required":true,
                  "options":[{"value":"yes","text":{"nl":"Ja"}},{"value":"no","text":{"nl":"Nee"}}]}]}""")
                .put("/api/v1/consultations/{id}/questionnaire", id)
                .then()
                .statusCode(200);
        platform.api()
                .header("If-Match", "\"1\"")
                .body("""
                {"goal":{"nl":"meten"},"canInfluence":{"nl":"alles"},"cannotInfluence":{"nl":"niets"},"influenceLevel":"CONSULT",
                 "outcomeUse":{"nl":"rapport"},"outcomeBy":"2030-01-01"}""")
                .put("/api/v1/consultations/{id}/statement", id)
                .then()
                .statusCode(200);
        platform.api().post("/api/v1/consultations/{id}/open", id).then().statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Boolean.TRUE.equals(platform.polling()
                        .get("/api/v1/consultations/{id}/invitations/counts", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("allInvited")));
        return id;
    }

    /** Invitation token -> tenantRef of every invitation of the consultation, derived as the service derives them. */
    static Map<String, String> tokens(Platform platform, String consultationId) {
        try {
            String secret = java.nio.file.Files.readString(
                            platform.stack().settings().dataDir().resolve("consultation-token.secret"))
                    .trim();
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            Map<String, String> tokens = new java.util.LinkedHashMap<>();
            try (Connection c = DriverManager.getConnection(platform.stack().jdbcUrl("consultation"), "postgres", "");
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT id, tenant_ref FROM invitation WHERE consultation_id = ?::uuid ORDER BY tenant_ref")) {
                ps.setString(1, consultationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tokens.put(
                                java.util.Base64.getUrlEncoder()
                                        .withoutPadding()
                                        .encodeToString(mac.doFinal(
                                                ("invitation:" + rs.getString(1)).getBytes(StandardCharsets.UTF_8))),
                                rs.getString(2));
                    }
                }
            }
            return tokens;
        } catch (Exception e) {
            throw new IllegalStateException("could not derive the invitation tokens", e);
        }
    }

    /** The tenantRefs whose final submission the database holds (pseudonymous: linked to the invitation). */
    static java.util.Set<String> submitted(Platform platform, String consultationId) {
        return new java.util.HashSet<>(column(platform, "consultation", """
                SELECT i.tenant_ref FROM response_link l JOIN invitation i ON i.id = l.invitation_id
                JOIN response r ON r.id = l.response_id WHERE i.consultation_id = ?::uuid""", consultationId));
    }

    /** participation-recorded events of the consultation on Kafka: ce_id -> tenantRef (the payload's). */
    static List<String[]> participationEvents(Platform platform, String consultationId) {
        List<String[]> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readTopic(platform, "consultation.events.v1")) {
            if (consultationId.equals(r.key())
                    && "nl.meedoen.consultation.participation-recorded.v1".equals(header(r, "ce_type"))) {
                events.add(new String[] {
                    header(r, "ce_id"),
                    io.restassured.path.json.JsonPath.from(r.value()).getString("tenantRef")
                });
            }
        }
        return events;
    }

    /** The single-column result of a query on a service's own database (as the postgres superuser). */
    static List<String> column(Platform platform, String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(platform.stack().jdbcUrl(database), "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every record on {@code topic} right now, from the beginning of each partition (no consumer group). */
    static List<ConsumerRecord<String, String>> readTopic(Platform platform, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.stack().kafkaBootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    /** Sends records in order and waits for the broker's acknowledgement. */
    static void produce(Platform platform, List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.stack().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new StringSerializer(),
                new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to Kafka", e);
        }
    }

    /** A record with CloudEvents binary-mode headers, as the outbox relay writes them. */
    static ProducerRecord<String, String> cloudEvent(String topic, String key, String type, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", type);
        header(record, "ce_source", "urn:meedoen:fault-test");
        header(record, "ce_time", java.time.OffsetDateTime.now().toString());
        header(record, "content-type", "application/json");
        return record;
    }

    static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Final submissions through the gateway from a few client threads, one token each, until the tokens run out
     * or {@link #stop()}. Remembers every outcome: the HTTP status, or -1 when no response came.
     */
    static final class Submissions {
        private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        final Map<String, Integer> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger acked = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger failed =
                new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.ExecutorService pool;
        private volatile boolean stopped;

        Submissions(String gatewayUrl, List<String> tokens, int clients) {
            java.util.Iterator<String> next = tokens.iterator();
            pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
            for (int i = 0; i < clients; i++) {
                pool.submit(() -> {
                    while (!stopped) {
                        String token;
                        synchronized (next) {
                            if (!next.hasNext()) {
                                return;
                            }
                            token = next.next();
                        }
                        int status = submit(gatewayUrl, token);
                        outcomes.put(token, status);
                        (status == 201 ? acked : failed).incrementAndGet();
                    }
                });
            }
        }

        static int submit(String gatewayUrl, String token) {
            try {
                return HTTP.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                                gatewayUrl + "/api/v1/consultations/respondent/response"))
                                        .timeout(Duration.ofSeconds(20))
                                        .header("Content-Type", "application/json")
                                        .header("Invitation-Token", token)
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "{\"answers\":{\"q1\":\"yes\"}}"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (java.io.IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        int acked() {
            return acked.get();
        }

        int failed() {
            return failed.get();
        }

        /** Sends nothing new and waits for the requests in flight. */
        void stop() {
            stopped = true;
            awaitDone();
        }

        void awaitDone() {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("submissions still running after 2 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        java.util.Set<String> tokensWith(java.util.function.IntPredicate status) {
            java.util.Set<String> tokens = new java.util.HashSet<>();
            outcomes.forEach((token, s) -> {
                if (status.test(s)) {
                    tokens.add(token);
                }
            });
            return tokens;
        }
    }
}
