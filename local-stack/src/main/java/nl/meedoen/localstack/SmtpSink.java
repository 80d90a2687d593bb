package nl.meedoen.localstack;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server inside the launcher JVM (GreenMail), where notification-service delivers every
 * email of the local stack. Each received mail is kept (per recipient, newest {@link #RETAINED}) for
 * the end-to-end tests and logged as one line (time, recipient, subject) to {@code logs/smtp.log}.
 * Accepts any sender and recipient, no authentication, no TLS; listens on 127.0.0.1 only.
 */
public final class SmtpSink implements AutoCloseable {

    /** Mails kept in memory; older ones are only in smtp.log. Bounded, so a big local mailing cannot exhaust the heap. */
    public static final int RETAINED = 50_000;

    /** Mail files kept in the mail folder; older ones are deleted as new ones arrive. */
    public static final int FILES_KEPT = 1_000;

    /**
     * One received mail for one recipient: the headers that matter and the plain-text body (decoded); {@code number}
     * counts from 1 since the start and names its {@code .eml} file.
     */
    public record Mail(
            Instant receivedAt, String to, String subject, String text, Map<String, String> headers, long number) {}

    private final int port;
    private final Path log;
    private final Deque<Mail> mails = new ArrayDeque<>();
    private long received;
    private GreenMail server;
    private Path mailDir;
    private ScheduledExecutorService purger;

    public SmtpSink(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    public int port() {
        return port;
    }

    /**
     * Also keeps every mail as it arrived, as {@code <number>.eml} in {@code dir} (the newest {@link #FILES_KEPT}), so
     * anyone trying a flow by hand can open a tenant's mail in a mail program or on the {@link Mailbox} page.
     */
    public synchronized SmtpSink keepingFilesIn(Path dir) {
        try {
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path f : old.filter(f -> f.toString().endsWith(".eml")).toList()) {
                    Files.delete(f); // numbers start again at 1 with each run
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.mailDir = dir;
        return this;
    }

    /** The {@code .eml} file of mail {@code number}, if it is still kept. */
    public synchronized java.util.Optional<Path> file(long number) {
        if (mailDir == null) {
            return java.util.Optional.empty();
        }
        Path file = mailDir.resolve(number + ".eml");
        return Files.exists(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    /** Starts accepting mail (again, after {@link #stop()}: an SMTP outage for resilience tests). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        GreenMail greenMail = new NoDelayGreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        var users = greenMail.getManagers().getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        // Called once per recipient: record it here, then let GreenMail store it as usual.
        users.setMessageDeliveryHandler((message, address) -> {
            record(address.getEmail(), message.getMessage());
            return store.handle(message, address);
        });
        greenMail.start();
        server = greenMail;
        if (purger == null) {
            // GreenMail's own store is never read (the handler above keeps what matters): empty it now and then.
            purger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "smtp-sink-purge");
                t.setDaemon(true);
                return t;
            });
            purger.scheduleWithFixedDelay(this::purgeStore, 30, 30, TimeUnit.SECONDS);
        }
    }

    /** Stops accepting connections (what was received stays); {@link #start()} listens again on the same port. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (purger != null) {
            purger.shutdownNow();
            purger = null;
        }
    }

    /** Every retained mail, oldest first. */
    public synchronized List<Mail> mails() {
        return new ArrayList<>(mails);
    }

    /** The retained mails to this address (case-insensitive), oldest first. */
    public synchronized List<Mail> mailsTo(String address) {
        return mails.stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** How many mails (per recipient) were received since the start, retained or not. */
    public synchronized long received() {
        return received;
    }

    private void record(String to, MimeMessage message) {
        String subject;
        String text;
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        try {
            subject = message.getSubject();
            text = text(message);
            for (var h : java.util.Collections.list(message.getAllHeaders())) {
                headers.putIfAbsent(h.getName(), h.getValue());
            }
        } catch (MessagingException | IOException e) {
            subject = "(unreadable: " + e.getMessage() + ")";
            text = "";
        }
        synchronized (this) {
            received++;
            Mail mail = new Mail(Instant.now(), to, subject, text, Map.copyOf(headers), received);
            mails.addLast(mail);
            if (mails.size() > RETAINED) {
                mails.removeFirst();
            }
            if (mailDir != null) {
                try (var out = Files.newOutputStream(mailDir.resolve(received + ".eml"))) {
                    message.writeTo(out);
                    Files.deleteIfExists(mailDir.resolve((received - FILES_KEPT) + ".eml"));
                } catch (IOException | MessagingException e) {
                    throw new IllegalStateException("could not keep mail " + received + " as a file", e);
                }
            }
            try { // one line per mail; the body stays out of the log
                Files.writeString(
                        log,
                        mail.receivedAt() + "  to=" + to + "  subject=" + subject + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The text/plain part (the first one), else the whole content as text. */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = text(child);
                if (child.isMimeType("text/plain") || child.isMimeType("multipart/*") && text != null) {
                    return text;
                }
                html = html == null ? text : html;
            }
            return html;
        }
        return content instanceof String s ? s : null;
    }

    /**
     * GreenMail with TCP_NODELAY on every accepted connection. GreenMail writes each reply to pipelined commands
     * (RFC 2920; the Vert.x mail client pipelines MAIL, RCPT and DATA) as its own small segment; with Nagle on,
     * the second reply waits for the ACK of the first, which the client delays (~40 ms on Linux) because it has
     * nothing to send until all replies are in: without this the sink takes ~50 messages/s from any client.
     */
    private static final class NoDelayGreenMail extends GreenMail {
        NoDelayGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = new java.util.HashMap<>();
            for (ServerSetup setup : setups) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected void handleClientSocket(Socket socket) throws SocketException {
                        socket.setTcpNoDelay(true);
                        super.handleClientSocket(socket);
                    }
                });
            }
            return services;
        }
    }

    private void purgeStore() {
        GreenMail current;
        synchronized (this) {
            current = server;
        }
        if (current != null) {
            try {
                current.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                // best effort: the next round tries again
            }
        }
    }
}
