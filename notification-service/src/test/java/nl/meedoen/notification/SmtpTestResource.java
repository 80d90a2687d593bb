package nl.meedoen.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points Quarkus Mailer at the test JVM's real SMTP server. */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                Integer.toString(Smtp.port()),
                "quarkus.mailer.start-tls",
                "DISABLED");
    }

    @Override
    public void stop() {
        // shared for the whole JVM
    }
}
