package nl.meedoen.devinfra;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * HTTP/1.1 over a plain socket, for what HTTP clients will not send: paths they would normalize, request
 * lines longer than they allow, a chosen source address, a body written while the response is read. Header names
 * come back in lower case.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    private RawHttp() {}

    /** Sends {@code head} (the request line and headers, CRLF-separated, without the blank line) and no body. */
    public static Response exchange(URL gateway, String head) throws IOException {
        return exchange(gateway, null, head, out -> {});
    }

    /**
     * @param from local address to connect from (127.0.0.2 is another client on the same machine), or null
     * @param body writes the body; runs on its own thread so the response can arrive while it is written
     */
    public static Response exchange(URL gateway, String from, String head, Consumer<OutputStream> body)
            throws IOException {
        try (Socket socket = from == null
                ? new Socket(gateway.getHost(), gateway.getPort())
                : new Socket(
                        InetAddress.getByName(gateway.getHost()), gateway.getPort(), InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> body.accept(out));
            writer.start();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new TreeMap<>();
            for (String line; !(line = line(in)).isEmpty(); ) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(),
                        line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, text);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c == -1) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
