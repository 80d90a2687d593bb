package nl.meedoen.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Routing table and timeouts. The default service and route entries live in application.properties
 * (a map cannot carry defaults here); environment variables such as
 * {@code MEEDOEN_GATEWAY_SERVICES_NOTIFICATION} override them.
 */
@ConfigMapping(prefix = "meedoen.gateway")
public interface GatewayConfig {

    /** Service name → base URL, e.g. {@code notification → http://localhost:8081}. */
    Map<String, String> services();

    /** First path segment after {@code /api/v1/} → service name, e.g. {@code tenants → notification}. */
    Map<String, String> routes();

    /** Longest wait for an upstream to connect or to send data before the gateway answers 504. */
    @WithDefault("10s")
    Duration timeout();

    /** Longest wait for one service's OpenAPI document when building the merged document. */
    @WithDefault("3s")
    Duration openapiTimeout();

    /** How long a merged OpenAPI document is served before the services are asked again. */
    @WithDefault("5s")
    Duration openapiCacheTtl();

    /**
     * A folder served as static files at {@code /examples/} (the reference frontends, same origin as the
     * API so they need no CORS). Off unless set; the local stack sets it to the repository's examples/.
     */
    Optional<String> examplesDir();
}
