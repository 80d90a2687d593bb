package nl.meedoen.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import nl.meedoen.gateway.security.SecurityHeaders;
import org.jboss.logging.Logger;

/**
 * Every error the gateway answers outside a route's own logic is a problem with a correlation id: a request
 * target that is too long (414), headers that are too large (431), a path with dot segments or needless or
 * malformed percent-encoding (400), a path no route serves (404), a method a route does not take (405), and
 * the last resort for failures (500, no internal details). Vert.x answers requests no route matched with
 * bare or HTML bodies unless the router has an error handler for the status, hence the handlers below.
 *
 * <p>Request lines over {@code quarkus.http.limits.max-initial-line-length} (64K here) and header blocks over
 * {@code quarkus.http.limits.max-header-size} (64K) are refused by the HTTP decoder before any route runs;
 * {@link DecoderErrors} answers those with the same problems.
 */
@ApplicationScoped
public class RequestErrors {

    private static final Logger LOG = Logger.getLogger(RequestErrors.class);
    /** Below the services' {@code max-header-size} (Quarkus' 20K), so what the gateway forwards is not refused there bare. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private record Kind(String slug, String title, String detail) {}

    private static final Map<Integer, Kind> KINDS = Map.of(
            400,
                    new Kind(
                            "bad-request",
                            "Bad Request",
                            "The request was not understood (for example a malformed percent-encoding in the path)."),
            404, new Kind("not-found", "Not Found", "Nothing is served at this path."),
            405, new Kind("method-not-allowed", "Method Not Allowed", "This path does not take this method."),
            406, new Kind("not-acceptable", "Not Acceptable", "No representation matches the Accept header."),
            413, new Kind("payload-too-large", "Payload Too Large", "The request body is too large."),
            414, new Kind("uri-too-long", "URI Too Long", "The request target is too long."),
            415,
                    new Kind(
                            "unsupported-media-type",
                            "Unsupported Media Type",
                            "This Content-Type is not accepted here."),
            431,
                    new Kind(
                            "request-header-fields-too-large",
                            "Request Header Fields Too Large",
                            "The request headers are too large."),
            500,
                    new Kind(
                            "internal-error",
                            "Internal Server Error",
                            "The gateway failed; the correlation id identifies this request in its logs."),
            501, new Kind("not-implemented", "Not Implemented", "The gateway does not support this request."));

    @Inject
    GatewayConfig config;

    @Inject
    SecurityHeaders securityHeaders;

    void register(@Observes Router router) {
        // After the correlation id (-1000) and the security headers (-999), before anything that reads the path.
        router.route().order(-998).handler(this::checkRequestLine);
        router.route().order(-998).failureHandler(this::lastResort);
        KINDS.keySet().forEach(status -> router.errorHandler(status, rc -> unmatched(rc, status)));
    }

    private void checkRequestLine(RoutingContext rc) {
        String target = rc.request().uri();
        if (target.length() > config.maxUriLength()) {
            Problems.send(
                    rc,
                    414,
                    "uri-too-long",
                    "URI Too Long",
                    "The request target (path and query) is longer than " + config.maxUriLength() + " characters.");
            return;
        }
        int headerBytes = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            Problems.send(
                    rc,
                    431,
                    "request-header-fields-too-large",
                    "Request Header Fields Too Large",
                    "The request headers are larger than " + MAX_HEADER_BYTES + " bytes.");
            return;
        }
        try {
            new URI(target); // what Quarkus would check, answering an empty 400 (GatewayMain switches that off)
        } catch (URISyntaxException e) {
            Problems.send(
                    rc,
                    400,
                    "bad-request",
                    "Bad Request",
                    "The request target is not a valid URI (a malformed percent-encoding or a character that must be encoded).");
            return;
        }
        // Routes match on the normalized path; refuse any other so a service sees the very path routed on
        // (no "/api/v1/tenants/../panels", no "/api/../q/metrics").
        if (!rc.request().path().equals(rc.normalizedPath())) {
            Problems.send(
                    rc,
                    400,
                    "bad-request",
                    "Bad Request",
                    "The path must not contain dot segments or needless percent-encoding.");
            return;
        }
        rc.next();
    }

    /** Failures inside routes: the route's status if it is a client error, else a 500 without internal details. */
    private void lastResort(RoutingContext rc) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        int status = rc.statusCode() >= 400 && rc.statusCode() < 500 ? rc.statusCode() : 500;
        if (status == 500) {
            LOG.errorf(
                    rc.failure(),
                    "Failure on %s %s [%s=%s]",
                    rc.request().method(),
                    rc.request().path(),
                    CorrelationId.HEADER,
                    rc.get(CorrelationId.HEADER));
        }
        send(rc, status);
    }

    /** Requests the router could not route (no path matched, a malformed path, a method not taken). */
    private void unmatched(RoutingContext rc, int status) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        if (status >= 500) {
            LOG.errorf(
                    rc.failure(),
                    "Unhandled failure on %s %s [%s=%s]",
                    rc.request().method(),
                    rc.request().path(),
                    CorrelationId.HEADER,
                    rc.get(CorrelationId.HEADER));
        }
        send(rc, status);
    }

    private void send(RoutingContext rc, int status) {
        CorrelationId.ensure(rc);
        securityHeaders.apply(rc.response().headers());
        Kind kind = KINDS.getOrDefault(status, KINDS.get(status < 500 ? 400 : 500));
        Problems.send(rc, status, kind.slug(), kind.title(), kind.detail());
    }
}
