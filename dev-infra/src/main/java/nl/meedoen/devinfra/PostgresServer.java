package nl.meedoen.devinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central (zonky). Works as root:
 * zonky runs initdb and pg_ctl through {@code unshare -U} when the JVM is root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throwaway server for tests: durability off, because speed matters more than crash safety there. */
    public static PostgresServer startEphemeral(Path dataDirectory, int port) {
        return start(dataDirectory, port, false);
    }

    /** A server whose data survives restarts (the local stack); crash-safe settings kept. */
    public static PostgresServer startPersistent(Path dataDirectory, int port) {
        stopOrphan(dataDirectory);
        return start(dataDirectory, port, true);
    }

    private static PostgresServer start(Path dataDirectory, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!durable)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "localhost");
            // zonky starts postgres with -F (fsync off) and synchronous_commit=off; the -c options
            // come after -F on the command line, so they decide either way.
            String crashSafe = durable ? "on" : "off";
            builder.setServerConfig("fsync", crashSafe)
                    .setServerConfig("synchronous_commit", crashSafe)
                    .setServerConfig("full_page_writes", crashSafe);
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    /** Creates each database that does not exist yet: every service owns its own database. */
    public void ensureDatabases(List<String> databases) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                if (!database.matches("[a-z_]+")) {
                    throw new IllegalArgumentException("database name must be [a-z_]+: " + database);
                }
                try (ResultSet rs =
                        statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!rs.next()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create databases " + databases, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * pg_ctl detaches the postmaster from the JVM that started it, so after a hard kill of that JVM
     * the old server still holds the port and the data directory. Stop it before reusing the directory.
     */
    static void stopOrphan(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> orphan = ProcessHandle.of(pid);
            if (orphan.isPresent()) {
                orphan.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown, crash-safe
                for (int i = 0; i < 300 && orphan.get().isAlive(); i++) {
                    Thread.sleep(100);
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            // unreadable pid file: let PostgreSQL itself decide whether the directory is in use
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
