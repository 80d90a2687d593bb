package nl.meedoen.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's if it is well-formed, a new UUID otherwise.
 * The id is written back into the request headers so the proxy forwards it upstream, and onto every
 * response (including the gateway's own errors) just before the headers are sent.
 */
@ApplicationScoped
public class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    // Bounded and log-safe: no spaces, quotes or control characters can reach log lines or upstreams.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static String accept(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }

    /**
     * The request's id, for errors answered where the handler above may not have run (the router's error
     * handlers for requests no route could match): established now if need be, and set on the response.
     */
    public static String ensure(RoutingContext rc) {
        String id = rc.get(HEADER);
        if (id == null) {
            id = accept(rc.request().getHeader(HEADER));
            rc.put(HEADER, id);
        }
        rc.response().headers().set(HEADER, id);
        return id;
    }

    void register(@Observes Router router) {
        // Runs before every other route, including /q/* and the proxy.
        router.route().order(-1000).handler(rc -> {
            String id = accept(rc.request().getHeader(HEADER));
            rc.request().headers().set(HEADER, id);
            rc.put(HEADER, id);
            rc.addHeadersEndHandler(v -> rc.response().headers().set(HEADER, id));
            rc.next();
        });
    }
}
