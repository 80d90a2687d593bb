package nl.meedoen.localstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.meedoen.devinfra.DevTokens;
import sun.misc.Signal;

/**
 * {@code local-stack run} starts the platform on localhost and keeps it running until Ctrl-C;
 * {@code local-stack token <role>} prints a development JWT the running services accept.
 */
public final class LocalStack {

    private static final String USAGE = """
            Usage:
              meedoen run [--data DIR] [--base-port N] [--postgres-port N] [--kafka-port N] [--smtp-port N]
                  Starts PostgreSQL, Kafka, the four services and the gateway; Ctrl-C stops them.
                  --data DIR        data folder (default: <repo>/.local-data)
                  --base-port N     gateway on N, services on N+1..N+4 (default 8080)
                  --postgres-port N PostgreSQL (default 15432)
                  --kafka-port N    Kafka bootstrap on N, its controller on N+1 (default 19092)
                  --smtp-port N     the SMTP server that receives every email (default 2525)
              meedoen token <role> [--organisation ID | --client SUBJECT] [--data DIR]
                  Prints a JWT (valid 1 hour) for role corporation, tenant-organisation, survey-frontend or ops.
                  --organisation ID  (tenant-organisation) a token of that registered organisation: its subject is the
                                     organisation's default client, its id
                  --client SUBJECT   (tenant-organisation) a token for that subject, e.g. another of the organisation's clients
              meedoen seed-survey [--respondents N] [--data DIR] [--base-port N] [--postgres-port N]
                  With the stack running: opens a sample consultation (every question type and a PWE block)
                  for N respondents (default 3) and prints their links to the SurveyJS example page.
            """;

    private LocalStack() {}

    public static void main(String[] args) {
        // Kafka and zonky log through SLF4J -> JBoss LogManager; must be set before anything logs.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    private static int run(String[] args) {
        List<String> positional = new ArrayList<>();
        Path repoRoot = findRepoRoot();
        Path dataDir = null;
        int basePort = Ports.DEFAULT_BASE;
        int postgresPort = Ports.DEFAULT_POSTGRES;
        int kafkaPort = Ports.DEFAULT_KAFKA;
        int respondents = 3;
        int smtpPort = Ports.DEFAULT_SMTP;
        String organisation = null;
        String client = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> dataDir = Path.of(value(args, ++i, "--data"));
                case "--repo" -> repoRoot = Path.of(value(args, ++i, "--repo"));
                case "--base-port" -> basePort = port(value(args, ++i, "--base-port"));
                case "--postgres-port" -> postgresPort = port(value(args, ++i, "--postgres-port"));
                case "--kafka-port" -> kafkaPort = port(value(args, ++i, "--kafka-port"));
                case "--respondents" -> respondents = respondents(value(args, ++i, "--respondents"));
                case "--smtp-port" -> smtpPort = port(value(args, ++i, "--smtp-port"));
                case "--organisation" -> organisation = value(args, ++i, "--organisation");
                case "--client" -> client = value(args, ++i, "--client");
                case "-h", "--help", "help" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("Unknown option " + args[i]);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (dataDir == null) {
            dataDir = repoRoot.resolve(".local-data");
        }
        if (positional.isEmpty()) {
            throw new IllegalArgumentException("Missing command: run, token or seed-survey");
        }
        return switch (positional.get(0)) {
            case "run" -> {
                if (positional.size() > 1) {
                    throw new IllegalArgumentException("Unexpected argument " + positional.get(1));
                }
                yield runStack(new Stack.Settings(
                        repoRoot,
                        dataDir,
                        Ports.of(basePort, postgresPort, kafkaPort, smtpPort),
                        true,
                        Duration.ofSeconds(120)));
            }
            case "token" -> {
                if (positional.size() != 2 || !DevTokens.ROLES.contains(positional.get(1))) {
                    throw new IllegalArgumentException(
                            "Usage: token <role>, role one of " + new TreeSet<>(DevTokens.ROLES));
                }
                String role = positional.get(1);
                System.out.println(Stack.tokens(dataDir).token(tokenSubject(role, organisation, client), role));
                yield 0;
            }
            case "seed-survey" -> seedSurvey(dataDir, basePort, postgresPort, respondents);
            default -> throw new IllegalArgumentException("Unknown command " + positional.get(0));
        };
    }

    /**
     * The subject of a development token: a tenant organisation's token for a registered organisation carries the
     * organisation's default client (its id), or any client named; everyone else the role's own client.
     */
    static String tokenSubject(String role, String organisation, String client) {
        if (organisation != null && client != null) {
            throw new IllegalArgumentException("Give --organisation or --client, not both");
        }
        if ((organisation != null || client != null) && !"tenant-organisation".equals(role)) {
            throw new IllegalArgumentException("--organisation and --client are for role tenant-organisation");
        }
        if (organisation != null) {
            if (!organisation.matches("[a-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException(
                        "--organisation: an organisation id is 1-64 of a-z, 0-9, '.', '_' or '-'");
            }
            return organisation;
        }
        if (client != null) {
            if (!client.matches("[\\x21-\\x7E]{1,200}")) {
                throw new IllegalArgumentException("--client: 1-200 printable characters without spaces");
            }
            return client;
        }
        return role + "-client";
    }

