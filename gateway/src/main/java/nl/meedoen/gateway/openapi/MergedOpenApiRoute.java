package nl.meedoen.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import nl.meedoen.gateway.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * {@code GET /openapi}: one OpenAPI document for the platform, merged from every service's
 * {@code /q/openapi}. Services that do not answer are skipped and listed in
 * {@code x-meedoen-unavailable}. The result is cached briefly so Swagger UI reloads stay cheap.
 */
@ApplicationScoped
public class MergedOpenApiRoute {

    private static final Logger LOG = Logger.getLogger(MergedOpenApiRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNode GATEWAY_OPERATIONS = gatewayOperations();

    @Inject
    GatewayConfig config;

    private HttpClient http;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private record Cached(ObjectNode document, long expiresAtNanos) {}

    void register(@Observes Router router) {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.openapiTimeout())
                .build();
        // Blocking: it waits for the services, so it must not hold an event-loop thread.
        router.get("/openapi").blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext rc) {
        ObjectNode document = current();
        try {
            if ("yaml".equalsIgnoreCase(rc.request().getParam("format"))) {
                rc.response()
                        .putHeader("Content-Type", "application/yaml; charset=utf-8")
                        .end(YAML.writeValueAsString(document));
            } else {
                rc.response().putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(document));
            }
        } catch (Exception e) {
            rc.fail(e);
        }
    }

    ObjectNode current() {
        Cached cached = cache.get();
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.document();
        }
        ObjectNode merged = merge();
        cache.set(
                new Cached(merged, System.nanoTime() + config.openapiCacheTtl().toNanos()));
        return merged;
    }

    private ObjectNode merge() {
        // Sorted by service name, so the merged document (and who wins a name clash) is stable.
        Map<String, CompletableFuture<JsonNode>> fetches = new TreeMap<>();
        config.services().forEach((name, url) -> fetches.put(name, fetch(name, url)));
        OpenApiMerger merger = new OpenApiMerger();
        fetches.forEach((name, fetch) -> {
            JsonNode doc = fetch.exceptionally(e -> null).join();
            if (doc == null) {
                merger.unavailable(name);
            } else {
                merger.add(name, doc);
            }
        });
        // The operations the gateway answers itself (the combined right of access), after the services' documents so
        // that theirs set the version and the shared Problem schema.
        merger.add("gateway", GATEWAY_OPERATIONS);
        return merger.result();
    }

    private static JsonNode gatewayOperations() {
        try (var in = MergedOpenApiRoute.class.getResourceAsStream("/openapi/gateway-operations.json")) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the gateway's own operations are not readable", e);
        }
    }

    private CompletableFuture<JsonNode> fetch(String service, String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl.replaceAll("/+$", "") + "/q/openapi?format=json"))
                .timeout(config.openapiTimeout())
                .header("Accept", "application/json")
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    try {
                        return JSON.readTree(response.body());
                    } catch (Exception e) {
                        throw new IllegalStateException("not JSON: " + e.getMessage());
                    }
                })
                .whenComplete((doc, e) -> {
                    if (e != null) {
                        LOG.warnf("OpenAPI of service %s unavailable: %s", service, e.getMessage());
                    }
                });
    }
}
