package nl.meedoen.devinfra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * The real PostgreSQL and Kafka of one test JVM: started on first use, shared by every test of the
 * module, stopped when the JVM exits. Data lives under {@code java.io.tmpdir} (the module's target/).
 *
 * <p>Quarkus loads test classes and test resources through different class loaders, each with its
 * own copy of this class. So that all of them share one set of servers, every call is answered by
 * the copy in the system class loader, and the API only passes JDK types.
 */
public final class TestInfra {

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static DevTokens tokens;
    // One lock per server, so the two can start at the same time (MeedoenTestResource starts them so).
    private static final Object POSTGRES_START = new Object();
    private static final Object KAFKA_START = new Object();

    private TestInfra() {}

    /** A JDBC URL of the named database (created on first use: each service owns its database). */
    public static String jdbcUrl(String database) {
        return (String) owner("ownJdbcUrl", database);
    }

    public static String kafkaBootstrapServers() {
        return (String) owner("ownKafkaBootstrapServers");
    }

    /** Stops the broker cleanly (tests of behaviour while Kafka is away). */
    public static void stopKafka() {
        owner("ownStopKafka");
    }

    /** Brings the broker back on the same port with its data. */
    public static void startKafka() {
        owner("ownStartKafka");
    }

    /** A signed JWT for the role, trusted by services configured with {@link #publicKeyLocation()}. */
    public static String token(String role) {
        return (String) owner("ownToken", role);
    }

    /** A token with the given claims (JSON) instead of {@code groups}, as Keycloak or Entra would shape it. */
    public static String tokenWithClaims(String subject, String claimsJson) {
        return (String) owner("ownTokenWithClaims", subject, claimsJson);
    }

    public static String publicKeyLocation() {
        return (String) owner("ownPublicKeyLocation");
    }

    private static Object owner(String method, String... args) {
        return onSharedCopy(TestInfra.class, method, args);
    }

    /**
     * Calls a static method with String arguments on the copy of {@code type} loaded by the system class
     * loader: the one copy every Quarkus class loader of this test JVM shares, so servers started by one
     * test class are found by the next. Its loader is the context class loader meanwhile (Kafka and
     * jakarta.mail find their plugins through it).
     */
    public static Object onSharedCopy(Class<?> type, String method, String... args) {
        try {
            Class<?> owner = Class.forName(type.getName(), true, ClassLoader.getSystemClassLoader());
            Class<?>[] types = new Class<?>[args.length];
            java.util.Arrays.fill(types, String.class);
            Method m = owner.getDeclaredMethod(method, types);
            m.setAccessible(true);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(owner.getClassLoader());
            try {
                return m.invoke(null, (Object[]) args);
            } finally {
                thread.setContextClassLoader(previous);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " must be on the system class path of the test JVM", e);
        }
    }

    private static String ownJdbcUrl(String database) {
        synchronized (POSTGRES_START) {
            if (postgres == null) {
                postgres = PostgresServer.startEphemeral(workDir().resolve("postgres"), FreePort.pick());
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
            }
            postgres.ensureDatabases(List.of(database));
            return postgres.jdbcUrl(database);
        }
    }

    private static KafkaBroker kafka() {
        synchronized (KAFKA_START) {
            if (kafka == null) {
                kafka = KafkaBroker.start(workDir().resolve("kafka"), FreePort.pick(), FreePort.pick());
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
            }
            return kafka;
        }
    }

    private static String ownKafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    private static void ownStopKafka() {
        kafka().stop();
    }

    private static void ownStartKafka() {
        kafka().start();
    }

    private static synchronized DevTokens tokens() {
        if (tokens == null) {
            tokens = DevTokens.inDirectory(workDir().resolve("jwt"));
        }
        return tokens;
    }

    private static String ownToken(String role) {
        return tokens().tokenForRole(role);
    }

    private static String ownTokenWithClaims(String subject, String claimsJson) {
        return tokens().tokenWithClaims(subject, claimsJson);
    }

    private static String ownPublicKeyLocation() {
        tokens();
        return workDir().resolve("jwt").resolve("dev-issuer.pub.pem").toUri().toString();
    }

    private static Path workDir() {
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "meedoen-test-infra-" + ProcessHandle.current().pid());
    }
}
