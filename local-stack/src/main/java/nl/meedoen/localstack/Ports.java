package nl.meedoen.localstack;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import nl.meedoen.devinfra.FreePort;

/** Every port the stack listens on. */
public record Ports(Map<App, Integer> http, int postgres, int kafka, int kafkaController, int smtp, int mailbox) {

    public static final int DEFAULT_BASE = 8080;
    public static final int DEFAULT_POSTGRES = 15432;
    public static final int DEFAULT_KAFKA = 19092;
    public static final int DEFAULT_SMTP = 2525;

    public Ports {
        http = Collections.unmodifiableMap(new EnumMap<>(http));
    }

    /** The mailbox page's offset from the base port (8089 by default). */
    static final int MAILBOX_OFFSET = 9;

    /** Gateway on {@code base}, services on base+1..base+4, the mailbox page on base+9; the Kafka controller on kafka+1. */
    public static Ports of(int base, int postgres, int kafka, int smtp) {
        Map<App, Integer> http = new EnumMap<>(App.class);
        for (App app : App.values()) {
            http.put(app, base + app.portOffset);
        }
        return new Ports(http, postgres, kafka, kafka + 1, smtp, base + MAILBOX_OFFSET);
    }

    public static Ports of(int base, int postgres, int kafka) {
        return of(base, postgres, kafka, DEFAULT_SMTP);
    }

    public static Ports defaults() {
        return of(DEFAULT_BASE, DEFAULT_POSTGRES, DEFAULT_KAFKA, DEFAULT_SMTP);
    }

    /** Free ports everywhere, for tests that must not clash with a running local stack. */
    public static Ports free() {
        Map<App, Integer> http = new EnumMap<>(App.class);
        for (App app : App.values()) {
            http.put(app, FreePort.pick());
        }
        return new Ports(http, FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick());
    }

    public int of(App app) {
        return http.get(app);
    }
}