    private static int seedSurvey(Path dataDir, int basePort, int postgresPort, int respondents) {
        String gateway = "http://localhost:" + basePort;
        SurveySeed seed = new SurveySeed(gateway, Stack.tokens(dataDir).tokenForRole("corporation"));
        SurveySeed.Seeded seeded;
        try {
            seeded = seed.seed(
                    respondents,
                    "jdbc:postgresql://localhost:" + postgresPort + "/consultation",
                    SurveySeed.tokenSecret(dataDir));
        } catch (RuntimeException e) {
            System.err.println("[seed-survey] " + e.getMessage());
            return 1;
        }
        StringBuilder out = new StringBuilder("\nConsultation " + seeded.consultationId() + " is open with "
                + respondents + " invitations. One link per respondent (each can submit once):\n\n");
        for (int i = 0; i < seeded.tokens().size(); i++) {
            out.append("  ")
                    .append(seed.pageUrl(seeded.tokens().get(i)))
                    .append("   (or ")
                    .append(gateway)
                    .append("/c and the code on the letter: ")
                    .append(seeded.shortCodes().get(i))
                    .append(")\n");
        }
        out.append("\nIn English: add ?lang=en before the '#'. The results so far:\n");
        String dataOption = dataDir.equals(findRepoRoot().resolve(".local-data")) ? "" : " --data " + dataDir;
        out.append("  curl -H \"Authorization: Bearer $(./meedoen token corporation")
                .append(dataOption)
                .append(")\" ")
                .append(gateway)
                .append("/api/v1/consultations/")
                .append(seeded.consultationId())
                .append("/results\n");
        System.out.println(out);
        return 0;
    }

    private static int respondents(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--respondents takes a number from 1 to 1000, not " + value);
    }

    private static int runStack(Stack.Settings settings) {
        // Temp files (the extracted PostgreSQL binaries, 60 MB) go in the data folder, not /tmp:
        // deleting the data folder then removes everything the stack ever wrote.
        System.setProperty("java.io.tmpdir", settings.dataDir().resolve("tmp").toString());
        Stack stack = new Stack(settings);
        AtomicBoolean signalled = new AtomicBoolean();
        // Handle SIGINT/SIGTERM ourselves rather than in a shutdown hook: shutdown hooks run in parallel, and
        // zonky's own hook would stop PostgreSQL while the services are still draining. Here the order holds:
        // children first, then Kafka, then PostgreSQL.
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(
                    new Signal(name),
                    signal -> new Thread(
                                    () -> {
                                        signalled.set(true);
                                        System.out.println();
                                        System.out.println("[local-stack] SIG" + signal.getName()
                                                + ": stopping the services, Kafka and PostgreSQL ...");
                                        stack.close();
                                        System.out.println("[local-stack] stopped.");
                                        System.exit(0);
                                    },
                                    "local-stack-stop")
                            .start());
        }
        try {
            stack.start();
        } catch (RuntimeException e) {
            if (signalled.get()) { // Ctrl-C during startup: the signal thread finishes and exits
                sleepForever();
            }
            System.err.println("[local-stack] could not start: " + e.getMessage());
            stack.close();
            return 1;
        }
        printSummary(stack);
        while (true) { // until a signal ends the JVM; meanwhile tell the developer when an application dies
            for (ChildProcess child : stack.newlyExited()) {
                System.err.println("[local-stack] " + child.app.module + " exited with code " + child.exitCode()
                        + "; last lines of " + child.log + ":\n" + child.logTail(20));
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return 1;
            }
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printSummary(Stack stack) {
        Stack.Settings s = stack.settings();
        StringBuilder out = new StringBuilder("\nMeedoen is running. Data folder: " + s.dataDir() + "\n\n");
        out.append(String.format("  %-22s %s%n", "Gateway", stack.gatewayUrl()));
        out.append(String.format("  %-22s %s/swagger-ui%n", "Swagger UI", stack.gatewayUrl()));
        out.append(String.format("  %-22s %s/openapi%n", "OpenAPI", stack.gatewayUrl()));
        for (App app : App.values()) {
            if (app.isService()) {
                out.append(String.format("  %-22s %s  (log: %s)%n", app.module, stack.url(app), stack.log(app)));
            }
        }
        out.append(String.format("  %-22s %s%n", "gateway log", stack.log(App.GATEWAY)));
        out.append(String.format(
                "  %-22s %s  (user postgres, no password; also %s)%n",
                "PostgreSQL",
                stack.jdbcUrl("notification"),
                String.join(", ", Stack.DATABASES.subList(1, Stack.DATABASES.size()))));
        out.append(String.format("  %-22s %s%n", "Kafka bootstrap", stack.kafkaBootstrapServers()));
        out.append(String.format(
                "  %-22s localhost:%d  (every email; one line per mail in %s)%n",
                "SMTP server", s.ports().smtp(), stack.log(App.GATEWAY).resolveSibling("smtp.log")));
        out.append(String.format(
                "  %-22s %s  (every mail, its links clickable; the files in %s)%n",
                "Mailbox", stack.mailbox().url(), s.dataDir().resolve("mail")));
        out.append("\nA token (valid 1 hour; roles corporation, tenant-organisation, survey-frontend, ops):\n");
        String dataOption = s.dataDir().equals(s.repoRoot().resolve(".local-data")) ? "" : " --data " + s.dataDir();
        out.append("  ./meedoen token corporation").append(dataOption).append("\n");
        out.append("  curl -H \"Authorization: Bearer $(./meedoen token corporation")
                .append(dataOption)
                .append(")\" ")
                .append(stack.gatewayUrl())
                .append("/api/v1/consultations/population/counts?attribute=ageBand\n");
        out.append("\nCtrl-C stops everything.\n");
        System.out.println(out);
    }

    /** The repository root: the directory holding local-stack/, found from where this class was loaded. */
    static Path findRepoRoot() {
        String configured = System.getProperty("meedoen.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path location = Path.of(LocalStack.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("local-stack")) && Files.exists(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Not a port: " + value);
    }
}
