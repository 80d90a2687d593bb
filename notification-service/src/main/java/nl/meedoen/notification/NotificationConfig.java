package nl.meedoen.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of notification-service (documented with their defaults in the service README). */
@ConfigMapping(prefix = "meedoen.notification")
public interface NotificationConfig {

    /** Where tenants reach the public endpoints (the unsubscribe link): the deployment's one public base URL. */
    @WithDefault("${meedoen.public-base-url}")
    String publicBaseUrl();

    /**
     * The page the opt-out link in a message (its footer, a letter's line) opens, {@code {token}} replaced: by default the
     * API's own confirmation form; a deployment may name a preferences page (token after '#'). The List-Unsubscribe
     * header always names the API, which takes the one-click POST (RFC 8058).
     */
    @WithDefault("${meedoen.notification.public-base-url}/api/v1/unsubscribe/{token}")
    String unsubscribePageUrl();

    /** Secret that signs unsubscribe links (at least 16 characters). */
    String linkSecret();

    /**
     * The secret a letter's opt-out short code is derived from and stored under (an HMAC of each code is kept, never the
     * code): at least 32 characters, checked at start-up; changing it voids the codes of letters already sent.
     * application.properties reads it from {@code MEEDOEN_NOTIFICATION_CODE_SECRET}.
     */
    String codeSecret();

    /**
     * The preferences page a letter names beside its opt-out code, opened without a token: there the tenant types the
     * code (the local stack: examples/tenant-pages/voorkeuren.html).
     */
    @WithDefault("${meedoen.notification.public-base-url}/voorkeuren")
    String preferencesPageUrl();

    Email email();

    Budget budget();

    Mailing mailing();

    @io.smallrye.config.WithName("import")
    Import importing();

    interface Email {
        /** Run the email delivery worker in this process (every replica may; rows are claimed with SKIP LOCKED). */
        @WithDefault("true")
        boolean workerEnabled();

        /** Worker threads of this replica (one sends while another records its round). */
        @WithDefault("2")
        int workers();

        /** Messages per second this replica hands to SMTP; 0 = unlimited. */
        @WithDefault("20")
        double rate();

        /** Deliveries claimed per round. */
        @WithDefault("100")
        int batchSize();

        /** Idle poll interval of the worker (new deliveries in this process wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Attempts on transient SMTP failures (and soft bounces) before a delivery is FAILED. */
        @WithDefault("6")
        int maxAttempts();

        /** Backoff after the first failure; doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("PT1M")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        /** How long one SMTP hand-over may take before it counts as a transient failure. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How long a delivery may stay SENDING (handed to SMTP, outcome not yet recorded) before it
         * counts as abandoned by a worker that died, and is failed rather than sent again. Longer
         * than any round: batch-size / rate + send-timeout + time to record.
         */
        @WithDefault("PT10M")
        Duration sendingLease();

        /**
         * How long a sent email keeps its message data (which holds the tenant's personal link) for a re-send after
         * a soft bounce; then the data is removed, and a later soft bounce fails the delivery instead.
         */
        @WithDefault("P3D")
        Duration bounceWindow();
    }

    interface Budget {
        /** Non-transactional messages one tenant may receive per window, across all services. */
        @WithDefault("4")
        int maxMessages();

        /** The rolling window. */
        @WithDefault("P30D")
        Duration window();
    }

    interface Mailing {
        /** Run the mailing runner (materialises audiences, starts scheduled mailings) in this process. */
        @WithDefault("true")
        boolean runnerEnabled();

        /** Tenants turned into deliveries per chunk: the most a mailing ever holds in memory. */
        @WithDefault("1000")
        int chunkSize();

        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Import {
        /** A whole corporation's tenant file: the largest Dutch corporations house some 80,000 households; room for 500,000. */
        @WithDefault("500000")
        int maxRows();

        /** Largest accepted upload (413 above): 500,000 tenants are ~75 MB as CSV, ~200 MB as NDJSON; the gateway's route limit is the same. */
        @WithDefault("314572800")
        long maxBytes();

        /** Rows written per transaction (set-based: a few statements per chunk, whatever its size). */
        @WithDefault("2000")
        int chunkSize();
    }
}
