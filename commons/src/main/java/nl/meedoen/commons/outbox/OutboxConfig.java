package nl.meedoen.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "meedoen.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of this service's events. */
    @WithDefault("urn:meedoen:${quarkus.application.name}")
    String source();

    /** Whether this process runs a relay (every replica may; only one holds the lock at a time). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often an idle relay looks for new rows (writes in this process wake it at once). */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * How long a woken relay waits before its round, so the writes that follow join it: under load
     * fewer, larger rounds (each round costs the relay four statements and the broker one request).
     */
    @WithDefault("20ms")
    Duration linger();

    /** Rows published per round. */
    @WithDefault("500")
    int batchSize();

    /** How long the broker may take to acknowledge a round before the relay retries it. */
    @WithDefault("15s")
    Duration sendTimeout();

    /**
     * Topics whose rows are deleted as soon as the broker has them instead of kept for {@link #retention()}: their
     * payloads carry secrets (message requests hold a tenant's personal link token).
     */
    @WithDefault("notification.requests.v1")
    java.util.List<String> purgeOnPublish();

    /** Published rows are kept this long for inspection, then purged. */
    @WithDefault("P7D")
    Duration retention();
}
