package nl.meedoen.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Longest wait for an upstream to connect, and longest silence from it, before the gateway answers 504.
     * The silence is counted from the start of the request, so for an upload it covers the whole upload.
     */
    @WithDefault("10s")
    Duration timeout();

    /** Route key (as in {@link #routes()}) → its own {@link #timeout()}, e.g. longer for bulk uploads. */
    Map<String, Duration> timeouts();

    /**
     * How long an idle pooled connection to a service is kept. Must stay below the services' own idle
     * timeout ({@code quarkus.http.idle-timeout}, 30 min by default) and that of anything between, so it is
     * the gateway that closes idle connections, not the service while the gateway is reusing one.
     */
    @WithDefault("20s")
    Duration upstreamKeepAlive();

    /** Most connections the gateway opens to one service; more concurrent requests wait for one. */
    @WithDefault("100")
    int upstreamPoolSize();

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

    /**
     * Largest request body forwarded on routes without their own entry in {@link #bodyLimits()}: checked on
     * Content-Length before anything is forwarded, and counted while a body without one streams through.
     * Larger ones get a 413 problem.
     */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** Route key (as in {@link #routes()}) → its own body limit instead of {@link #maxBodySize()}. */
    Map<String, MemorySize> bodyLimits();

    /**
     * Longest request target (path and query) accepted; longer ones get a 414 problem. Kept below the
     * services' request-line limit (Quarkus' {@code max-initial-line-length}, 4096) so nothing the gateway
     * forwards is refused there without a problem body.
     */
    @WithDefault("4000")
    int maxUriLength();

    /**
     * Addresses or CIDRs of the reverse proxies in front of the gateway (the ingress). Only when the TCP
     * peer is one of them is {@link #clientAddressHeader()} read, right to left, to find the client.
     */
    Optional<List<String>> trustedProxies();

    /** The header the trusted proxies append the client address to: {@code X-Forwarded-For} or {@code Forwarded}. */
    @WithDefault("X-Forwarded-For")
    String clientAddressHeader();

    /**
     * Gateway replicas sharing the rate limits: each replica enforces {@code 1/replicas} of every limit,
     * which adds up to the configured limit when the load balancer spreads a client's requests evenly.
     */
    @WithDefault("1")
    int replicas();

    /** Content-Security-Policy on every response that does not set its own (Swagger UI needs inline script and style). */
    @WithDefault(
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    String contentSecurityPolicy();

    /** Token-bucket limits for the whole gateway; each replica counts on its own and enforces its share ({@link #replicas()}). */
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
