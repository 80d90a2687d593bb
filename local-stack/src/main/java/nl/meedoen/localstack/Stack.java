package nl.meedoen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.KafkaBroker;
import nl.meedoen.devinfra.PostgresServer;

/**
 * The whole platform on localhost: PostgreSQL and Kafka inside this JVM's control, and the four
 * services and the gateway as child JVMs. Used by {@code local-stack run} and by the end-to-end tests,
 * so both start the platform the same way.
 *
 * <p>{@link #close()} may be called from another thread at any time, also while {@link #start()} is
 * still running (Ctrl-C during startup): every started part registers itself under the lock, and a
 * part that finishes starting after close has begun is stopped at once.
 */
public final class Stack implements AutoCloseable {

    public static final List<String> DATABASES = List.of("notification", "consultation", "panel", "recruitment");
    public static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** The reference pages of the links a tenant receives (examples/tenant-pages), served by the gateway. */
    public static final String TENANT_PAGES = "/examples/tenant-pages/";

    /**
     * @param persistent keep PostgreSQL's data crash-safe across runs ({@code run}); tests use a throwaway server
     * @param serviceJvmOptions added to each service's and the gateway's {@code java} command (the tests: C1 only)
     */
    public record Settings(
            Path repoRoot,
            Path dataDir,
            Ports ports,
            boolean persistent,
            Duration readyTimeout,
            List<String> serviceJvmOptions) {
        public Settings {
            repoRoot = repoRoot.toAbsolutePath().normalize();
            dataDir = dataDir.toAbsolutePath().normalize();
            serviceJvmOptions = List.copyOf(serviceJvmOptions);
        }

        public Settings(Path repoRoot, Path dataDir, Ports ports, boolean persistent, Duration readyTimeout) {
            this(repoRoot, dataDir, ports, persistent, readyTimeout, List.of());
        }
    }

    private final Settings settings;
    private final Path logs;
    private final PidFile pids;
    private final Thread shutdownHook = new Thread(this::close, "local-stack-shutdown");
    private final Map<App, ChildProcess> children = new EnumMap<>(App.class);
    private final Set<App> reportedExit = EnumSet.noneOf(App.class);
    private final Map<App, Map<String, String>> overrides = new EnumMap<>(App.class);
    private final List<ChildProcess> replicas = new ArrayList<>();
    private volatile boolean closing;
    private boolean closed;
    private FileChannel lockChannel;
    private FileLock lock;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private SmtpSink smtp;
    private Mailbox mailbox;
    private DevTokens tokens;
    private Path publicKey;
    private String householdSecret;
    private String linkSecret;
    private String consultationTokenSecret;
    private String recruitmentCodeSecret;
    private String panelCodeSecret;
    private String notificationCodeSecret;

    public Stack(Settings settings) {
        this.settings = settings;
        this.logs = settings.dataDir().resolve("logs");
        this.pids = new PidFile(settings.dataDir().resolve("pids"));
        // A plain JVM exit (or a signal the launcher does not handle) still stops the children.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Stack start(Settings settings) {
        Stack stack = new Stack(settings);
        stack.start();
        return stack;
    }

    /** The development issuer kept in {@code dataDir/jwt}: the pair the running services trust. */
    public static DevTokens tokens(Path dataDir) {
        return DevTokens.inDirectory(dataDir.resolve("jwt"));
    }

    public Settings settings() {
        return settings;
    }

    public DevTokens tokens() {
        return tokens;
    }

    public String url(App app) {
        return "http://localhost:" + settings.ports().of(app);
    }

    public String gatewayUrl() {
        return url(App.GATEWAY);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + settings.ports().postgres() + "/" + database;
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + settings.ports().kafka();
    }

    /** The SMTP server notification-service delivers to: every mail the platform sent, to inspect. */
    public SmtpSink smtp() {
        return smtp;
    }

    /** The page listing every mail received, with its links clickable. */
    public Mailbox mailbox() {
        return mailbox;
    }

    public Path log(App app) {
        return logs.resolve(app.module + ".log");
    }

