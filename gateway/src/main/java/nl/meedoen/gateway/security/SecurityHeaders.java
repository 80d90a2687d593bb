package nl.meedoen.gateway.security;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import nl.meedoen.gateway.GatewayConfig;

/** Browser-facing hardening on every response (the services' own included). */
@ApplicationScoped
public class SecurityHeaders {

    @Inject
    GatewayConfig config;

    void register(@Observes Router router) {
        router.route().order(-999).handler(rc -> {
            rc.addHeadersEndHandler(v -> apply(rc.response().headers()));
            rc.next();
        });
    }

    /** Also called by {@link nl.meedoen.gateway.RequestErrors} for requests no route matched. */
    public void apply(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.set("X-Frame-Options", "DENY");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", config.contentSecurityPolicy());
        }
    }
}
