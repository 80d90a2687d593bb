package nl.meedoen.devinfra;

import java.nio.file.Path;
import java.util.List;

/**
 * The real PostgreSQL and Kafka of one test JVM: started on first use, shared by every test of the
 * module, stopped when the JVM exits. Data lives under {@code java.io.tmpdir} (the module's target/).
 */
public final class TestInfra {

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static DevTokens tokens;
    private static Path publicKey;

    private TestInfra() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.startEphemeral(workDir().resolve("postgres"), FreePort.pick());
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.start(workDir().resolve("kafka"), FreePort.pick(), FreePort.pick());
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
        }
        return kafka;
    }

    public static synchronized DevTokens tokens() {
        if (tokens == null) {
            tokens = DevTokens.generate();
            publicKey = tokens.writePublicKey(workDir().resolve("dev-issuer.pub.pem"));
        }
        return tokens;
    }

    public static synchronized Path publicKey() {
        tokens();
        return publicKey;
    }

    public static String jdbcUrl(String database) {
        postgres().ensureDatabases(List.of(database));
        return postgres.jdbcUrl(database);
    }

    private static Path workDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "meedoen-test-infra-" + ProcessHandle.current().pid());
    }
}
