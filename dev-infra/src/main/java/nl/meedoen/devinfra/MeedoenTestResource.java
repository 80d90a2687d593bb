package nl.meedoen.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Points a Quarkus service under test at the real PostgreSQL (its own database, named by the
 * {@code database} init argument) and the real Kafka broker of this test JVM, and makes it trust
 * the test token issuer.
 */
public class MeedoenTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        // the broker starts while PostgreSQL does: each takes seconds, and neither needs the other
        CompletableFuture<String> kafka = CompletableFuture.supplyAsync(TestInfra::kafkaBootstrapServers);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", TestInfra.jdbcUrl(database));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", kafka.join());
        config.put("mp.jwt.verify.publickey.location", TestInfra.publicKeyLocation());
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
        return config;
    }

    @Override
    public void stop() {
        // shared for the whole JVM; TestInfra stops the servers at exit
    }
}
