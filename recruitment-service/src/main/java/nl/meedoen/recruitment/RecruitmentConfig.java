package nl.meedoen.recruitment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** recruitment-service settings ({@code recruitment.*}); every one is listed with its default in the README. */
@ConfigMapping(prefix = RecruitmentConfig.PREFIX)
public interface RecruitmentConfig {

    String PREFIX = "recruitment";

    /**
     * The personal sign-up link in outreach messages, without its token: the token is appended, after '#' (never a
     * query string, which lands in logs). application.properties sets it from {@code meedoen.public-base-url}.
     */
    String signupUrl();

    /**
     * The secret the short codes of outreach messages are looked up under (an HMAC of each code is stored, never the
     * code): at least 32 characters; changing it voids the codes of letters already sent (their links still work).
     * application.properties reads it from {@code MEEDOEN_RECRUITMENT_CODE_SECRET}.
     */
    String codeSecret();

    /**
     * The public draw page in the outcome messages of a lottery, without the draw's public id: the id is appended
     * (after '#', so it stays out of server logs). application.properties sets it from {@code meedoen.public-base-url}.
     */
    String drawUrl();

    /**
     * Retention: how long after a campaign's term (or, without one, its sign-up window) ended the texts tenants wrote
     * when signing up and the board's reasons for appointments are kept. The earlier name
     * {@code meedoen.recruitment.signup-text-retention} is still read when this one is not set.
     */
    @WithDefault("${meedoen.recruitment.signup-text-retention:P90D}")
    Duration signupTextRetention();

    /**
     * How often those texts are checked for erasure ({@code SignupRetention}); read by its {@code @Scheduled}, listed
     * here with the rest. The earlier name {@code meedoen.recruitment.retention-interval} is still read.
     */
    @WithDefault("${meedoen.recruitment.retention-interval:1h}")
    Duration retentionInterval();

    Compensation compensation();

    Reminders reminders();

    DrawSettings draw();

    /**
     * The volunteer-allowance maximum per person per calendar year, in euros: {@code recruitment.compensation.yearly-max."<year>"},
     * and {@code ...yearly-max.default} for a year without its own line. The current and the next year are expected to
     * have their own line (a warning at start-up says when one is missing).
     */
    interface Compensation {
        /** Per year ("2026") and "default": euros, two decimals. */
        @WithName("yearly-max")
        Map<String, BigDecimal> yearlyMax();

        /** The maximum of one year in cents: its own line, else the default. */
        default long yearlyMaxCents(int year) {
            BigDecimal euros = yearlyMax().get(String.valueOf(year));
            if (euros == null) {
                euros = yearlyMax().get("default");
            }
            if (euros == null) {
                throw new IllegalStateException(
                        "recruitment.compensation.yearly-max.\"" + year + "\" (or .default) is not configured");
            }
            return euros.movePointRight(2).longValueExact();
        }

        /**
         * Payments (and those paid elsewhere) of a year are kept through the end of that year plus this many years, the
         * fiscal retention (art. 52 AWR), then deleted ({@code CompensationRetention}).
         */
        @WithDefault("7")
        int retentionYears();
    }

    /** Session reminders ({@code SessionReminders}). */
    interface Reminders {
        /** Each seated participant hears of a session this long before it starts. */
        @WithDefault("PT48H")
        Duration leadTime();

        /** How often the sender runs; read by its {@code @Scheduled}, listed here with the rest. */
        @WithDefault("5m")
        Duration interval();
    }

    /** Draws ({@code draw.SeedCeremonies}). */
    interface DrawSettings {
        /**
         * How long after the draw commitment the parties of a seed ceremony may reveal their secrets; the deadline is
         * fixed on the draw when it is committed (a later change of this setting does not move it).
         */
        @WithDefault("P7D")
        Duration revealWindow();
    }
}
