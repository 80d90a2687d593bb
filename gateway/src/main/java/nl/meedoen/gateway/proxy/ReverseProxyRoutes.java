package nl.meedoen.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import nl.meedoen.gateway.CorrelationId;
import nl.meedoen.gateway.GatewayConfig;
import nl.meedoen.gateway.Problems;
import org.jboss.logging.Logger;

/**
 * Forwards {@code /api/v1/<route>/...} to the service the routing table names. Method, path, query,
 * headers (Authorization included) and body are streamed as they are, the body counted against the
 * route's limit as it passes; only the proxy library's bodiless errors are replaced by problem details
 * (413, 502, 504). A request that may safely be sent twice is sent again, once, on a new connection when
 * a pooled connection turns out to have been closed by the service before it answered.
 */
@ApplicationScoped
public class ReverseProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ReverseProxyRoutes.class);
    private static final Set<HttpMethod> IDEMPOTENT =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);
    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    /** Bodies up to this size of requests that may be retried are read first, so a retry can send them again. */
    static final int REPLAYABLE_BODY = 64 * 1024;

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    /** The request-context local Quarkus's HTTP metrics take the uri label from (as Quarkus REST sets it). */
    static final String METRICS_TEMPLATE = "UrlPathTemplate";

    @Inject
    RouteTable routes;

    private HttpClient pooled;
    private HttpClient fresh;

    void register(@Observes Router router) {
        routes.upstreams(); // builds and checks the routing table now: a bad one stops start-up
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(
                        (int) Math.max(1, config.upstreamKeepAlive().toSeconds()))
                .setConnectTimeout((int) config.timeout().toMillis());
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.upstreamPoolSize());
        pooled = vertx.createHttpClient(options, pool);
        // Retries go through a client that never reuses a connection: the next pooled one may be stale too.
        fresh = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false), pool);

        router.route("/api/*").handler(this::forward);
    }

    private void forward(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // RequestErrors has refused any path that is not its own normalized form, so the service sees the path we route
        // on.
        RouteTable.Route route = routes.resolve(request.path());
        if (route == null) {
            Problems.send(rc, 404, "not-found", "Not Found", "No service serves " + request.path() + ".");
            return;
        }
        // The route labels the request in the metrics (the uri of http_server_requests), as a resource's template
        // does in the services: raw paths, with their ids and tenantRefs, would make a series each.
        ((HttpServerRequestInternal) request)
                .context()
                .putLocal(METRICS_TEMPLATE, RouteTable.PREFIX + route.key() + "/*");
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            // The proxy library knows only a literal "chunked" and answers anything else with a bare 400.
            if (!codings.stream().allMatch(c -> c.trim().equalsIgnoreCase("chunked"))) {
                Problems.send(
                        rc,
                        501,
                        "not-implemented",
                        "Not Implemented",
                        "Only the chunked transfer coding is supported.");
                return;
            }
            request.headers().set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        }
        if (request.version() == HttpVersion.HTTP_2
                && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && BODY_METHODS.contains(request.method())) {
            // An HTTP/2 body of unknown length: the proxy frames it for HTTP/1.1 only if it sees "chunked".
            request.headers().set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        }
        Exchange exchange = new Exchange(rc, route);
        long length = contentLength(request);
        // An HTTP/2 request's body is streamed as it comes, never kept: reading it whole first left a request that
        // arrived by h2c upgrade (Java's HttpClient does that) waiting forever; such a request is not retried.
        if (exchange.retryable && length > 0 && length <= REPLAYABLE_BODY && request.version() != HttpVersion.HTTP_2) {
            // Small and bounded by its Content-Length: kept, so a retry can send it again.
            request.body().onComplete(read -> {
                if (read.succeeded()) {
                    exchange.body = read.result();
                    exchange.start();
                }
                // else the client went away while sending: nobody to answer
            });
            request.resume(); // ApiGuard paused it while it checked the token
        } else {
            exchange.retryable &=
                    length == 0 || length == -1 && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
            exchange.start();
        }
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One request on its way to a service: picks the upstream, counts the body, retries, explains failures. */
    private final class Exchange implements ProxyInterceptor {
        final RoutingContext rc;
        final RouteTable.Route route;
        boolean retryable;
        Buffer body;
        LimitedBody limited;
        boolean retrying;

        Exchange(RoutingContext rc, RouteTable.Route route) {
            this.rc = rc;
            this.route = route;
            HttpServerRequest request = rc.request();
            this.retryable =
                    IDEMPOTENT.contains(request.method()) || request.headers().contains("Idempotency-Key");
        }

        void start() {
            HttpProxy.reverseProxy(pooled)
                    .origin(this::open)
                    .addInterceptor(this)
                    .handle(rc.request());
        }

        private Future<HttpClientRequest> open(ProxyContext ctx) {
            RouteTable.Upstream upstream = route.upstream();
            long timeoutMs = route.timeout().toMillis();
            return (retrying ? fresh : pooled)
                    .request(new RequestOptions()
                            .setHost(upstream.host())
                            .setPort(upstream.port())
                            .setSsl(upstream.ssl())
                            .setConnectTimeout(timeoutMs)
                            // Idle timeout: fails the exchange when the upstream sends nothing for this long.
                            .setIdleTimeout(timeoutMs));
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
            if (!route.upstream().basePath().isEmpty()) {
                ctx.request().setURI(route.upstream().basePath() + ctx.request().getURI());
            }
            if (body != null) {
                ctx.request().setBody(Body.body(body));
            } else if (ctx.request().getBody() != null) {
                Body original = ctx.request().getBody();
                limited = new LimitedBody(original.stream(), route.maxBodyBytes(), this::bodyTooLarge);
                ctx.request().setBody(Body.body(limited, original.length()));
            }
            return send(ctx, ctx.sendRequest());
        }

        private Future<ProxyResponse> send(ProxyContext ctx, Future<ProxyResponse> attempt) {
            return attempt.recover(failure -> {
                HttpServerRequest request = rc.request();
                if (limited != null && limited.exceeded()) {
                    request.response().putHeader(HttpHeaders.CONNECTION, "close");
                    return Future.succeededFuture(problem(
                            ctx,
                            413,
                            "payload-too-large",
                            "Payload Too Large",
                            Problems.bodyLimitDetail(route.maxBodyBytes())));
                }
                if (retryable && !retrying && staleConnection(failure)) {
                    LOG.debugf(
                            "Retrying %s %s on a new connection to %s [%s=%s]: %s",
                            request.method(),
                            request.path(),
                            route.upstream().name(),
                            CorrelationId.HEADER,
                            request.getHeader(CorrelationId.HEADER),
                            describe(failure));
                    retrying = true;
                    // Sent as a new proxy request: the library's request object resets the client request it sent
                    // last when the first attempt's body write fails, and that failure can come after the retry has
                    // started. A retryable request's body is kept (small) or empty.
                    ProxyRequest again = ProxyRequest.reverseProxy(request)
                            .setURI(ctx.request().getURI())
                            .setBody(Body.body(body != null ? body : Buffer.buffer()));
                    return send(ctx, open(ctx).compose(again::send));
                }
                boolean timedOut = failure instanceof TimeoutException;
                String service = route.upstream().name();
                LOG.warnf(
                        "Upstream %s failed for %s %s [%s=%s]: %s",
                        service,
                        request.method(),
                        request.path(),
                        CorrelationId.HEADER,
                        request.getHeader(CorrelationId.HEADER),
                        describe(failure));
                return Future.succeededFuture(
                        timedOut
                                ? problem(
                                        ctx,
                                        504,
                                        "gateway-timeout",
                                        "Gateway Timeout",
                                        "Service '" + service + "' did not answer in time.")
                                : problem(
                                        ctx,
                                        502,
                                        "bad-gateway",
                                        "Bad Gateway",
                                        "Service '" + service + "' is not reachable."));
            });
        }

        /** Called when the body crosses the limit; the upstream request is being reset by then. */
        private void bodyTooLarge() {
            HttpServerRequest request = rc.request();
            LOG.infof(
                    "Body over %d bytes for %s %s cut off [%s=%s]",
                    route.maxBodyBytes(),
                    request.method(),
                    request.path(),
                    CorrelationId.HEADER,
                    request.getHeader(CorrelationId.HEADER));
            if (request.response().headWritten()) {
                // The service answered already: too late for a 413, so the exchange is broken off.
                request.response().reset();
            } else if (request.version() != HttpVersion.HTTP_2) {
                // The 413 carries Connection: close; a client that keeps on sending is cut off after a grace period.
                vertx.setTimer(5_000, id -> request.connection().close());
            }
        }

        private ProxyResponse problem(ProxyContext ctx, int status, String slug, String title, String detail) {
            return ctx.request()
                    .release()
                    .response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problems.CONTENT_TYPE)
                    .setBody(Body.body(Problems.body(
                            status, slug, title, detail, rc.request().path(), rc.get(CorrelationId.HEADER))));
        }
    }

    /**
     * The connection closed or was reset before the service sent a byte of its answer (a failure after the
     * response began does not fail this future). Typical of a pooled connection the service just closed.
     */
    private static boolean staleConnection(Throwable failure) {
        // StreamResetException: the service closed the connection while the request's body was still being written
        // (seen in CI as "Stream reset: 0" on a PUT); like HttpClosedException, no byte of an answer came back.
        return failure instanceof HttpClosedException
                || failure instanceof StreamResetException
                || failure instanceof IOException && !(failure instanceof ConnectException);
    }

    private static String describe(Throwable failure) {
        return failure instanceof ConnectException
                ? "connection failed: " + failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
