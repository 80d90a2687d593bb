package nl.meedoen.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real HTTP servers standing in for the services: notification, consultation and panel run on free
 * ports; recruitment points at a port nobody listens on. Each running service
 * <ul>
 * <li>serves a small OpenAPI document at {@code /q/openapi} (and notification the test issuer's keys at {@code /jwks}),</li>
 * <li>sleeps 5 s on any path containing {@code /slow} (the gateway's timeout is 3 s in tests, generous for a loaded CI machine),</li>
 * <li>answers a problem of its own (404) on paths containing {@code /missing},</li>
 * <li>records on paths containing {@code /upload} whether the body arrived whole ({@link #UPLOADS}),</li>
 * <li>and otherwise echoes what it received as JSON.</li>
 * </ul>
 * A fifth service, {@code flaky} (route {@code /api/v1/flaky}), answers the first request on each connection
 * and closes the connection, unanswered, when a second request arrives on it: a keep-alive connection the
 * service dropped just as the gateway reused it.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "complete:&lt;bytes&gt;" or "aborted:&lt;bytes&gt;" per upload received, in order. */
    static final List<String> UPLOADS = new CopyOnWriteArrayList<>();

    static final AtomicInteger FLAKY_ANSWERED = new AtomicInteger();
    static final AtomicInteger FLAKY_DROPPED = new AtomicInteger();
    private final List<HttpServer> servers = new ArrayList<>();
    private ServerSocket flaky;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool();
        try {
            TestIssuer.publish("k1");
            int notification = serve("notification");
            Map<String, String> config = new TreeMap<>(Map.of(
                    "meedoen.gateway.services.notification", "http://localhost:" + notification,
                    // The test issuer's keys, as a JWKS document the tests can rotate.
                    "mp.jwt.verify.publickey.location", "http://localhost:" + notification + "/jwks",
                    "mp.jwt.verify.issuer", TestIssuer.ISSUER,
                    "meedoen.gateway.services.consultation", "http://localhost:" + serve("consultation"),
                    "meedoen.gateway.services.panel", "http://localhost:" + serve("panel"),
                    "meedoen.gateway.services.recruitment", "http://localhost:" + unusedPort(),
                    "meedoen.gateway.timeout", "3s",
                    "meedoen.gateway.openapi-timeout", "3s"));
            config.put("meedoen.gateway.services.flaky", "http://localhost:" + serveFlaky());
            config.put("meedoen.gateway.routes.flaky", "flaky");
            return config;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        servers.forEach(s -> s.stop(0));
        try {
            flaky.close();
        } catch (IOException e) {
            // stopping anyway
        }
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
        if (path.contains("/upload")) {
            body = readUpload(exchange);
        } else {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
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
            Thread.sleep(5000);
        }
        if (path.contains("/missing")) {
            respond(
                    exchange,
                    404,
                    "application/problem+json",
                    "{\"type\":\"https://meedoen.nl/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"" + service + " has no such thing\"}");
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, Object> echo = Map.of(
                "service",
                service,
                "method",
                exchange.getRequestMethod(),
                "path",
                path,
                "query",
                String.valueOf(exchange.getRequestURI().getRawQuery()),
                "headers",
                headers,
                "bodyLength",
                body.length,
                "body",
                text.length() > 1000 ? text.substring(0, 1000) : text);
        exchange.getResponseHeaders().add("X-Upstream", service);
        respond(exchange, 200, "application/json", JSON.writeValueAsString(echo));
    }

    /** Reads and counts an upload; a body broken off before its end is recorded as aborted. */
    private static byte[] readUpload(HttpExchange exchange) throws IOException {
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                count += n;
            }
        } catch (IOException e) {
            UPLOADS.add("aborted:" + count);
            throw e;
        }
        UPLOADS.add("complete:" + count);
        return new byte[0];
    }

    private int serveFlaky() throws IOException {
        flaky = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.submit(() -> {
            while (!flaky.isClosed()) {
                try {
                    Socket socket = flaky.accept();
                    executor.submit(() -> flakyConnection(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return flaky.getLocalPort();
    }

    private static void flakyConnection(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (boolean first = true; ; first = false) {
                List<String> head = new ArrayList<>();
                for (String line; !(line = readLine(in)).isEmpty(); ) {
                    head.add(line);
                }
                if (!first) {
                    FLAKY_DROPPED.incrementAndGet();
                    return; // closed, unanswered
                }
                int length = head.stream()
                        .filter(h -> h.toLowerCase().startsWith("content-length:"))
                        .mapToInt(h -> Integer.parseInt(h.substring(15).trim()))
                        .findFirst()
                        .orElse(0);
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String[] requestLine = head.get(0).split(" ");
                boolean openApi = requestLine[1].startsWith("/q/openapi");
                String json = openApi
                        ? "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"flaky\",\"version\":\"1\"},\"paths\":{}}"
                        : JSON.writeValueAsString(Map.of(
                                "service", "flaky", "method", requestLine[0], "path", requestLine[1], "body", body));
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream()
                        .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                                        + (openApi ? "\r\nConnection: close" : "") + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                if (openApi) {
                    return;
                }
                FLAKY_ANSWERED.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // the gateway closed the connection (its keep-alive timeout) or the test ended
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c == -1) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
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
                """.formatted(
                        service.equals("consultation") ? "3.1.0" : "3.0.3",
                        service,
                        resource,
                        resource,
                        resource,
                        problemProperty);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
