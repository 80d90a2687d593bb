package nl.meedoen.gateway.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import nl.meedoen.gateway.CorrelationId;
import nl.meedoen.gateway.GatewayConfig;
import nl.meedoen.gateway.Problems;
import nl.meedoen.gateway.proxy.RouteTable;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * What every request under {@code /api} passes before it is forwarded, cheapest check first:
 * body size by Content-Length (413, the route's limit), per-IP rate limits on the client address
 * ({@link ClientAddress}, 429), a valid bearer JWT unless the route is public (401), the per-client rate
 * limit (429). The services verify the token again and decide on roles; the gateway only keeps
 * unauthenticated and abusive traffic away from them (defence in depth). The resolved client address is
 * what the services receive as {@code X-Forwarded-For}.
 */
@ApplicationScoped
public class ApiGuard {

    private static final Logger LOG = Logger.getLogger(ApiGuard.class);
    static final String UNAUTHORIZED_DETAIL = "A valid bearer token is required.";

    @Inject
    GatewayConfig config;

    @Inject
    JWTParser jwtParser;

    @Inject
    Vertx vertx;

    @Inject
    RouteTable routes;

    RateLimiter limiter;
    ClientAddress clientAddress;

    @PostConstruct
    void init() {
        limiter = new RateLimiter(System::nanoTime, config.replicas());
        clientAddress = new ClientAddress(config.trustedProxies().orElse(List.of()), config.clientAddressHeader());
    }

    void register(@Observes Router router) {
        // After the correlation id (-1000) and Quarkus' CORS filter, before the proxy.
        router.route("/api/*").order(-500).handler(this::guard);
        vertx.setPeriodic(60_000, id -> limiter.evictIdle());
    }

    private void guard(RoutingContext rc) {
        String contentLength = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long max = routes.maxBodyBytes(rc.normalizedPath());
        if (contentLength != null && parseLength(contentLength) > max) {
            Problems.send(rc, 413, "payload-too-large", "Payload Too Large", Problems.bodyLimitDetail(max));
            return;
        }
        String ip = forwardedFor(rc);
        boolean publicRoute = isPublic(rc.normalizedPath(), config.publicPaths());
        String bucket = ClientAddress.bucket(ip);
        if (tooMany(rc, "ip:" + bucket, config.rateLimits().perIp())
                || publicRoute
                        && tooMany(rc, "token-ip:" + bucket, config.rateLimits().tokenRoutesPerIp())) {
            return;
        }
        if (publicRoute) {
            // A tenant's token authorises these; the service checks it (and any bearer token sent along).
            rc.next();
            return;
        }
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() < 8) {
            unauthorized(rc);
            return;
        }
        String token = authorization.substring(7).trim();
        rc.request().pause(); // nothing of the body is lost while the key is fetched or the signature checked
        vertx.executeBlocking(() -> jwtParser.parse(token), false).onComplete(result -> {
            if (result.failed()) {
                // Why (expired, forged, wrong audience...) is logged, never told: it helps no honest caller.
                LOG.debugf(
                        "Rejected bearer token for %s [%s=%s]: %s",
                        rc.request().path(),
                        CorrelationId.HEADER,
                        rc.get(CorrelationId.HEADER),
                        result.cause().getMessage());
                rc.request().resume();
                unauthorized(rc);
                return;
            }
            JsonWebToken jwt = result.result();
            Object azp = jwt.getClaim("azp");
            String client = azp != null ? azp.toString() : jwt.getSubject();
            if (tooMany(rc, "client:" + client, config.rateLimits().perClient())) {
                rc.request().resume();
                return;
            }
            rc.next();
        });
    }

    /**
     * The client's address; it replaces whatever forwarding headers came in, so the services see only
     * what the gateway established (nothing a client wrote itself).
     */
    private String forwardedFor(RoutingContext rc) {
        var request = rc.request();
        String peer =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String ip = clientAddress.resolve(peer, request.headers().getAll(clientAddress.header()));
        request.headers().remove("Forwarded").remove("X-Real-IP").set("X-Forwarded-For", ip);
        return ip;
    }

    private boolean tooMany(RoutingContext rc, String key, GatewayConfig.Limit limit) {
        long retryAfter = limiter.acquire(key, limit);
        if (retryAfter == 0) {
            return false;
        }
        rc.response().putHeader("Retry-After", Long.toString(retryAfter));
        Problems.send(
                rc,
                429,
                "too-many-requests",
                "Too Many Requests",
                "Rate limit exceeded; retry after " + retryAfter + " s.");
        return true;
    }

    private static void unauthorized(RoutingContext rc) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(rc, 401, "unauthorized", "Unauthorized", UNAUTHORIZED_DETAIL);
    }

    static boolean isPublic(String path, List<String> publicPaths) {
        for (String entry : publicPaths) {
            if (entry.endsWith("/*") ? path.startsWith(entry.substring(0, entry.length() - 1)) : path.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // a Content-Length we cannot read is not forwarded
        }
    }
}
