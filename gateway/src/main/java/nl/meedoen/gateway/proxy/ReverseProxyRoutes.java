package nl.meedoen.gateway.proxy;

import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import nl.meedoen.gateway.CorrelationId;
import nl.meedoen.gateway.GatewayConfig;
import nl.meedoen.gateway.Problems;

/**
 * Forwards {@code /api/v1/<segment>/...} to the service the routing table names for the segment.
 * Method, path, query, headers (Authorization included) and body are streamed as they are; only the
 * proxy library's bodiless error responses are replaced by problem details (502, 504).
 */
@ApplicationScoped
public class ReverseProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ReverseProxyRoutes.class);
    private static final String PREFIX = "/api/v1/";

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private final Map<String, Upstream> upstreams = new TreeMap<>();

    /** Where one service lives; {@code basePath} lets a service sit behind a path prefix. */
    record Upstream(String name, String host, int port, boolean ssl, String basePath) {
        static Upstream parse(String name, String url) {
            URI uri = URI.create(url);
            boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return new Upstream(name, uri.getHost(), port, ssl, path);
        }
    }

    void register(@Observes Router router) {
        config.services().forEach((name, url) -> upstreams.put(name, Upstream.parse(name, url)));
        config.routes().forEach((segment, service) -> {
            if (!upstreams.containsKey(service)) {
                // Fail at start-up rather than with a 502 on the first request.
                throw new IllegalStateException("meedoen.gateway.routes." + segment + " names unknown service '"
                        + service + "'; known: " + upstreams.keySet());
            }
        });

        long timeoutMs = config.timeout().toMillis();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) timeoutMs),
                new PoolOptions().setHttp1MaxSize(100));

        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(ctx -> openUpstreamRequest(ctx, client, timeoutMs))
                .addInterceptor(new ProblemOnFailure());

        router.route("/api/*").handler(rc -> {
            String path = rc.request().path();
            // The router matched on the normalized path; refuse anything else so the upstream sees the
            // very path we routed on (no "/api/v1/tenants/../panels" tricks).
            if (!path.equals(rc.normalizedPath())) {
                Problems.send(rc, 400, "bad-request", "Bad Request",
                        "The path must not contain dot segments or needless percent-encoding.");
                return;
            }
            if (upstreamFor(path) == null) {
                Problems.send(rc, 404, "not-found", "Not Found", "No service serves " + path + ".");
                return;
            }
            proxy.handle(rc.request());
        });
    }

    private Upstream upstreamFor(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] segments = path.substring(PREFIX.length()).split("/", 3);
        // A two-segment route (audit/panel) wins over a one-segment one.
        String service = segments.length > 1 ? config.routes().get(segments[0] + "/" + segments[1]) : null;
        if (service == null) {
            service = config.routes().get(segments[0]);
        }
        return service == null ? null : upstreams.get(service);
    }

    private Future<HttpClientRequest> openUpstreamRequest(ProxyContext ctx, HttpClient client, long timeoutMs) {
        Upstream upstream = upstreamFor(ctx.request().proxiedRequest().path());
        ctx.set("service", upstream.name());
        if (!upstream.basePath().isEmpty()) {
            ctx.request().setURI(upstream.basePath() + ctx.request().getURI());
        }
        return client.request(new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setConnectTimeout(timeoutMs)
                // Idle timeout: fails the exchange when the upstream sends nothing for this long.
                .setIdleTimeout(timeoutMs));
    }

    /**
     * The proxy library answers every upstream failure with an empty 502. Turn that into problem
     * details, and tell a slow upstream (504) from an unreachable one (502).
     */
    private static final class ProblemOnFailure implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
            return ctx.sendRequest().recover(failure -> {
                HttpServerRequest request = ctx.request().proxiedRequest();
                String service = ctx.get("service", String.class);
                boolean timedOut = failure instanceof TimeoutException;
                LOG.warnf("Upstream %s failed for %s %s [%s=%s]: %s", service, request.method(), request.path(),
                        CorrelationId.HEADER, request.getHeader(CorrelationId.HEADER), describe(failure));
                int status = timedOut ? 504 : 502;
                String detail = timedOut
                        ? "Service '" + service + "' did not answer in time."
                        : "Service '" + service + "' is not reachable.";
                ProxyResponse response = ctx.request().release().response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", Problems.CONTENT_TYPE)
                        .setBody(Body.body(Problems.body(status, timedOut ? "gateway-timeout" : "bad-gateway",
                                timedOut ? "Gateway Timeout" : "Bad Gateway", detail, request.path())));
                return Future.succeededFuture(response);
            });
        }

        private static String describe(Throwable failure) {
            return failure instanceof ConnectException ? "connection failed: " + failure.getMessage()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
    }
}
