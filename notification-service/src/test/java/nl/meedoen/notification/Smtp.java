package nl.meedoen.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The real SMTP server of the test JVM (GreenMail on a free port). Like dev-infra's TestInfra, every
 * call is answered by the copy of this class in the system class loader, so the service (configured
 * by {@link SmtpTestResource}) and the tests see the same server; only JDK types cross over.
 */
public final class Smtp {

    private static GreenMail server;
    private static int port;

    private Smtp() {}

    public static int port() {
        return (Integer) owner("ownPort");
    }

    /** Stops accepting connections (SMTP outage); {@link #start()} brings it back on the same port. */
    public static void stop() {
        owner("ownStop");
    }

    public static void start() {
        owner("ownStart");
    }

    /** Every message received so far for this address, parsed. */
    @SuppressWarnings("unchecked")
    public static List<MimeMessage> messagesTo(String address) {
        List<String> raw = (List<String>) owner("ownMessagesTo", address);
        List<MimeMessage> parsed = new ArrayList<>();
        Session session = Session.getInstance(new Properties());
        for (String text : raw) {
            try {
                parsed.add(
                        new MimeMessage(session, new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return parsed;
    }

    private static Object owner(String method, String... args) {
        return nl.meedoen.devinfra.TestInfra.onSharedCopy(Smtp.class, method, args);
    }

    private static synchronized Integer ownPort() {
        if (server == null) {
            try (var socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            ownStart();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ownStop(), "stop-test-smtp"));
        }
        return port;
    }

    private static synchronized void ownStart() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    private static synchronized void ownStop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private static synchronized List<String> ownMessagesTo(String address) {
        List<String> found = new ArrayList<>();
        if (server == null) {
            return found;
        }
        try {
            for (MimeMessage message : server.getReceivedMessages()) {
                boolean match = false;
                for (var to : message.getAllRecipients()) {
                    match |= to.toString().equalsIgnoreCase(address)
                            || to.toString().toLowerCase().contains("<" + address.toLowerCase() + ">");
                }
                if (match) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    message.writeTo(out);
                    found.add(out.toString(StandardCharsets.ISO_8859_1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
