package nl.meedoen.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local web page listing every mail the local stack's SMTP server received, newest first, each readable with its
 * links clickable and downloadable as the {@code .eml} file it arrived as: so anyone can try a flow by hand, open the
 * tenant's mail and follow its link, without reading tokens off Kafka. Listens on 127.0.0.1 only.
 */
public final class Mailbox implements AutoCloseable {

    /** Mails on the list page; the rest stay in their files and smtp.log. */
    static final int LISTED = 200;

    private static final Pattern MAIL = Pattern.compile("/mail/(\\d+)(\\.eml)?");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final SmtpSink sink;
    private final HttpServer server;

    public Mailbox(SmtpSink sink, int port) {
        this.sink = sink;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the mailbox page cannot listen on port " + port, e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only");
                return;
            }
            if (path.equals("/")) {
                send(exchange, 200, "text/html", list());
                return;
            }
            Matcher m = MAIL.matcher(path);
            if (!m.matches()) {
                send(exchange, 404, "text/plain", "no such page");
                return;
            }
            long number = Long.parseLong(m.group(1));
            if (m.group(2) != null) {
                Optional<Path> file = sink.file(number);
                if (file.isEmpty()) {
                    send(exchange, 404, "text/plain", "mail " + number + " is no longer kept as a file");
                    return;
                }
                exchange.getResponseHeaders()
                        .add("Content-Disposition", "attachment; filename=\"mail-" + number + ".eml\"");
                send(exchange, 200, "message/rfc822", Files.readAllBytes(file.get()));
                return;
            }
            Optional<SmtpSink.Mail> mail =
                    sink.mails().stream().filter(x -> x.number() == number).findFirst();
            if (mail.isEmpty()) {
                send(exchange, 404, "text/plain", "mail " + number + " is no longer kept");
                return;
            }
            send(exchange, 200, "text/html", page(mail.get()));
        }
    }

    private String list() {
        List<SmtpSink.Mail> mails = sink.mails();
        StringBuilder rows = new StringBuilder();
        for (int i = mails.size() - 1; i >= Math.max(0, mails.size() - LISTED); i--) {
            SmtpSink.Mail m = mails.get(i);
            rows.append("<tr><td>")
                    .append(m.receivedAt())
                    .append("</td><td>")
                    .append(escape(m.to()))
                    .append("</td><td><a href=\"/mail/")
                    .append(m.number())
                    .append("\">")
                    .append(escape(m.subject() == null ? "(no subject)" : m.subject()))
                    .append("</a></td></tr>\n");
        }
        return html(
                "Mailbox",
                "<h1>Mailbox of the local stack</h1><p>" + sink.received()
                        + " mails received since the start; the newest " + LISTED + " are listed.</p>"
                        + "<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>\n"
                        + rows + "</tbody></table>");
    }

    private String page(SmtpSink.Mail m) {
        StringBuilder headers = new StringBuilder();
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            headers.append("<dt>")
                    .append(escape(h.getKey()))
                    .append("</dt><dd>")
                    .append(linked(h.getValue()))
                    .append("</dd>\n");
        }
        String file = sink.file(m.number()).isPresent()
                ? "<p><a href=\"/mail/" + m.number() + ".eml\">Download as .eml</a></p>"
                : "";
        return html(
                m.subject(),
                "<p><a href=\"/\">All mails</a></p><h1>" + escape(m.subject()) + "</h1>" + file + "<dl>" + headers
                        + "</dl><pre>" + linked(m.text() == null ? "" : m.text()) + "</pre>");
    }

    /** Escaped text with every http(s) link clickable. */
    static String linked(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = LINK.matcher(text);
        int at = 0;
        while (m.find()) {
            out.append(escape(text.substring(at, m.start())));
            String url = escape(m.group());
            out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            at = m.end();
        }
        return out.append(escape(text.substring(at))).toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String html(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;margin:2rem;color:#1a1a1a}td,th{padding:.25rem .75rem;"
                + "text-align:left}a{color:#0645ad}pre{white-space:pre-wrap}</style></head><body>" + body
                + "</body></html>";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
