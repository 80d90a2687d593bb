import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.TestInfra;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notification benchmark (see README.md): a real PostgreSQL and Kafka (dev-infra), an SMTP sink in
 * this JVM, and the packaged notification-service as a child process with a fixed heap.
 *
 *  1. bulk import of IMPORT_ROWS tenants (CSV) -> rows/s, next to the raw COPY of the same CSV into the same database
 *  2. raw SMTP acceptance rate of the sink: a plain blaster, MAILING_SIZE messages over POOL connections;
 *     then the Vert.x mail client (under Quarkus Mailer) alone, the same number of pre-built messages
 *  3. a MAILING_SIZE-tenant mailing, from start until the sink accepted the last message -> msgs/s, ratio to raw
 *  4. the service's peak heap (jvm_memory_used_bytes{area="heap"}, polled) against its -Xmx
 */
public class NotificationBenchmark {

    static final int IMPORT_ROWS = Integer.getInteger("importRows", 200_000);
    static final int MAILING_SIZE = Integer.getInteger("mailingSize", 100_000);
    static final int POOL = Integer.getInteger("pool", 10);
    static final String XMX = System.getProperty("serviceXmx", "512m");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;
    static String token;
    static volatile long peakHeap;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        if (MAILING_SIZE > IMPORT_ROWS) { // the mailing's audience is taken from the imported tenants
            throw new IllegalArgumentException("mailingSize (" + MAILING_SIZE + ") must not exceed importRows (" + IMPORT_ROWS + ")");
        }
        System.out.printf("machine: %d cores, %s %s; service -Xmx%s; import %d rows; mailing %d tenants; SMTP pool %d%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"),
                XMX, IMPORT_ROWS, MAILING_SIZE, POOL);

        String jdbc = TestInfra.jdbcUrl("notification");
        String kafka = TestInfra.kafkaBootstrapServers();
        token = TestInfra.token("corporation");
        int smtpPort = freePort();
        Sink sink = "greenmail".equals(System.getProperty("sink", "discard")) ? new GreenMailSink(smtpPort) : new DiscardSink(smtpPort);
        System.out.println("sink: " + sink.getClass().getSimpleName());
        if (Boolean.getBoolean("blastOnly")) {
            double raw = blast(smtpPort, MAILING_SIZE, POOL);
            double library = mailClientAlone(smtpPort, MAILING_SIZE, POOL);
            double angus = angusMailAlone(smtpPort, MAILING_SIZE, POOL);
            System.out.printf("raw SMTP blaster: %.0f msgs/s; Vert.x mail client alone: %.0f msgs/s (%.2f); Angus Mail alone: %.0f msgs/s (%.2f)%n",
                    raw, library, library / raw, angus, angus / raw);
            System.exit(0);
        }

        int httpPort = freePort();
        base = "http://127.0.0.1:" + httpPort;
        Path serviceJar = Path.of("notification-service/target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + XMX, "-XX:+UseG1GC",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.datasource.jdbc.url=" + jdbc, "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=",
                "-Dkafka.bootstrap.servers=" + kafka,
                "-Dmp.jwt.verify.publickey.location=" + TestInfra.publicKeyLocation(), "-Dmp.jwt.verify.issuer=" + DevTokens.ISSUER,
                "-Dquarkus.profile=local", // the development issuer is accepted only there
                "-Dmeedoen.household-key.secret=benchmark-household-secret", "-Dmeedoen.notification.link-secret=benchmark-link-secret-0123",
                "-Dmeedoen.notification.code-secret=benchmark-notification-code-secret-0123456789",
                "-Dquarkus.mailer.host=127.0.0.1", "-Dquarkus.mailer.port=" + smtpPort, "-Dquarkus.mailer.start-tls=DISABLED",
                "-Dquarkus.mailer.max-pool-size=" + POOL,
                "-Dmeedoen.notification.email.rate=0", "-Dmeedoen.notification.email.batch-size=" + Integer.getInteger("batch", 500),
                "-Dmeedoen.notification.email.poll-interval=100ms", "-Dmeedoen.notification.mailing.poll-interval=100ms",
                "-Dquarkus.log.level=WARN"));
        if (!System.getProperty("serviceOpts", "").isBlank()) { // extra JVM options, e.g. a JFR recording
            command.addAll(List.of(System.getProperty("serviceOpts").split(" ")));
        }
        command.addAll(List.of("-jar", serviceJar.toString()));
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy));
        waitUntilUp();
        Thread heapWatcher = new Thread(NotificationBenchmark::watchHeap, "heap-watcher");
        heapWatcher.setDaemon(true);
        heapWatcher.start();

        // 1. bulk import
        Path csv = work.resolve("tenants.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("tenantRef,name,email,street,houseNumber,postcode,city,language,preferredChannel,neighbourhoodCode,birthYear,householdType\n");
            for (int i = 0; i < IMPORT_ROWS; i++) {
                boolean target = i < MAILING_SIZE;
                w.write(String.format("B-%07d,Tenant %d,tenant%d@bench.example,Benchmarkstraat,%d,%04d AB,Utrecht,%s,EMAIL,%s,%d,SINGLE%n",
                        i, i, i, 1 + i % 500, 1000 + i % 9000, i % 5 == 0 ? "en" : "nl", target ? "BU00000001" : "BU00000002", 1940 + i % 60));
            }
        }
        long t0 = System.nanoTime();
        HttpResponse<String> upload = HTTP.send(request("/api/v1/tenant-imports").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        check(upload, 202);
        String importId = field(upload.body(), "id");
        String done = poll("/api/v1/tenant-imports/" + importId, "\"status\":\"(COMPLETED|FAILED)\"", Duration.ofMinutes(30));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("import: %d rows in %.1f s = %.0f rows/s (%s)%n", IMPORT_ROWS, importSeconds, IMPORT_ROWS / importSeconds, done);
        double copySeconds = rawCopy(jdbc, csv);
        System.out.printf("raw COPY (psql \\copy of the same CSV into a table of its columns, same database, median of 3): %d rows in %.2f s = %.0f rows/s; ratio import/raw %.3f%n",
                IMPORT_ROWS, copySeconds, IMPORT_ROWS / copySeconds, copySeconds / importSeconds);

        // 2. raw blaster against the same sink
        double raw = blast(smtpPort, MAILING_SIZE, POOL);
        System.out.printf("raw SMTP blaster: %d messages over %d connections = %.0f msgs/s%n", MAILING_SIZE, POOL, raw);
        // 2b. the mail library alone: what the Vert.x mail client under Quarkus Mailer reaches on this sink
        double library = mailClientAlone(smtpPort, MAILING_SIZE, POOL);
        System.out.printf("Vert.x mail client alone (pre-built messages like the service's, one context, pool %d): %d messages = %.0f msgs/s; ratio to raw %.2f%n",
                POOL, MAILING_SIZE, library, library / raw);
        // 2c. the other client the issue names, alone on the same sink
        double angus = angusMailAlone(smtpPort, MAILING_SIZE, POOL);
        System.out.printf("Angus Mail alone (the same messages built per recipient, %d threads with a connection each): %d messages = %.0f msgs/s; ratio to raw %.2f%n",
                POOL, MAILING_SIZE, angus, angus / raw);
        int before = sink.accepted();

        // 3. the mailing
        HttpResponse<String> created = HTTP.send(request("/api/v1/mailings").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"benchmark","templateKey":"consultation.invitation","purpose":"consultation",
                         "data":{"consultationTitle":"Benchmark","goal":"meten","closesOn":"morgen","invitationUrl":"https://example.nl/b"},
                         "audience":{"segment":{"neighbourhoodCode":["BU00000001"]}}}""")).build(), HttpResponse.BodyHandlers.ofString());
        check(created, 201);
        String mailingId = field(created.body(), "id");
        long m0 = System.nanoTime();
        check(HTTP.send(request("/api/v1/mailings/" + mailingId + "/start").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()), 200);
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        int accepted = 0;
        long lastProgress = System.nanoTime();
        while (accepted < MAILING_SIZE && System.nanoTime() < deadline) {
            Thread.sleep(100);
            int now = sink.accepted() - before;
            if (now > accepted) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(60).toNanos()) {
                System.out.printf("mailing STALLED: no message reached the sink for 60 s after %d of %d; progress: %s%n",
                        accepted, MAILING_SIZE, get("/api/v1/mailings/" + mailingId));
                service.destroy();
                System.exit(1);
            }
            accepted = now;
        }
        double mailingSeconds = (System.nanoTime() - m0) / 1e9;
        double rate = accepted / mailingSeconds;
        System.out.printf("mailing: %d messages accepted by the sink in %.1f s = %.0f msgs/s; ratio to raw %.2f%n",
                accepted, mailingSeconds, rate, rate / raw);
        System.out.println("progress: " + get("/api/v1/mailings/" + mailingId));
        System.out.printf("service heap: peak %d MB used of -Xmx%s%n", peakHeap / (1024 * 1024), XMX);
        service.destroy();
        service.waitFor();
        sink.stop();
        System.exit(0);
    }

    /**
     * The raw reference of the import: PostgreSQL's own bulk load of the same file (psql {@code \copy},
     * i.e. COPY FROM STDIN) into a plain table with the CSV's columns, the tenant table's types and its
     * primary key, in the service's database. Wall clock of the psql process; median of 3, emptied between.
     */
    static double rawCopy(String jdbc, Path csv) throws Exception {
        Matcher url = Pattern.compile("//([^:/]+):(\\d+)/([^?]+)").matcher(jdbc);
        if (!url.find()) {
            throw new IllegalStateException("no host, port and database in " + jdbc);
        }
        List<String> psql = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.group(1), "-p", url.group(2), "-U", "postgres",
                "-d", url.group(3), "-c", "\\copy raw_import FROM '" + csv.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)");
        double[] seconds = new double[3];
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS raw_import");
            s.execute("""
                    CREATE TABLE raw_import (tenant_ref TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, street TEXT NOT NULL,
                      house_number INT NOT NULL, postcode TEXT NOT NULL, city TEXT NOT NULL, language TEXT NOT NULL,
                      preferred_channel TEXT NOT NULL, neighbourhood_code TEXT, birth_year INT, household_type TEXT)""");
            for (int i = 0; i < seconds.length; i++) {
                s.execute("TRUNCATE raw_import");
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(psql).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql failed: " + out);
                }
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM raw_import")) {
                    rs.next();
                    if (rs.getLong(1) != IMPORT_ROWS) {
                        throw new IllegalStateException("raw COPY loaded " + rs.getLong(1) + " rows, not " + IMPORT_ROWS);
                    }
                }
            }
            s.execute("DROP TABLE raw_import");
        }
        Arrays.sort(seconds);
        return seconds[1];
    }

    interface Sink {
        int accepted();

        void stop();
    }

    /** GreenMail, as in the module's tests: parses and stores every message. */
    static final class GreenMailSink implements Sink {
        final GreenMail server;

        GreenMailSink(int port) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }

        public int accepted() {
            return server.getReceivedMessages().length;
        }

        public void stop() {
            server.stop();
        }
    }

    /** A minimal SMTP server that accepts every message and only counts it (thread per connection). */
    static final class DiscardSink implements Sink {
        final AtomicInteger count = new AtomicInteger();
        final ServerSocket server;

        DiscardSink(int port) throws Exception {
            server = new ServerSocket(port, 200, java.net.InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        s.setTcpNoDelay(true);
                        Thread t = new Thread(() -> session(s));
                        t.setDaemon(true);
                        t.start();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        void session(Socket socket) {
            try (socket) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1), 65536);
                OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
                write(out, "220 sink ESMTP", in);
                for (String line; (line = in.readLine()) != null; ) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (verb) {
                        case "EHLO" -> write(out, "250-sink\r\n250-PIPELINING\r\n250 8BITMIME", in);
                        case "DATA" -> {
                            write(out, "354 go ahead", in);
                            for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                                // discard
                            }
                            count.incrementAndGet();
                            write(out, "250 accepted", in);
                        }
                        case "QUIT" -> {
                            write(out, "221 bye", in);
                            return;
                        }
                        default -> write(out, "250 ok", in);
                    }
                }
            } catch (Exception e) {
                // connection gone
            }
        }

        /** Replies to pipelined commands go out together, as real servers do (RFC 2920). */
        static void write(OutputStream out, String reply, BufferedReader in) throws java.io.IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (!in.ready()) {
                out.flush();
            }
        }

        public int accepted() {
            return count.get();
        }

        public void stop() {
            try {
                server.close();
            } catch (java.io.IOException e) {
                // closing
            }
        }
    }

    /** The text and HTML parts of the messages both mail clients send alone, shaped like the service's. */
    static final String TEXT = "Beste Tenant,\n\nWe vragen uw mening over Benchmark. Het doel: meten.\nU kunt meedoen tot en met morgen.\n\n"
            + "Doe mee: https://example.nl/b\n\nWilt u over dit onderwerp geen berichten meer ontvangen? Afmelden: "
            + "http://localhost:8080/api/v1/unsubscribe/ZC_N4IyoRfiN2Mss2RO01T6uEHloNzQP9Y_k8AqW3Xo";
    static final String HTML = "<!DOCTYPE html><html lang=\"nl\"><body><p>" + TEXT.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p></body></html>";

    /**
     * The ceiling the mandated library sets: Quarkus Mailer hands every message to the Vert.x mail
     * client, which encodes the MIME message and speaks SMTP. Here that client alone sends messages
     * shaped like the service's (text and HTML parts, the same extra headers, no template, no
     * database, no events) from one Vert.x context over POOL pooled connections, with up to 1,000
     * in flight.
     */
    static double mailClientAlone(int port, int messages, int connections) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        io.vertx.ext.mail.MailClient client = io.vertx.ext.mail.MailClient.create(vertx, new io.vertx.ext.mail.MailConfig()
                .setHostname("127.0.0.1").setPort(port).setStarttls(io.vertx.ext.mail.StartTLSOptions.DISABLED)
                .setMaxPoolSize(connections).setKeepAlive(true));
        io.vertx.core.Context[] contexts = new io.vertx.core.Context[Integer.getInteger("clientContexts", 1)];
        for (int c = 0; c < contexts.length; c++) {
            contexts[c] = vertx.getOrCreateContext();
        }
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(1000);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(messages);
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            window.acquire();
            io.vertx.ext.mail.MailMessage message = new io.vertx.ext.mail.MailMessage().setFrom("Meedoen <no-reply@meedoen.nl>")
                    .setTo("tenant" + i + "@bench.example").setSubject("Uw mening gevraagd: Benchmark").setText(TEXT).setHtml(HTML);
            message.addHeader("Content-Language", "nl").addHeader("X-Meedoen-Delivery", java.util.UUID.randomUUID().toString())
                    .addHeader("List-Unsubscribe", "<http://localhost:8080/api/v1/unsubscribe/ZC_N4IyoRfiN2Mss2RO01T6uEHloNzQP9Y_k8AqW3Xo>")
                    .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            contexts[i % contexts.length].runOnContext(v -> client.sendMail(message).onComplete(result -> {
                if (result.failed()) {
                    failed.incrementAndGet();
                }
                window.release();
                done.countDown();
            }));
        }
        done.await();
        double rate = messages / ((System.nanoTime() - t0) / 1e9);
        client.close();
        vertx.close();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " messages failed in the mail-client-alone run");
        }
        return rate;
    }

    /**
     * Another client the issue names: Eclipse Angus Mail (Jakarta Mail), here on the classpath through GreenMail. The
     * same messages as {@link #mailClientAlone} (a MIME message with text and HTML parts and the same extra headers,
     * built for each recipient), CONNECTIONS threads each sending its share over one connection of its own, kept open.
     */
    static double angusMailAlone(int port, int messages, int connections) throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(properties);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            futures.add(pool.submit(() -> {
                try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    for (int i; (i = next.getAndIncrement()) < messages; ) {
                        var to = new jakarta.mail.internet.InternetAddress("tenant" + i + "@bench.example");
                        var message = new jakarta.mail.internet.MimeMessage(session);
                        message.setFrom(new jakarta.mail.internet.InternetAddress("no-reply@meedoen.nl", "Meedoen"));
                        message.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
                        message.setSubject("Uw mening gevraagd: Benchmark", "UTF-8");
                        var plain = new jakarta.mail.internet.MimeBodyPart();
                        plain.setText(TEXT, "UTF-8");
                        var rich = new jakarta.mail.internet.MimeBodyPart();
                        rich.setContent(HTML, "text/html; charset=UTF-8");
                        message.setContent(new jakarta.mail.internet.MimeMultipart("alternative", plain, rich));
                        message.setHeader("Content-Language", "nl");
                        message.setHeader("X-Meedoen-Delivery", java.util.UUID.randomUUID().toString());
                        message.setHeader("List-Unsubscribe", "<http://localhost:8080/api/v1/unsubscribe/ZC_N4IyoRfiN2Mss2RO01T6uEHloNzQP9Y_k8AqW3Xo>");
                        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                        message.saveChanges();
                        transport.sendMessage(message, new jakarta.mail.Address[] {to});
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return messages / ((System.nanoTime() - t0) / 1e9);
    }

    /** A plain SMTP client: POOL connections, each sending its share of messages one after another. */
    static double blast(int port, int messages, int connections) throws Exception {
        String body = "Subject: Uw mening gevraagd: Benchmark\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Beste Tenant,\r\n\r\n" + "x".repeat(1500) + "\r\n";
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            futures.add(pool.submit(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = socket.getOutputStream();
                    reply(in);
                    send(out, in, "EHLO blaster");
                    for (int i; (i = next.getAndIncrement()) < messages; ) {
                        send(out, in, "MAIL FROM:<blaster@bench.example>");
                        send(out, in, "RCPT TO:<raw" + i + "@bench.example>");
                        send(out, in, "DATA");
                        send(out, in, body + ".");
                    }
                    send(out, in, "QUIT");
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return messages / ((System.nanoTime() - t0) / 1e9);
    }

    static void send(OutputStream out, BufferedReader in, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reply(in);
    }

    static String reply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
            if (line == null || line.startsWith("4") || line.startsWith("5")) {
                throw new IllegalStateException("SMTP: " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    static void watchHeap() {
        // any labels besides area (the services add their own, such as the service's name), in any order
        Pattern heap = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+-]+)$");
        while (true) {
            try {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = heap.matcher(metrics);
                long used = 0;
                while (m.find()) {
                    used += (long) Double.parseDouble(m.group(1));
                }
                peakHeap = Math.max(peakHeap, used);
                Thread.sleep(250);
            } catch (Exception e) {
                return;
            }
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    static String get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String poll(String path, String regex, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Pattern p = Pattern.compile(regex);
        while (System.nanoTime() < deadline) {
            String body = get(path);
            if (p.matcher(body).find()) {
                return body;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("timed out polling " + path);
    }

    static void waitUntilUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("service did not start; see service.log");
    }

    static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
