package nl.meedoen.gateway.privacy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import nl.meedoen.gateway.CorrelationId;
import nl.meedoen.gateway.GatewayConfig;
import nl.meedoen.gateway.Problems;
import org.jboss.logging.Logger;

/**
 * Right of access in one call: {@code GET /api/v1/data-subjects/{tenantRef}} asks every service that
 * has a {@code data-subjects/<service>} route for what it holds about the tenant, with the caller's
 * token (each service checks the role and audits the access), and answers one document
 * {@code {tenantRef, services: {<service>: {<table>: [rows]}}}}. All or nothing: a service that
 * cannot answer makes it a 502, because an incomplete copy would mislead the tenant.
 */
@ApplicationScoped
public class DataSubjectAccess {

    private static final Logger LOG = Logger.getLogger(DataSubjectAccess.class);
    private static final String PATH = "/api/v1/data-subjects/";
    private static final String ROUTE_PREFIX = "data-subjects/";
    /** A tenant reference as every service accepts it. */
    private static final Pattern TENANT_REF = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private record Answer(String service, int status, Buffer body, Throwable failure) {}

    void register(@Observes Router router) {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout((int) config.timeout().toMillis()));
        // After ApiGuard (-500): only authenticated callers get here; before the proxy.
        router.get(PATH + ":tenantRef").order(-100).handler(rc -> assemble(rc, client));
    }

    private void assemble(RoutingContext rc, HttpClient client) {
        String rawRef = rc.request().path().substring(PATH.length());
        if (!TENANT_REF.matcher(rc.pathParam("tenantRef")).matches()) {
            // Refused here, not by each service: one whose route a '/' in the value misses would turn it into a 502.
            Problems.send(
                    rc,
                    400,
                    "validation",
                    "Request is not valid",
                    "tenantRef: 1 to 64 letters, digits, '.', '_' or '-'");
            return;
        }
        Map<String, String> services = new TreeMap<>();
        config.routes().forEach((segment, service) -> {
            if (segment.startsWith(ROUTE_PREFIX)) {
                services.put(segment.substring(ROUTE_PREFIX.length()), service);
            }
        });
        List<Future<Answer>> calls = new ArrayList<>();
        services.forEach((name, service) ->
                calls.add(fetch(rc, client, name, config.services().get(service), rawRef)));
        Future.join(calls).onComplete(done -> {
            JsonObject held = new JsonObject();
            for (Future<Answer> call : calls) {
                Answer answer = call.result();
                if (answer.failure() != null || answer.status() >= 500 || answer.status() == 404) {
                    LOG.warnf(
                            "Right of access: %s failed for [%s=%s]: %s",
                            answer.service(),
                            CorrelationId.HEADER,
                            rc.get(CorrelationId.HEADER),
                            answer.failure() != null ? answer.failure().toString() : "status " + answer.status());
                    Problems.send(
                            rc,
                            502,
                            "bad-gateway",
                            "Bad Gateway",
                            "Service '" + answer.service()
                                    + "' could not say what it holds; no partial answer is given.");
                    return;
                }
                if (answer.status() != 200) {
                    // The service's own refusal (401, 403, 400 for a malformed tenantRef) is the answer.
                    rc.response()
                            .setStatusCode(answer.status())
                            .putHeader("Content-Type", Problems.CONTENT_TYPE)
                            .end(answer.body());
                    return;
                }
                held.put(answer.service(), answer.body().toJsonObject());
            }
            rc.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("tenantRef", rc.pathParam("tenantRef"))
                            .put("services", held)
                            .toBuffer());
        });
    }

    private Future<Answer> fetch(RoutingContext rc, HttpClient client, String name, String baseUrl, String rawRef) {
        URI base = URI.create(baseUrl);
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort() != -1 ? base.getPort() : ssl ? 443 : 80)
                .setSsl(ssl)
                .setURI(basePath + PATH + name + "/" + rawRef)
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(CorrelationId.HEADER, (String) rc.get(CorrelationId.HEADER));
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(name, response.statusCode(), body, null)))
                .otherwise(failure -> new Answer(name, 0, null, failure));
    }
}