    public void start() {
        long t0 = System.nanoTime();
        CompletableFuture<Void> postgresStarted = null;
        try {
            checkPackaged();
            Files.createDirectories(logs);
            Files.createDirectories(settings.dataDir().resolve("tmp"));
            lockDataDir();
            List<String> leftovers = pids.stopLeftovers();
            if (!leftovers.isEmpty()) {
                say("stopped leftovers of an earlier run: " + String.join(", ", leftovers));
            }
            checkPortsFree();
            tokens = tokens(settings.dataDir());
            publicKey = tokens.writePublicKey(settings.dataDir().resolve("jwt/dev-issuer.pub.pem"));
            householdSecret = secret("household-key");
            linkSecret = secret("notification-link");
            consultationTokenSecret = secret("consultation-token");
            recruitmentCodeSecret = secret("recruitment-code");
            panelCodeSecret = secret("panel-code");
            notificationCodeSecret = secret("notification-code");

            // PostgreSQL and Kafka are independent: start them side by side.
            postgresStarted = CompletableFuture.runAsync(this::startPostgres);
            KafkaBroker broker = KafkaBroker.start(
                    settings.dataDir().resolve("kafka"),
                    settings.ports().kafka(),
                    settings.ports().kafkaController());
            register(() -> kafka = broker, broker::close);
            say("Kafka ready on " + kafkaBootstrapServers());
            try {
                postgresStarted.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            say("PostgreSQL ready on port " + settings.ports().postgres() + " (" + String.join(", ", DATABASES) + ")");
            Files.deleteIfExists(logs.resolve("smtp.log"));
            SmtpSink sink = new SmtpSink(settings.ports().smtp(), logs.resolve("smtp.log"))
                    .keepingFilesIn(settings.dataDir().resolve("mail"));
            sink.start();
            register(() -> smtp = sink, sink::close);
            Mailbox page = new Mailbox(sink, settings.ports().mailbox());
            register(() -> mailbox = page, page::close);
            say("SMTP server ready on port " + settings.ports().smtp() + " (mails as .eml files in "
                    + settings.dataDir().resolve("mail") + ", listed on " + page.url() + ")");

            for (App app : App.values()) {
                Files.deleteIfExists(log(app)); // each run starts with fresh logs
            }
            List<ChildProcess> started = new ArrayList<>();
            for (App app : App.values()) {
                started.add(startChild(app));
            }
            awaitReady(started);
            say(String.format("all up in %.1f s", (System.nanoTime() - t0) / 1e9));
        } catch (IOException e) {
            abort(postgresStarted);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            abort(postgresStarted);
            throw e;
        }
    }

    private void abort(CompletableFuture<Void> postgresStarted) {
        if (postgresStarted != null) {
            postgresStarted.handle((ok, error) -> null).join(); // let it finish, so close() can stop it
        }
        close();
    }

    private void startPostgres() {
        Path dir = settings.dataDir().resolve("postgres");
        PostgresServer server = settings.persistent()
                ? PostgresServer.startPersistent(dir, settings.ports().postgres())
                : PostgresServer.startEphemeral(dir, settings.ports().postgres());
        register(() -> postgres = server, server::close);
        server.ensureDatabases(DATABASES);
    }

    /** Stops one application (SIGTERM, forced after the grace period); the rest keeps running. */
    public void stop(App app) {
        ChildProcess child;
        synchronized (this) {
            child = children.remove(app);
            pids.write(children.values());
        }
        if (child != null) {
            stopGracefully(child);
            say(app.module + " stopped");
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after the grace period. */
    private static void stopGracefully(ChildProcess child) {
        child.requestStop();
        child.awaitExit(System.nanoTime() + STOP_GRACE.toNanos());
    }

    /** Kills one application with SIGKILL ({@code kill -9}), as a crash would; {@link #start(App)} brings it back. */
    public void kill(App app) {
        ChildProcess child;
        synchronized (this) {
            child = children.remove(app);
            pids.write(children.values());
        }
        if (child != null) {
            child.kill();
            say(app.module + " killed (SIGKILL)");
        }
    }

    /** Stops the Kafka broker (clean shutdown, data kept); {@link #startKafka()} brings it back on the same port. */
    public void stopKafka() {
        kafka.stop();
        say("Kafka stopped");
    }

    public void startKafka() {
        kafka.start();
        say("Kafka started again on " + kafkaBootstrapServers());
    }

    /**
     * Stops PostgreSQL with a fast shutdown (SIGINT: open sessions are ended, committed data is kept).
     * Not through {@link PostgresServer#close()}, which deletes a throwaway server's data;
     * {@link #startPostgresAgain()} starts the same cluster again.
     */
    public void stopPostgres() {
        Path data = settings.dataDir().resolve("postgres");
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            runQuietly(List.of("kill", "-INT", Long.toString(pid)));
            ProcessHandle.of(pid)
                    .ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            say("PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the cluster stopped by {@link #stopPostgres()} with the options it ran with: {@code pg_ctl restart}
     * on a stopped server starts it from {@code postmaster.opts}. Like zonky, through {@code unshare -U} as root
     * (PostgreSQL refuses to run as root).
     */
    public void startPostgresAgain() {
        Path data = settings.dataDir().resolve("postgres");
        try {
            String opts = Files.readString(data.resolve("postmaster.opts")).trim();
            String postgresBinary =
                    opts.startsWith("\"") ? opts.substring(1, opts.indexOf('"', 1)) : opts.split(" ")[0];
            Path pgCtl = Path.of(postgresBinary).resolveSibling("pg_ctl");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(
                    pgCtl.toString(),
                    "-D",
                    data.toString(),
                    "-w",
                    "-t",
                    "60",
                    "-l",
                    logs.resolve("postgres-restart.log").toString(),
                    "restart"));
            runQuietly(command);
            say("PostgreSQL started again on port " + settings.ports().postgres());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** Starts one application again (after {@link #stop(App)}) and waits until it is ready. */
    public void start(App app) {
        awaitReady(List.of(startChild(app)));
    }

    /**
     * Starts one more instance of a service on {@code port} (same database, same Kafka: a second replica, as in
     * Kubernetes) and waits until it is ready. Its log is {@code logs/<module>-<port>.log}; {@link #close()} stops it
     * (it is not in the pid file: for tests and benchmarks, not for {@code run}).
     */
    public void startReplica(App app, int port) {
        List<String> command = command(app);
        command.add(command.indexOf("-jar"), "-Dquarkus.http.port=" + port); // the later -D wins
        ChildProcess replica = new ChildProcess(app, port, command, logs.resolve(app.module + "-" + port + ".log"));
        synchronized (this) {
            if (closing) {
                throw new IllegalStateException("stopped while starting");
            }
            replica.start();
            replicas.add(replica);
        }
        awaitReady(List.of(replica));
    }

    /** Kills the replica on {@code port} with SIGKILL, as a crash would. */
    public void killReplica(int port) {
        ChildProcess replica = removeReplica(port);
        replica.kill();
        say(replica.app.module + " replica on port " + port + " killed (SIGKILL)");
    }

    /**
     * Stops the replica on {@code port} as Kubernetes scales one down (SIGTERM, forced after the grace period): its
     * Kafka consumers leave their groups, so the other instance takes their partitions over at once. A killed one
     * holds them until the broker's session timeout (45 s), and every later test waiting on those topics waits too.
     */
    public void stopReplica(int port) {
        ChildProcess replica = removeReplica(port);
        stopGracefully(replica);
        say(replica.app.module + " replica on port " + port + " stopped");
    }

    private synchronized ChildProcess removeReplica(int port) {
        ChildProcess replica =
                replicas.stream().filter(r -> r.port == port).findFirst().orElseThrow();
        replicas.remove(replica);
        return replica;
    }

    /**
     * System properties for {@code app} on top of the defaults, from its next start on (tests point a service at
     * their own SMTP server, say); {@code value} null removes one.
     */
    public synchronized void override(App app, String key, String value) {
        Map<String, String> props = overrides.computeIfAbsent(app, a -> new LinkedHashMap<>());
        if (value == null) {
            props.remove(key);
        } else {
            props.put(key, value);
        }
    }

    /** Applications that exited on their own since the last call (the launcher reports them). */
    public synchronized List<ChildProcess> newlyExited() {
        List<ChildProcess> exited = new ArrayList<>();
        for (ChildProcess child : children.values()) {
            if (!child.isAlive() && reportedExit.add(child.app)) {
                exited.add(child);
            }
        }
        return exited;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            Collection<ChildProcess> running = new ArrayList<>(children.values());
            running.addAll(replicas);
            replicas.clear();
            running.forEach(ChildProcess::requestStop); // all at once, then wait for all
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            running.forEach(child -> child.awaitExit(deadline));
            children.clear();
            quietly("mailbox page", mailbox);
            quietly("SMTP", smtp);
            quietly("Kafka", kafka);
            quietly("PostgreSQL", postgres);
            mailbox = null;
            smtp = null;
            kafka = null;
            postgres = null;
            if (lock != null) { // without the lock the data folder (and its pid file) belongs to another launcher
                try {
                    Files.deleteIfExists(settings.dataDir().resolve("pids"));
                    lock.release();
                    lockChannel.close();
                } catch (IOException e) {
                    // the lock goes with the process anyway
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
    }

    private static void quietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("stopping " + what + " failed: " + e);
        }
    }

    /** Keeps {@code part} for close(); when close has already begun, stops it at once and aborts. */
    private void register(Runnable keep, Runnable stopNow) {
        synchronized (this) {
            if (!closing) {
                keep.run();
                return;
            }
        }
        stopNow.run();
        throw new IllegalStateException("stopped while starting");
    }

    private ChildProcess startChild(App app) {
        ChildProcess child = new ChildProcess(app, settings.ports().of(app), command(app), log(app));
        synchronized (this) {
            if (closing) {
                throw new IllegalStateException("stopped while starting");
            }
            child.start();
            children.put(app, child);
            reportedExit.remove(app);
            pids.write(children.values());
        }
        return child;
    }

    private List<String> command(App app) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("java.io.tmpdir", settings.dataDir().resolve("tmp").toString());
        // Local development: listen on the loopback interface only.
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", String.valueOf(settings.ports().of(app)));
        // The development issuer is trusted only in the local/dev/test profiles (the gateway refuses it elsewhere).
        props.put("quarkus.profile", "local");
        props.put("mp.jwt.verify.publickey.location", publicKey.toUri().toString());
        props.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        props.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
        if (app.isService()) {
            // Every tenant-facing link of every service starts at the gateway.
            props.put("meedoen.public-base-url", gatewayUrl());
            props.put("quarkus.datasource.jdbc.url", jdbcUrl(app.key));
            props.put("quarkus.datasource.username", PostgresServer.USER);
            props.put("quarkus.datasource.password", "");
            props.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        } else {
            for (App service : App.values()) {
                if (service.isService()) {
                    props.put("meedoen.gateway.services." + service.key, url(service));
                }
            }
            // The reference frontends (examples/surveyjs-frontend) on the gateway's origin, so they need no CORS.
            props.put(
                    "meedoen.gateway.examples-dir",
                    settings.repoRoot().resolve("examples").toString());
        }
        if (app == App.NOTIFICATION) {
            props.put("meedoen.household-key.secret", householdSecret);
            props.put("meedoen.notification.link-secret", linkSecret);
            props.put("meedoen.notification.code-secret", notificationCodeSecret);
            // The launcher's own SMTP server (SmtpSink): every email really goes over SMTP.
            props.put("quarkus.mailer.host", "127.0.0.1");
            props.put("quarkus.mailer.port", String.valueOf(settings.ports().smtp()));
            props.put("quarkus.mailer.start-tls", "DISABLED");
        }
        if (app == App.RECRUITMENT) {
            // The lottery's outcome mails link to the public draw page example; the draw's public id stays after '#'.
            props.put("recruitment.draw-url", gatewayUrl() + "/examples/draw-page/#");
            props.put("recruitment.code-secret", recruitmentCodeSecret);
        }
        if (app == App.CONSULTATION) {
            props.put("meedoen.consultation.token-secret", consultationTokenSecret);
            // Invitation links (logged by the mock mailer) open the SurveyJS example page; the token stays after '#'.
            props.put("meedoen.consultation.invitation-url", gatewayUrl() + SurveySeed.PAGE + "#{token}");
        }
        // The other tenant links open the reference tenant pages (examples/tenant-pages), under the one base URL.
        String pages = "${meedoen.public-base-url}" + TENANT_PAGES;
        if (app == App.RECRUITMENT) {
            props.put("recruitment.signup-url", pages + "aanmelden.html#");
        }
        if (app == App.PANEL) {
            props.put("meedoen.panel.join-url", pages + "panel.html#{token}");
            props.put("meedoen.panel.consent-url", pages + "panel.html#{token}");
            props.put("meedoen.panel.code-secret", panelCodeSecret);
        }
        if (app == App.CONSULTATION) {
            props.put("meedoen.consultation.feedback-url", pages + "terugkoppeling.html#{token}");
        }
        if (app == App.NOTIFICATION) {
            props.put("meedoen.notification.unsubscribe-page-url", pages + "voorkeuren.html#{token}");
            // a letter prints this page (without a token: it asks for the code) and the letter's opt-out code
            props.put("meedoen.notification.preferences-page-url", pages + "voorkeuren.html");
        }
        synchronized (this) {
            props.putAll(overrides.getOrDefault(app, Map.of()));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(settings.serviceJvmOptions());
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(app.jar(settings.repoRoot()).toString());
        return command;
    }

    private void awaitReady(Collection<ChildProcess> starting) {
        long t0 = System.nanoTime();
        long deadline = t0 + settings.readyTimeout().toNanos();
        Set<ChildProcess> pending = new LinkedHashSet<>(starting);
        while (!pending.isEmpty()) {
            for (Iterator<ChildProcess> it = pending.iterator(); it.hasNext(); ) {
                if (closing) {
                    throw new IllegalStateException("stopped while starting");
                }
                ChildProcess child = it.next();
                if (!child.isAlive()) {
                    throw new IllegalStateException(child.app.module + " exited with code " + child.exitCode()
                            + " before it was ready. Last lines of " + child.log + ":\n" + child.logTail(40));
                }
                if (child.isReady()) {
                    it.remove();
                    say(String.format(
                            "%-20s ready on http://localhost:%d (%.1f s)",
                            child.app.module, child.port, (System.nanoTime() - t0) / 1e9));
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.stream()
                        .map(c -> c.app.module + " did not become ready on " + url(c.app) + "/q/health/ready within "
                                + settings.readyTimeout().toSeconds() + " s. Last lines of " + c.log + ":\n"
                                + c.logTail(40))
                        .collect(Collectors.joining("\n\n")));
            }
            sleep(500);
        }
    }

    private void checkPackaged() {
        if (!Files.isDirectory(settings.repoRoot().resolve("local-stack"))) {
            throw new IllegalStateException(settings.repoRoot() + " is not the Meedoen repository root");
        }
        List<String> missing = new ArrayList<>();
        for (App app : App.values()) {
            if (!Files.isRegularFile(app.jar(settings.repoRoot()))) {
                missing.add(app.jar(settings.repoRoot()).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not packaged yet:\n  " + String.join("\n  ", missing)
                    + "\nBuild all modules first: cd " + settings.repoRoot() + " && ./mvnw -B -DskipTests install"
                    + " (./meedoen run does this for you).");
        }
    }

    /** One stack per data folder: a second launcher would fight the first over ports and files. */
    private void lockDataDir() throws IOException {
        Path file = settings.dataDir().resolve(".lock");
        lockChannel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            String holder = Files.readString(file).trim();
            lockChannel.close();
            lockChannel = null;
            throw new IllegalStateException("Another local stack (pid " + holder + ") is running with data folder "
                    + settings.dataDir() + ". Stop it first (Ctrl-C in its terminal).");
        }
        lockChannel.truncate(0);
        lockChannel.write(
                ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    }

    private void checkPortsFree() {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        settings.ports().http().forEach((app, port) -> wanted.put(port, app.module));
        wanted.put(settings.ports().kafka(), "Kafka");
        wanted.put(settings.ports().kafkaController(), "Kafka controller");
        wanted.put(settings.ports().smtp(), "SMTP");
        wanted.put(settings.ports().mailbox(), "mailbox page");
        // An orphaned PostgreSQL of this data folder holds its port; startPersistent stops it first.
        if (!Files.exists(settings.dataDir().resolve("postgres/postmaster.pid"))) {
            wanted.put(settings.ports().postgres(), "PostgreSQL");
        }
        wanted.forEach((port, what) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Port " + port + " (" + what + ") is already in use by another program."
                                + " Stop that program or choose other ports (--base-port, --postgres-port, --kafka-port, --smtp-port).");
            }
        });
    }

    /**
     * A random secret made once and kept with the data it protects (the household key hashes addresses,
     * the link secret signs unsubscribe links, the consultation secret derives invitation tokens): {@code dataDir/<name>.secret}.
     */
    private String secret(String name) throws IOException {
        Path file = settings.dataDir().resolve(name + ".secret");
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing to tighten
            }
        }
        return Files.readString(file).trim();
    }

    private static void say(String message) {
        System.out.println("[local-stack] " + message);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }
}
