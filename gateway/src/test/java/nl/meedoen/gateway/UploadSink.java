package nl.meedoen.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in service for measuring the gateway's heap while it streams large uploads (gateway/README.md,
 * Streaming and memory): reads every request body, drops it, and answers how many bytes arrived.
 * {@code java -Xmx64m -cp gateway/target/test-classes nl.meedoen.gateway.UploadSink 18081}
 */
public final class UploadSink {

    private UploadSink() {}

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", Integer.parseInt(args[0])), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            long count = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    count += n;
                }
            } catch (IOException e) {
                System.out.println(exchange.getRequestURI() + ": broken off after " + count + " bytes");
                exchange.close();
                return;
            }
            System.out.println(exchange.getRequestURI() + ": " + count + " bytes");
            byte[] answer = ("{\"bytes\":" + count + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }
}
