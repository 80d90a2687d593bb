package nl.meedoen.localstack;

import java.nio.file.Path;

/** The five applications of the platform, each a packaged Quarkus fast-jar in its own module. */
public enum App {
    NOTIFICATION("notification-service", "notification", 1),
    CONSULTATION("consultation-service", "consultation", 2),
    PANEL("panel-service", "panel", 3),
    RECRUITMENT("recruitment-service", "recruitment", 4),
    GATEWAY("gateway", null, 0);

    /** Module directory and the name used for logs and pids. */
    public final String module;
    /** The service's own database, also its routing key at the gateway; null for the gateway. */
    public final String key;
    /** Port = base port + offset (gateway 8080, services 8081..8084 by default). */
    final int portOffset;

    App(String module, String key, int portOffset) {
        this.module = module;
        this.key = key;
        this.portOffset = portOffset;
    }

    public boolean isService() {
        return key != null;
    }

    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
