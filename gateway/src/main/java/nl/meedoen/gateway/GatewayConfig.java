package nl.meedoen.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

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

    /**
     * Routes under {@code /api} that pass without a bearer token because a tenant's token authorises
     * them (invitation, sign-up, panel and unsubscribe links); {@code /x/*} matches {@code /x/} and below.
     * Everything else under {@code /api} needs a valid JWT. They are also the "token routes" with
     * their own, stricter per-IP rate limit.
     */
    List<String> publicPaths();

    /** Largest request body (by Content-Length) forwarded; larger ones get a 413 problem. */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** Content-Security-Policy on every response that does not set its own (Swagger UI needs inline script and style). */
    @WithDefault("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    String contentSecurityPolicy();

    /** Token-bucket limits; each replica counts on its own. */
    RateLimits rateLimits();

    interface RateLimits {
        /** Per authenticated client (the JWT's {@code azp}, else {@code sub}). */
        Limit perClient();

        /** Per remote IP address, every request under {@code /api}. */
        Limit perIp();

        /** Per remote IP address on the public token routes: slows down guessing tokens. */
        Limit tokenRoutesPerIp();
    }

    interface Limit {
        /** Sustained requests per second. */
        double perSecond();

        /** Requests allowed in a burst above the sustained rate. */
        int burst();
    }
}
