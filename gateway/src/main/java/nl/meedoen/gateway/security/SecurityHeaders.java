package nl.meedoen.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import nl.meedoen.gateway.CorrelationId;
import nl.meedoen.gateway.GatewayConfig;
import nl.meedoen.gateway.Problems;

/**
 * Browser-facing hardening on every response (the services' own included), and a last-resort
 * failure handler that answers a problem without internal details.
 */
@ApplicationScoped
public class SecurityHeaders {

    private static final Logger LOG = Logger.getLogger(SecurityHeaders.class);

    @Inject
    GatewayConfig config;

    void register(@Observes Router router) {
        router.route().order(-999).handler(rc -> {
            rc.addHeadersEndHandler(v -> {
                MultiMap headers = rc.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                headers.set("X-Frame-Options", "DENY");
                if (!headers.contains("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", config.contentSecurityPolicy());
                }
            });
            rc.next();
        });
        router.route().order(-999).failureHandler(rc -> {
            if (rc.response().headWritten()) {
                rc.response().reset();
                return;
            }
            int status = rc.statusCode() >= 400 && rc.statusCode() < 500 ? rc.statusCode() : 500;
            if (status == 500) {
                LOG.errorf(rc.failure(), "Failure on %s %s [%s=%s]", rc.request().method(), rc.request().path(),
                        CorrelationId.HEADER, rc.get(CorrelationId.HEADER));
            }
            Problems.send(rc, status, status == 500 ? "internal-error" : "bad-request",
                    status == 500 ? "Internal Server Error" : "Bad Request",
                    status == 500 ? "The gateway failed; the correlation id identifies this request in its logs." : "The request was not understood.");
        });
    }
}
