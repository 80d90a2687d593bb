package nl.meedoen.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real HTTP servers standing in for the services: notification, consultation and panel run on free
 * ports; recruitment points at a port nobody listens on. Each running service
 * <ul>
 * <li>serves a small OpenAPI document at {@code /q/openapi} (and notification the test issuer's keys at {@code /jwks}),</li>
 * <li>sleeps 8 s on any path containing {@code /slow} (the gateway's timeout is 3 s in tests, generous for a loaded CI machine),</li>
 * <li>answers a problem of its own (404) on paths containing {@code /missing},</li>
 * <li>and otherwise echoes what it received as JSON.</li>
 * </ul>
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool();
        try {
            TestIssuer.publish("k1");
            int notification = serve("notification");
            return Map.of(
                    "meedoen.gateway.services.notification", "http://localhost:" + notification,
                    // The test issuer's keys, as a JWKS document the tests can rotate.
                    "mp.jwt.verify.publickey.location", "http://localhost:" + notification + "/jwks",
                    "mp.jwt.verify.issuer", TestIssuer.ISSUER,
                    "meedoen.gateway.services.consultation", "http://localhost:" + serve("consultation"),
                    "meedoen.gateway.services.panel", "http://localhost:" + serve("panel"),
                    "meedoen.gateway.services.recruitment", "http://localhost:" + unusedPort(),
                    "meedoen.gateway.timeout", "3s",
                    "meedoen.gateway.openapi-timeout", "3s");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }

    private int serve(String service) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                handle(service, exchange);
            } catch (IOException | InterruptedException e) {
                // The gateway gave up on us (timeout test); nothing to answer.
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static void handle(String service, HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getRawPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (path.equals("/jwks")) {
            respond(exchange, 200, "application/json", TestIssuer.jwks());
            return;
        }
        if (path.equals("/q/openapi")) {
            respond(exchange, 200, "application/json", openApi(service));
            return;
        }
        if (path.contains("/slow")) {
            Thread.sleep(8000);
        }
        if (path.contains("/missing")) {
            respond(exchange, 404, "application/problem+json",
                    "{\"type\":\"https://meedoen.nl/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"" + service + " has no such thing\"}");
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, Object> echo = Map.of(
                "service", service,
                "method", exchange.getRequestMethod(),
                "path", path,
                "query", String.valueOf(exchange.getRequestURI().getRawQuery()),
                "headers", headers,
                "bodyLength", body.length,
                "body", text.length() > 1000 ? text.substring(0, 1000) : text);
        exchange.getResponseHeaders().add("X-Upstream", service);
        respond(exchange, 200, "application/json", JSON.writeValueAsString(echo));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * consultation (first in name order) and notification both define {@code Problem}, differently:
     * the merged document must keep both. Both define the same {@code Id}: it must appear once.
     */
    private static String openApi(String service) {
        String resource = switch (service) {
            case "notification" -> "tenants";
            case "consultation" -> "consultations";
            default -> "panels";
        };
        String problemProperty = service.equals("notification") ? "title" : "detail";
        return """
                {"openapi": "%s",
                 "info": {"title": "%s", "version": "1"},
                 "tags": [{"name": "%s"}],
                 "paths": {"/api/v1/%s/{id}": {"get": {"tags": ["%s"], "responses": {
                     "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Id"}}}},
                     "404": {"description": "missing", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
                 "components": {
                   "schemas": {
                     "Id": {"type": "string", "format": "uuid"},
                     "Problem": {"type": "object", "properties": {"%s": {"type": "string"}}}},
                   "securitySchemes": {"jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}}
                """.formatted(service.equals("consultation") ? "3.1.0" : "3.0.3", service, resource, resource, resource,
                problemProperty);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
