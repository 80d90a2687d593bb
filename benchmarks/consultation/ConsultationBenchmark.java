import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.FreePort;
import nl.meedoen.devinfra.KafkaBroker;
import nl.meedoen.devinfra.PostgresServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Consultation benchmark (see README.md). Real and local: a durable PostgreSQL (fsync on) and Kafka
 * from dev-infra, the packaged consultation-service and gateway as child processes with fixed heaps,
 * pgbench for the raw baseline.
 *
 *  1. raw PostgreSQL: pgbench, one transaction = token check + used-up token + response + outbox row
 *  2. final submissions through the gateway, as many as CONCURRENCY clients manage -> tx/s, p50/p99
 *  3. final submissions through the gateway at a fixed RATE (open model) -> achieved rate, p50/p99
 *  4. result reads of the consultation (by then RESPONSES responses) -> p50/p99 per kind of read
 */
public class ConsultationBenchmark {

    static final int RESPONSES = Integer.getInteger("responses", 100_000);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 32);
    static final int RATE = Integer.getInteger("rate", 1000);
    static final int RATE_SECONDS = Integer.getInteger("rateSeconds", 30);
    static final int RAW_SECONDS = Integer.getInteger("rawSeconds", 30);
    static final int READS = Integer.getInteger("reads", 50);
    static final String XMX = System.getProperty("serviceXmx", "512m");
    static final String SECRET = "benchmark-consultation-token-secret-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String gateway;
    static String bearer;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        System.out.printf("machine: %d cores, %s, Java %s; service -Xmx%s; %d responses; %d clients; %d/s for %d s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"),
                XMX, RESPONSES, CONCURRENCY, RATE, RATE_SECONDS);
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());

        Path pgData = work.resolve("postgres");
        deleteTree(pgData);
        PostgresServer postgres = PostgresServer.startPersistent(pgData, FreePort.pick()); // fsync and synchronous_commit on
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        postgres.ensureDatabases(List.of("consultation", "raw"));
        deleteTree(work.resolve("kafka"));
        KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), FreePort.pick(), FreePort.pick());
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        DevTokens tokens = DevTokens.inDirectory(work.resolve("jwt"));
        Path publicKey = work.resolve("jwt").resolve("dev-issuer.pub.pem");
        bearer = tokens.token("benchmark", "corporation");

        int servicePort = FreePort.pick();
        int gatewayPort = FreePort.pick();
        String jdbc = postgres.jdbcUrl("consultation");
        start(work, "consultation-service", List.of("-Xmx" + XMX, "-XX:+UseParallelGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + servicePort,
                "-Dquarkus.datasource.jdbc.url=" + jdbc, "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=",
                "-Dquarkus.datasource.jdbc.max-size=" + Integer.getInteger("pool", 20),
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(), "-Dmp.jwt.verify.issuer=" + DevTokens.ISSUER,
                "-Dmeedoen.consultation.token-secret=" + SECRET, "-Dmeedoen.consultation.tick=1s", "-Dmeedoen.consultation.chunk-size=2000",
                "-Dquarkus.log.level=WARN", "-jar", "consultation-service/target/quarkus-app/quarkus-run.jar"));
        start(work, "gateway", List.of("-Xmx256m", "-XX:+UseParallelGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + gatewayPort,
                "-Dmeedoen.gateway.services.consultation=http://127.0.0.1:" + servicePort,
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(), "-Dmp.jwt.verify.issuer=" + DevTokens.ISSUER,
                "-Dquarkus.log.level=WARN", "-jar", "gateway/target/quarkus-app/quarkus-run.jar"));
        gateway = "http://127.0.0.1:" + gatewayPort;
        waitUntilUp("http://127.0.0.1:" + servicePort + "/q/health/ready");
        waitUntilUp(gateway + "/q/health/ready");

        // --- the audience: RESPONSES + spare tenants in the population read model (seeded by SQL: not what is measured)
        int tenants = RESPONSES + 5_000;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO population_member (tenant_ref, complex_id, neighbourhood_code, age_band, household_type, dwelling_type,
                                                   tenancy_band, language, household_key, updated_at)
                    SELECT 'B-' || lpad(i::text, 7, '0'), 'C-' || (i % 200), 'BU' || lpad((i % 50)::text, 8, '0'),
                           (ARRAY['18-34','35-49','50-64','65-79','80+'])[1 + i % 5], (ARRAY['SINGLE','COUPLE','FAMILY_WITH_CHILDREN','SINGLE_PARENT'])[1 + i % 4],
                           (ARRAY['APARTMENT','SINGLE_FAMILY_HOUSE','SENIOR_HOUSING'])[1 + i % 3], (ARRAY['0-1','2-4','5-9','10-19','20+'])[1 + i % 5],
                           CASE WHEN i % 5 = 0 THEN 'en' ELSE 'nl' END, md5(i::text), now()
                    FROM generate_series(1, %d) i""".formatted(tenants));
        }
        String id = field(send("POST", "/api/v1/consultations", """
                {"kind":"SURVEY","languages":["nl","en"],"title":{"nl":"Benchmark","en":"Benchmark"},"anonymity":"PSEUDONYMOUS",
                 "audience":{"type":"ALL"}}""", 201), "id");
        send("PUT", "/api/v1/consultations/" + id + "/questionnaire", """
                {"questions":[
                  {"id":"q1","type":"SINGLE_CHOICE","text":{"nl":"Tevreden?"},"required":true,
                   "options":[{"value":"yes","text":{"nl":"Ja"}},{"value":"no","text":{"nl":"Nee"}},{"value":"maybe","text":{"nl":"Soms"}}]},
                  {"id":"q2","type":"SCALE","text":{"nl":"Cijfer"},"min":1,"max":5},
                  {"id":"q3","type":"MULTIPLE_CHOICE","text":{"nl":"Wat?"},"max":2,
                   "options":[{"value":"a","text":{"nl":"A"}},{"value":"b","text":{"nl":"B"}},{"value":"c","text":{"nl":"C"}},{"value":"d","text":{"nl":"D"}}]},
                  {"id":"q4","type":"NUMBER","text":{"nl":"Hoeveel?"},"min":0,"max":20,"integer":true,
                   "visibleIf":{"question":"q1","op":"equals","value":"yes"}}]}""", 200, "\"0\"");
        send("PUT", "/api/v1/consultations/" + id + "/statement", """
                {"goal":{"nl":"meten"},"canInfluence":{"nl":"alles"},"cannotInfluence":{"nl":"niets"},"influenceLevel":"CONSULT",
                 "outcomeUse":{"nl":"rapport"},"outcomeBy":"2030-01-01"}""", 200, "\"1\"");
        send("POST", "/api/v1/consultations/" + id + "/open", null, 200);
        String counts;
        do {
            Thread.sleep(1000);
            counts = send("GET", "/api/v1/consultations/" + id + "/invitations/counts", null, 200);
        } while (!counts.contains("\"allInvited\":true"));
        System.out.printf("setup: %d tenants invited (invitation + message request each) in %.1f s: %s%n", tenants, secs(t0), counts);

        List<String> tokenList = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT id FROM invitation WHERE consultation_id = ?::uuid ORDER BY random()")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                while (rs.next()) {
                    tokenList.add(Base64.getUrlEncoder().withoutPadding().encodeToString(
                            mac.doFinal(("invitation:" + rs.getString(1)).getBytes(StandardCharsets.UTF_8))));
                }
            }
        }
        AtomicInteger nextToken = new AtomicInteger();

        // --- 1. raw PostgreSQL, the same writes in one transaction (pgbench)
        Raw raw = raw(postgres, work);
        System.out.printf("raw PostgreSQL (pgbench, %d clients, %d s): %.0f tx/s, latency avg %.2f ms%n", CONCURRENCY, RAW_SECONDS, raw.tps, raw.avgMs);
        Raw rawRate = rawAtRate(postgres, work);
        System.out.printf("raw PostgreSQL at %d tx/s: achieved %.0f tx/s, p50 %.1f ms, p99 %.1f ms%n", RATE, rawRate.tps, rawRate.p50, rawRate.p99);

        // --- 2. closed model: as fast as CONCURRENCY clients go
        int closedCount = Math.max(0, RESPONSES - RATE * RATE_SECONDS);
        long[] closed = new long[closedCount];
        AtomicInteger done = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long c0 = System.nanoTime();
        for (int w = 0; w < CONCURRENCY; w++) {
            pool.submit(() -> {
                int i;
                while ((i = done.getAndIncrement()) < closedCount) {
                    long s = System.nanoTime();
                    int status = submit(tokenList.get(nextToken.getAndIncrement())).join();
                    closed[i] = System.nanoTime() - s;
                    if (status != 201) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double closedSeconds = secs(c0);
        System.out.printf("gateway, %d clients: %d submissions in %.1f s = %.0f tx/s (%.2f x raw), p50 %.1f ms, p99 %.1f ms, failed %d%n",
                CONCURRENCY, closedCount, closedSeconds, closedCount / closedSeconds, closedCount / closedSeconds / raw.tps,
                pct(closed, 50), pct(closed, 99), failures.get());

        // --- 3. open model: RATE submissions per second, latency from the intended start (no coordinated omission)
        int openCount = RATE * RATE_SECONDS;
        long[] open = new long[openCount];
        AtomicLong openFailures = new AtomicLong();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(openCount);
        long o0 = System.nanoTime();
        long interval = 1_000_000_000L / RATE;
        for (int i = 0; i < openCount; i++) {
            long intended = o0 + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            inFlight.add(submit(tokenList.get(nextToken.getAndIncrement())).thenAccept(status -> {
                open[n] = System.nanoTime() - intended;
                if (status != 201) {
                    openFailures.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double openSeconds = secs(o0);
        System.out.printf("gateway at %d/s: %d submissions in %.1f s = %.0f tx/s, p50 %.1f ms, p99 %.1f ms, failed %d%n",
                RATE, openCount, openSeconds, openCount / openSeconds, pct(open, 50), pct(open, 99), openFailures.get());

        // --- 4. results of the consultation, now with its responses
        String summary = send("GET", "/api/v1/consultations/" + id + "/results", null, 200);
        System.out.println("respondents counted by the results: " + field(summary, "respondents"));
        for (String read : List.of("/results", "/results?weightBy=ageBand", "/results/breakdown?attribute=ageBand",
                "/results/breakdown?attribute=complexId", "/results/representativeness")) {
            long[] times = new long[READS];
            for (int i = 0; i < READS; i++) {
                long s = System.nanoTime();
                send("GET", "/api/v1/consultations/" + id + read, null, 200);
                times[i] = System.nanoTime() - s;
            }
            System.out.printf("read %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", read, pct(times, 50), pct(times, 99), pct(times, 100));
        }
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.exit(0);
    }

    static CompletableFuture<Integer> submit(String token) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String q1 = new String[] {"yes", "no", "maybe"}[r.nextInt(3)];
        String body = "{\"answers\":{\"q1\":\"" + q1 + "\",\"q2\":" + (1 + r.nextInt(5)) + ",\"q3\":[\"" + "abcd".charAt(r.nextInt(4)) + "\"]"
                + (q1.equals("yes") ? ",\"q4\":" + r.nextInt(21) : "") + "}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/consultations/respondent/response"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Invitation-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                .exceptionally(e -> -1);
    }

    record Raw(double tps, double avgMs, double p50, double p99) {
    }

    /** The raw database twin: invitation, response and outbox tables as the service has them, and pgbench's script. */
    static Path rawScript(PostgresServer postgres, Path work) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("raw"), "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS invitation, response, outbox_event");
            s.execute("""
                    CREATE TABLE invitation (id UUID PRIMARY KEY, consultation_id UUID NOT NULL, tenant_ref TEXT NOT NULL,
                      token_hash TEXT NOT NULL UNIQUE, status TEXT NOT NULL, language TEXT, draft BYTEA,
                      reminders_sent INT NOT NULL DEFAULT 0, feedback_sent BOOLEAN NOT NULL DEFAULT false, invited_at TIMESTAMPTZ NOT NULL)""");
            s.execute("""
                    CREATE TABLE response (id UUID PRIMARY KEY, consultation_id UUID NOT NULL, questionnaire_version INT NOT NULL,
                      submitted_on DATE NOT NULL, answers TEXT NOT NULL)""");
            s.execute("CREATE INDEX response_consultation ON response (consultation_id, id)");
            s.execute("""
                    CREATE TABLE outbox_event (id BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL UNIQUE, topic TEXT NOT NULL, event_key TEXT NOT NULL,
                      type TEXT NOT NULL, source TEXT NOT NULL, subject TEXT, occurred_at TIMESTAMPTZ NOT NULL, correlation_id TEXT,
                      payload TEXT, published_at TIMESTAMPTZ)""");
            s.execute("CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE published_at IS NULL");
            s.execute("""
                    INSERT INTO invitation (id, consultation_id, tenant_ref, token_hash, status, invited_at)
                    SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'B-' || i, 'h' || i, 'INVITED', now()
                    FROM generate_series(1, 200000) i""");
        }
        Path script = work.resolve("raw-submission.sql");
        Files.writeString(script, """
                \\set n random(1, 200000)
                BEGIN;
                SELECT id, status FROM invitation WHERE token_hash = 'h' || :n FOR UPDATE;
                UPDATE invitation SET status = 'COMPLETED', draft = NULL WHERE token_hash = 'h' || :n;
                INSERT INTO response (id, consultation_id, questionnaire_version, submitted_on, answers)
                  VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 1, current_date, '{"q1":"yes","q2":4,"q3":["a"],"q4":3}');
                INSERT INTO outbox_event (event_id, topic, event_key, type, source, subject, occurred_at, payload)
                  VALUES (gen_random_uuid(), 'consultation.events.v1', 'k', 'nl.meedoen.consultation.participation-recorded.v1',
                          'urn:meedoen:consultation-service', 'k', now(), '{"consultationId":"k","tenantRef":"B-1"}');
                END;
                """);
        return script;
    }

    static Raw raw(PostgresServer postgres, Path work) throws Exception {
        Path script = rawScript(postgres, work);
        String out = run(List.of("pgbench", "-h", "localhost", "-p", Integer.toString(postgres.port()), "-U", "postgres", "-n",
                "-M", "prepared", "-c", Integer.toString(CONCURRENCY), "-j", "2", "-T", Integer.toString(RAW_SECONDS), "-f", script.toString(), "raw"));
        return new Raw(number(out, "tps = ([0-9.]+)"), number(out, "latency average = ([0-9.]+) ms"), 0, 0);
    }

    static Raw rawAtRate(PostgresServer postgres, Path work) throws Exception {
        Path script = rawScript(postgres, work);
        Path logs = work.resolve("pgbench-logs");
        deleteTree(logs);
        Files.createDirectories(logs);
        String out = run(List.of("pgbench", "-h", "localhost", "-p", Integer.toString(postgres.port()), "-U", "postgres", "-n",
                "-M", "prepared", "-c", Integer.toString(CONCURRENCY), "-j", "2", "-T", Integer.toString(RAW_SECONDS), "-R", Integer.toString(RATE),
                "-l", "--log-prefix=" + logs.resolve("tx"), "-f", script.toString(), "raw"), logs);
        List<Long> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] cols = line.split(" ");
                    // client tx latency_us script epoch epoch_us lag_us: the latency counts from the scheduled start
                    latencies.add(Long.parseLong(cols[2]) * 1000);
                }
            }
        }
        long[] all = latencies.stream().mapToLong(Long::longValue).toArray();
        return new Raw(number(out, "tps = ([0-9.]+)"), number(out, "latency average = ([0-9.]+) ms"), pct(all, 50), pct(all, 99));
    }

    static String run(List<String> command) throws Exception {
        return run(command, null);
    }

    static String run(List<String> command, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed:\n" + out);
        }
        return out;
    }

    static double number(String text, String regex) {
        var m = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    static void start(Path work, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + work);
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    }

    static void waitUntilUp(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " did not come up; see the logs in the target folder");
    }

    static String send(String method, String path, String body, int expected) throws Exception {
        return send(method, path, body, expected, null);
    }

    static String send(String method, String path, String body, int expected, String ifMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static double pct(long[] nanos, int p) {
        long[] sorted = Arrays.stream(nanos).filter(x -> x > 0).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
