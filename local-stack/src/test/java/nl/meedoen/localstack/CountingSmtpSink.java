package nl.meedoen.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal SMTP server that accepts every message and counts them per recipient (RCPT TO). */
final class CountingSmtpSink implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    private final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();

    CountingSmtpSink() throws IOException {
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket socket = server.accept();
                            Thread session = new Thread(() -> session(socket), "smtp-sink-session");
                            session.setDaemon(true);
                            session.start();
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** notification-service's settings (Stack overrides, then a restart) to send here, {@code rate} msgs/s (0 = unlimited). */
    Map<String, String> notificationSettings(int rate) {
        return Map.of(
                "quarkus.mailer.mock",
                "false",
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                String.valueOf(port()),
                "quarkus.mailer.start-tls",
                "DISABLED",
                "meedoen.notification.email.rate",
                String.valueOf(rate));
    }

    int messages() {
        return messages.get();
    }

    int count(String recipient) {
        AtomicInteger n = byRecipient.get(recipient.toLowerCase());
        return n == null ? 0 : n.get();
    }

    private void session(Socket socket) {
        try (socket) {
            // Replies to pipelined commands leave in one segment, at once: with Nagle on, each small reply would
            // wait for the ACK of the previous one, which the client delays (~40 ms) while it awaits the replies.
            socket.setTcpNoDelay(true);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            reply(out, in, "220 sink ESMTP");
            List<String> recipients = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, in, "250-sink\r\n250-PIPELINING\r\n250 8BITMIME");
                } else if (upper.startsWith("RCPT TO:")) {
                    recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                            .toLowerCase());
                    reply(out, in, "250 ok");
                } else if (upper.startsWith("DATA")) {
                    reply(out, in, "354 go ahead");
                    for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                        // the content is not what this test checks
                    }
                    recipients.forEach(r -> byRecipient
                            .computeIfAbsent(r, k -> new AtomicInteger())
                            .incrementAndGet());
                    recipients.clear();
                    messages.incrementAndGet();
                    reply(out, in, "250 accepted");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, in, "221 bye");
                    return;
                } else {
                    if (upper.startsWith("RSET") || upper.startsWith("MAIL")) {
                        recipients.clear();
                    }
                    reply(out, in, "250 ok");
                }
            }
        } catch (IOException e) {
            // connection gone
        }
    }

    /** Replies to pipelined commands go out together (RFC 2920). */
    private static void reply(OutputStream out, BufferedReader in, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        if (!in.ready()) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
