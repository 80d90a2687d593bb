import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.FreePort;
import nl.meedoen.devinfra.GatewayClient;
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
import java.util.concurrent.CountDownLatch;
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
 *  4. result reads of the consultation (by then RESPONSES responses) -> p50/p99 per kind of read, each next to
 *     its raw twin: the statements the endpoint runs, issued by pgbench against the same consultation
 */
public class ConsultationBenchmark {

    static final int RESPONSES = Integer.getInteger("responses", 100_000);
    /** -DpgStatements=true: load pg_stat_statements and print where PostgreSQL's time goes in the closed phase. */
    static final boolean PG_STATEMENTS = Boolean.getBoolean("pgStatements");
    static final int CONCURRENCY = Integer.getInteger("concurrency", 32);
    /**
     * Before the closed phase is measured, submissions are sent in rounds of this many until the JIT compiler threads
     * of the three JVMs (service, gateway, this one) used less than JIT_QUIET of a core in the last round.
     */
    static final int WARMUP_ROUND = Integer.getInteger("warmupRound", 5_000);
    static final double JIT_QUIET = Double.parseDouble(System.getProperty("jitQuiet", "0.1"));
    static final int RATE = Integer.getInteger("rate", 1000);
    static final int RATE_SECONDS = Integer.getInteger("rateSeconds", 30);
    static final int RAW_SECONDS = Integer.getInteger("rawSeconds", 30);
    static final int READS = Integer.getInteger("reads", 50);
    static final String XMX = System.getProperty("serviceXmx", "512m");
    static final String SECRET = "benchmark-consultation-token-secret-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    static String gateway;
    static GatewayClient api;
    static String bearer;

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // Kafka's threads would keep the JVM alive
        }
    }

    static void run() throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        System.out.printf("machine: %d cores, %s, Java %s; service -Xmx%s; %d responses; %d clients; %d/s for %d s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"),
                XMX, RESPONSES, CONCURRENCY, RATE, RATE_SECONDS);
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());

        pgData = work.resolve("postgres");
        deleteTree(pgData);
        int pgPort = FreePort.pick();
        PostgresServer postgres = PostgresServer.startPersistent(pgData, pgPort); // fsync and synchronous_commit on
        if (PG_STATEMENTS) { // pg_stat_statements is loaded only at server start
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", ""); Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            }
            postgres.close();
            postgres = PostgresServer.startPersistent(pgData, pgPort);
        }
        pg = postgres;
        workDir = work;
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        postgres.ensureDatabases(List.of("consultation", "raw"));
        if (PG_STATEMENTS) {
            execute(postgres, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        deleteTree(work.resolve("kafka"));
        KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), FreePort.pick(), FreePort.pick());
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        DevTokens tokens = DevTokens.inDirectory(work.resolve("jwt"));
        Path publicKey = work.resolve("jwt").resolve("dev-issuer.pub.pem");
        bearer = tokens.token("benchmark", "corporation");

        int servicePort = FreePort.pick();
        int gatewayPort = FreePort.pick();
        String jdbc = postgres.jdbcUrl("consultation");
        List<String> serviceArgs = new ArrayList<>(List.of("-Xmx" + XMX, "-XX:+UseG1GC"));
        if (!System.getProperty("serviceOpts", "").isBlank()) {
            serviceArgs.addAll(List.of(System.getProperty("serviceOpts").split(" ")));
        }
        serviceArgs.addAll(List.of(
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + servicePort,
                "-Dquarkus.datasource.jdbc.url=" + jdbc, "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=",
                "-Dquarkus.datasource.jdbc.max-size=" + Integer.getInteger("pool", 20),
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(), "-Dmp.jwt.verify.issuer=" + DevTokens.ISSUER,
                "-Dmeedoen.consultation.token-secret=" + SECRET, "-Dmeedoen.consultation.tick=1s", "-Dmeedoen.consultation.chunk-size=2000",
                "-Dquarkus.profile=local", // the development issuer is accepted only there
                "-Dquarkus.log.level=WARN", "-jar", "consultation-service/target/quarkus-app/quarkus-run.jar"));
        start(work, "consultation-service", serviceArgs);
        start(work, "gateway", List.of("-Xmx256m", "-XX:+UseG1GC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + gatewayPort,
                "-Dmeedoen.gateway.services.consultation=http://127.0.0.1:" + servicePort,
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(), "-Dmp.jwt.verify.issuer=" + DevTokens.ISSUER,
                // The development issuer is accepted only in the local profile; one load generator on one IP
                // must not meet the per-IP limits meant for guessing tokens.
                "-Dquarkus.profile=local",
                "-Dmeedoen.gateway.rate-limits.per-ip.per-second=1000000", "-Dmeedoen.gateway.rate-limits.per-ip.burst=1000000",
                "-Dmeedoen.gateway.rate-limits.token-routes-per-ip.per-second=1000000",
                "-Dmeedoen.gateway.rate-limits.token-routes-per-ip.burst=1000000",
                "-Dquarkus.log.level=WARN", "-jar", "gateway/target/quarkus-app/quarkus-run.jar"));
        gateway = "http://127.0.0.1:" + gatewayPort;
        api = new GatewayClient(gateway, bearer, Duration.ofMinutes(2));
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
                    FROM generate_series(1, TENANTS) i""".replace("TENANTS", Integer.toString(tenants)));
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

        // --- 2. closed model: as fast as CONCURRENCY clients go, after a warm-up: the JVMs have only run the set-up so far,
        // and while the JIT compiles their hot paths its threads take a large share of the two cores (40 % of a core in
        // the service alone, 12 s after 15,000 submissions); at most half the closed phase's submissions warm up
        int warmupBudget = Math.max(0, RESPONSES - RATE * RATE_SECONDS) / 2;
        int warmupCount = 0;
        long warmupFailed = 0;
        double jitShare = 1;
        long warmupStart = System.nanoTime();
        while (warmupCount < warmupBudget && jitShare >= JIT_QUIET) {
            int round = Math.min(WARMUP_ROUND, warmupBudget - warmupCount);
            double jitBefore = compilerCpu();
            Load warmup = load(() -> tokenList.get(nextToken.getAndIncrement()), round, CONCURRENCY, 0, 201);
            jitShare = (compilerCpu() - jitBefore) / warmup.seconds;
            warmupCount += round;
            warmupFailed += warmup.failed();
        }
        System.out.printf("warm-up, %d clients: %d submissions in %.1f s, until the JIT compilers used %.0f %% of a core (not measured), failed %d%n",
                CONCURRENCY, warmupCount, secs(warmupStart), jitShare * 100, warmupFailed);
        int closedCount = Math.max(0, RESPONSES - RATE * RATE_SECONDS) - warmupCount;
        if (PG_STATEMENTS) {
            execute(postgres, "SELECT pg_stat_statements_reset()");
        }
        var cpuBefore = cpu();
        Load closed = load(() -> tokenList.get(nextToken.getAndIncrement()), closedCount, CONCURRENCY, 0, 201);
        System.out.printf("gateway, %d clients: %d submissions in %.1f s = %.0f tx/s (%.2f x raw), p50 %.1f ms, p99 %.1f ms, failed %s%n",
                CONCURRENCY, closedCount, closed.seconds, closedCount / closed.seconds, closedCount / closed.seconds / raw.tps,
                pct(closed.latencies, 50), pct(closed.latencies, 99), closed.failedText());
        System.out.println("  CPU per submission: " + cpuPer(cpuBefore, cpu(), closedCount));
        if (PG_STATEMENTS) {
            System.out.println("  PostgreSQL statements of the service in that phase (pg_stat_statements), per submission:");
            System.out.print(execute(postgres, """
                    SELECT string_agg(format('    %8s µs  %6s calls  %s', round((total_exec_time * 1000 / """ + closedCount + """
                           )::numeric, 1), calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 140)), E'\\n' ORDER BY total_exec_time DESC) || E'\\n'
                    FROM (SELECT * FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                          WHERE d.datname = 'consultation' ORDER BY total_exec_time DESC LIMIT 15) top"""));
        }

        // --- 2b. the hops alone: the same POST through the gateway with a token of the wrong shape, which the service
        // refuses (401) after reading the body and before any database work: what the load generator, the gateway and
        // the service's HTTP and JSON handling cost without PostgreSQL, the writer or Kafka
        int hopsCount = Math.max(1, closedCount / 2);
        var hopsCpuBefore = cpu();
        Load hops = load(() -> "not-a-token", hopsCount, CONCURRENCY, 0, 401);
        System.out.printf("the hops alone (same POST, refused 401 before any database work), %d clients: %d requests in %.1f s = %.0f req/s (%.2f x raw), p50 %.1f ms, p99 %.1f ms, other status %d%n",
                CONCURRENCY, hopsCount, hops.seconds, hopsCount / hops.seconds, hopsCount / hops.seconds / raw.tps,
                pct(hops.latencies, 50), pct(hops.latencies, 99), hops.failed());
        System.out.println("  CPU per request: " + cpuPer(hopsCpuBefore, cpu(), hopsCount));

        // --- 3. open model: RATE submissions per second; latency counts from the intended start (no coordinated omission)
        int openCount = RATE * RATE_SECONDS;
        Load open = load(() -> tokenList.get(nextToken.getAndIncrement()), openCount, Integer.getInteger("openConnections", 256), RATE, 201);
        System.out.printf("gateway at %d/s: %d submissions in %.1f s = %.0f tx/s, p50 %.1f ms, p99 %.1f ms, failed %s%n",
                RATE, openCount, open.seconds, openCount / open.seconds, pct(open.latencies, 50), pct(open.latencies, 99), open.failedText());
        // per second of the schedule: shows whether the tail is spread out or a few stalls
        StringBuilder perSecond = new StringBuilder();
        for (int second = 0; second < RATE_SECONDS; second++) {
            perSecond.append(second == 0 ? "" : " ").append(Math.round(pct(Arrays.copyOfRange(open.latencies, second * RATE, (second + 1) * RATE), 99)));
        }
        System.out.println("  p99 per second of the schedule (ms): " + perSecond);

        // --- 4. results of the consultation, now with its responses
        String summary = send("GET", "/api/v1/consultations/" + id + "/results", null, 200);
        System.out.println("respondents counted by the results: " + field(summary, "respondents"));
        reads(id, "while open");
        send("POST", "/api/v1/consultations/" + id + "/close", null, 200);
        Thread.sleep(5000); // the scheduler folds the counter shards of a closed consultation
        reads(id, "after closing");
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    static void reads(String id, String when) throws Exception {
        for (String read : List.of("/results", "/results?weightBy=ageBand", "/results/breakdown?attribute=ageBand",
                "/results/breakdown?attribute=complexId", "/results/representativeness")) {
            if (HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/consultations/" + id + read))
                    .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 400) {
                System.out.printf("read %s: not kept (meedoen.consultation.breakdown-attributes)%n", read);
                continue;
            }
            long[] times = new long[READS];
            for (int i = 0; i < READS; i++) {
                long s = System.nanoTime();
                send("GET", "/api/v1/consultations/" + id + read, null, 200);
                times[i] = System.nanoTime() - s;
            }
            System.out.printf("read %s (%s): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", read, when, pct(times, 50), pct(times, 99), pct(times, 100));
            long[] raw = rawRead(id, read);
            System.out.printf("  raw SQL of that read (pgbench, same consultation): p50 %.2f ms, p99 %.2f ms, max %.2f ms; gateway/raw p50 %.1fx, p99 %.1fx%n",
                    pct(raw, 50), pct(raw, 99), pct(raw, 100), pct(times, 50) / pct(raw, 50), pct(times, 99) / pct(raw, 99));
        }
    }

    static PostgresServer pg;
    static Path workDir;

    /**
     * The raw twin of a result read: the statements ResultsService issues for it (the consultation row,
     * then ResultCells.read per attribute; the questionnaire is cached in the service), in one
     * transaction as the endpoint's, with the same literals, run READS + 1 times by one pgbench client
     * on the consultation database; the first (statement preparation) is left out, as the gateway's
     * reads follow one untimed request. Returns the latencies in ns from pgbench's per-transaction log.
     */
    static long[] rawRead(String id, String read) throws Exception {
        // ResultCells.read: the counter rows plus the increments not folded yet (one line: pgbench reads a statement per line)
        String cells = ("SELECT question_id, attr_value, answer_key, sum(n), sum(total) FROM ("
                + "SELECT consultation_id, attribute, question_id, attr_value, answer_key, n, total FROM result_cell "
                + "WHERE consultation_id = :id AND attribute = '%1$s' UNION ALL SELECT * FROM ("
                + "SELECT i.consultation_id, x.a COLLATE \"C\" AS attribute, x.q COLLATE \"C\" AS question_id, x.v COLLATE \"C\" AS attr_value, "
                + "x.k COLLATE \"C\" AS answer_key, x.c AS n, x.t AS total FROM result_increment i, "
                + "unnest(i.attribute, i.question_id, i.attr_value, i.answer_key, i.n, i.total) AS x(a, q, v, k, c, t) "
                + "WHERE i.consultation_id = :id) x WHERE attribute = '%1$s') cells "
                + "WHERE cast(%2$s AS text) IS NULL OR question_id = %2$s GROUP BY 1, 2, 3;\n");
        String all = cells.replace("%2$s", "NULL");
        String consultation = "SELECT * FROM consultation WHERE id = :id;\n";
        String sql = switch (read) {
            case "/results" -> consultation + all.formatted("");
            case "/results?weightBy=ageBand" -> consultation + all.formatted("") + all.formatted("ageBand");
            case "/results/breakdown?attribute=ageBand" -> consultation + all.formatted("ageBand");
            case "/results/breakdown?attribute=complexId" -> consultation + all.formatted("complexId");
            case "/results/representativeness" -> {
                StringBuilder b = new StringBuilder(consultation);
                for (String attribute : attributes()) {
                    b.append(cells.formatted(attribute, "''"));
                }
                yield b.append(cells.formatted("", "''")).toString();
            }
            default -> throw new IllegalArgumentException(read);
        };
        Path script = workDir.resolve("raw-read.sql");
        Files.writeString(script, "BEGIN;\n" + sql + "END;\n");
        Path logs = workDir.resolve("pgbench-read-logs");
        deleteTree(logs);
        Files.createDirectories(logs);
        run(List.of("pgbench", "-h", "localhost", "-p", Integer.toString(pg.port()), "-U", "postgres", "-n", "-M", "prepared",
                "-c", "1", "-t", Integer.toString(READS + 1), "-D", "id=" + id, "-l", "--log-prefix=" + logs.resolve("read"),
                "-f", script.toString(), "consultation"), logs);
        List<Long> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] cols = line.split(" "); // client tx latency_us script epoch epoch_us
                    if (!cols[1].equals("0")) {
                        latencies.add(Long.parseLong(cols[2]) * 1000);
                    }
                }
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** Runs one statement on the consultation database; returns the first column of its first row, if any. */
    static String execute(PostgresServer postgres, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("consultation"), "postgres", ""); Statement st = c.createStatement()) {
            if (!st.execute(sql)) {
                return "";
            }
            try (ResultSet rs = st.getResultSet()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "";
            }
        }
    }

    /** The breakdown attributes the service keeps (its default, or what serviceOpts sets), in the service's order. */
    static List<String> attributes() {
        List<String> names = List.of("ageBand", "householdType", "dwellingType", "tenancyBand", "neighbourhoodCode", "complexId", "language");
        var m = java.util.regex.Pattern.compile("-Dmeedoen\\.consultation\\.breakdown-attributes=(\\S+)").matcher(System.getProperty("serviceOpts", ""));
        if (!m.find()) {
            return names;
        }
        List<String> configured = List.of(m.group(1).split(","));
        return names.stream().filter(configured::contains).toList();
    }

    /** failures: what the failed submissions got instead, by status (-1: no answer after one reconnect). */
    record Load(double seconds, long[] latencies, java.util.Map<Integer, Long> failures) {
        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        String failedText() {
            return failures.isEmpty() ? "0" : failed() + " " + new java.util.TreeMap<>(failures);
        }
    }

    /**
     * Sends {@code count} submissions over {@code connections} keep-alive connections. rate 0: each
     * connection sends its next one as soon as the last is answered (closed model). rate > 0:
     * submission i is due at start + i/rate and its latency counts from then, however long it waited
     * for a free connection (open model, no coordinated omission).
     */
    static Load load(java.util.function.Supplier<String> token, int count, int connections, int rate, int expected) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        java.util.Map<Integer, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
        URI uri = URI.create(gateway);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        // Every connection is open before the schedule starts, as pgbench opens its clients' before its own: otherwise
        // the first second of an open-model run would also time connecting hundreds of sockets and starting their threads.
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong startAt = new AtomicLong();
        for (int w = 0; w < connections; w++) {
            pool.submit(() -> {
                Client client = new Client(uri.getHost(), uri.getPort());
                try {
                    client.connect();
                } catch (IOException e) {
                    // connects again on its first submission, where a failure is counted
                } finally {
                    connected.countDown();
                }
                go.await();
                long start = startAt.get();
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long due = rate > 0 ? start + (long) i * 1_000_000_000L / rate : System.nanoTime();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    int status = client.submit(token.get());
                    latencies[i] = System.nanoTime() - due;
                    if (status != expected) {
                        failures.merge(status, 1L, Long::sum);
                    }
                }
                client.close();
                return null;
            });
        }
        connected.await();
        long start = System.nanoTime() + 50_000_000L;
        startAt.set(start);
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        return new Load((System.nanoTime() - start) / 1e9, latencies, failures);
    }

    /** A minimal HTTP/1.1 keep-alive client: the load generator should cost the system under test as little CPU as possible. */
    static final class Client {
        final String host;
        final int port;
        java.net.Socket socket;
        java.io.BufferedInputStream in;
        java.io.OutputStream out;

        Client(String host, int port) {
            this.host = host;
            this.port = port;
        }

        int submit(String token) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String q1 = new String[] {"yes", "no", "maybe"}[r.nextInt(3)];
            String body = "{\"answers\":{\"q1\":\"" + q1 + "\",\"q2\":" + (1 + r.nextInt(5)) + ",\"q3\":[\"" + "abcd".charAt(r.nextInt(4)) + "\"]"
                    + (q1.equals("yes") ? ",\"q4\":" + r.nextInt(21) : "") + "}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /api/v1/consultations/respondent/response HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/json\r\nInvitation-Token: " + token + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    connect();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                    return readResponse();
                } catch (IOException e) {
                    close(); // the server closed a kept-alive connection: reconnect once
                }
            }
            return -1;
        }

        int readResponse() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.split(" ")[1]);
            int length = 0;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    in.readNBytes(size);
                    line();
                }
                line();
            } else {
                in.readNBytes(length);
            }
            return code;
        }

        void connect() throws IOException {
            if (socket == null) {
                socket = new java.net.Socket(host, port);
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
        }

        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
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
        // no ':' in literals: pgbench would take ":word" for a variable
        Files.writeString(script, """
                \\set n random(1, 200000)
                BEGIN;
                SELECT id, status FROM invitation WHERE token_hash = 'h' || :n FOR UPDATE;
                UPDATE invitation SET status = 'COMPLETED', draft = NULL WHERE token_hash = 'h' || :n;
                INSERT INTO response (id, consultation_id, questionnaire_version, submitted_on, answers)
                  VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 1, current_date,
                          json_build_object('q1', 'yes', 'q2', 4, 'q3', json_build_array('a'), 'q4', 3)::text);
                INSERT INTO outbox_event (event_id, topic, event_key, type, source, subject, occurred_at, payload)
                  VALUES (gen_random_uuid(), 'consultation.events.v1', 'k', 'nl.meedoen.consultation.participation-recorded.v1',
                          replace('urn|meedoen|consultation-service', '|', chr(58)), 'k', now(),
                          json_build_object('consultationId', 'k', 'tenantRef', 'B-1')::text);
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

    static final java.util.Map<String, Long> PIDS = new java.util.LinkedHashMap<>();
    static Path pgData;

    /** CPU seconds so far of the service, the gateway, this JVM (load generator and Kafka) and PostgreSQL (server and its live backends). */
    static java.util.Map<String, Double> cpu() throws IOException {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (var e : PIDS.entrySet()) {
            out.put(e.getKey(), cpuOf(e.getValue()));
        }
        out.put("load generator + Kafka", cpuOf(ProcessHandle.current().pid()));
        long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
        double pg = cpuOf(postmaster);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String[] stat = stat(p.resolve("stat"));
                    if (Long.parseLong(stat[1]) == postmaster) {
                        pg += cpuSeconds(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        out.put("PostgreSQL", pg);
        return out;
    }

    /** CPU seconds so far of the JIT compiler threads of the service, the gateway and this JVM. */
    static double compilerCpu() throws IOException {
        List<Long> pids = new ArrayList<>(PIDS.values());
        pids.add(ProcessHandle.current().pid());
        double total = 0;
        for (long pid : pids) {
            try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path thread : threads.toList()) {
                    try {
                        if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                            total += cpuSeconds(stat(thread.resolve("stat")));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            }
        }
        return total;
    }

    static double cpuOf(long pid) throws IOException {
        return cpuSeconds(stat(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** The fields of a /proc stat file after the command name (state is [0], ppid [1], utime [11], stime [12]). */
    static String[] stat(Path file) throws IOException {
        return Files.readString(file).replaceAll(".*\\) ", "").split(" ");
    }

    static double cpuSeconds(String[] stat) {
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0; // utime + stime, in clock ticks of 1/100 s
    }

    static String cpuPer(java.util.Map<String, Double> before, java.util.Map<String, Double> after, int submissions) {
        StringBuilder b = new StringBuilder();
        after.forEach((k, v) -> b.append(String.format("%s %.2f ms, ", k, (v - before.getOrDefault(k, 0.0)) * 1000 / submissions)));
        return b.substring(0, b.length() - 2);
    }

    static void start(Path work, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + work);
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
        PIDS.put(name, p.pid());
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

    static String send(String method, String path, String body, int expected) {
        return send(method, path, body, expected, null);
    }

    static String send(String method, String path, String body, int expected, String ifMatch) {
        return api.send(method, path, body, ifMatch, expected);
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
