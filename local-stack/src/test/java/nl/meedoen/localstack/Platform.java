package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;

import io.restassured.config.LogConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The packaged platform, started once for all end-to-end tests exactly as {@code local-stack run} does
 * (same {@link Stack} code), but on free ports with a throwaway data folder under target/.
 * JUnit closes it after the last test (it lives in the root extension store).
 */
public final class Platform implements AutoCloseable {

    public static final String NEIGHBOURHOOD = "BU03440101";

    /** The tenant of the contract; the tenantRef goes in the path. */
    public static String tenantJson(String neighbourhoodCode) {
        return """
                {"name":"Anna de Vries","email":"anna@example.nl",\
                "address":{"street":"Dorpsstraat","houseNumber":12,"houseNumberSuffix":"A","postcode":"1234 AB","city":"Utrecht"},\
                "language":"nl","preferredChannel":"EMAIL",\
                "profile":{"complexId":"C-001","neighbourhoodCode":"%s","birthYear":1985,"householdType":"SINGLE",\
                "tenancyStart":"2015-03-01","dwellingType":"APARTMENT"}}""".formatted(neighbourhoodCode);
    }

    public static String newTenantRef() {
        return "IT-" + UUID.randomUUID();
    }

    private final Stack stack;
    private final RuntimeException startFailure;
    private final String corporationToken;

    public Platform() {
        Stack started = null;
        RuntimeException failure = null;
        try {
            Path repoRoot = LocalStack.findRepoRoot();
            Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "local-stack-it-");
            System.out.println("[local-stack IT] data and logs in " + dataDir);
            // -Dmeedoen.it.ready-timeout=600 on a machine busy with other builds
            Duration ready = Duration.ofSeconds(Integer.getInteger("meedoen.it.ready-timeout", 180));
            // the build's it.service.jit (C1 only): the services start often and briefly here; empty for full JIT
            List<String> jvm =
                    List.of(System.getProperty("meedoen.it.service-jvm-options", "")
                                    .trim()
                                    .split("\\s+"))
                            .stream()
                            .filter(o -> !o.isEmpty())
                            .toList();
            started = Stack.start(new Stack.Settings(repoRoot, dataDir, Ports.free(), false, ready, jvm));
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (RuntimeException e) {
            failure = e; // remembered: every test reports it instead of starting the platform again
        }
        stack = started;
        startFailure = failure;
        corporationToken = started == null ? null : started.tokens().tokenForRole("corporation");
    }

    /** The running stack (its settings, tokens and database URLs), for tests that need more than the gateway. */
    Stack stack() {
        if (startFailure != null) {
            throw new IllegalStateException("The platform did not start: " + startFailure.getMessage(), startFailure);
        }
        return stack;
    }

    public String gatewayUrl() {
        return stack().gatewayUrl();
    }

    /** A request to the gateway as a corporation system; request and response are logged when a check fails. */
    public RequestSpecification api() {
        return anonymous().header("Authorization", "Bearer " + corporationToken);
    }

    /** Like {@link #api()} without the logging, for polling where failed checks are expected until it converges. */
    public RequestSpecification polling() {
        return given().baseUri(gatewayUrl())
                .accept("application/json")
                .header("Authorization", "Bearer " + corporationToken);
    }

    /** A request to the gateway without a token. */
    public RequestSpecification anonymous() {
        return given().baseUri(gatewayUrl())
                .config(RestAssuredConfig.config()
                        .logConfig(LogConfig.logConfig().enableLoggingOfRequestAndResponseIfValidationFails()))
                .contentType("application/json")
                .accept("application/json");
    }

    /** A request to the gateway as a client of {@code role} with its own client id (tenant organisations are told apart by it). */
    public RequestSpecification as(String client, String role) {
        return anonymous().header("Authorization", "Bearer " + stack().tokens().token(client, role));
    }

    /** A development JWT for the role (client id {@code <role>-client}). */
    public String token(String role) {
        return stack().tokens().tokenForRole(role);
    }

    /** The SMTP server every email of the platform goes to. */
    public SmtpSink smtp() {
        return stack().smtp();
    }

    /** A connection to a service's own database (user postgres, no password), for checks a test cannot make through the API. */
    public java.sql.Connection database(String name) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(stack().jdbcUrl(name), nl.meedoen.devinfra.PostgresServer.USER, "");
    }

    /** JDBC URL of one service's database on the stack's PostgreSQL (user {@code postgres}, no password). */
    public String jdbcUrl(String database) {
        return stack().jdbcUrl(database);
    }

    /** The log file of one application of the running stack. */
    public java.nio.file.Path log(App app) {
        return stack().log(app);
    }

    public void stop(App app) {
        stack().stop(app);
    }

    public void start(App app) {
        stack().start(app);
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
