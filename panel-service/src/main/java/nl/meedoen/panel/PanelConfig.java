package nl.meedoen.panel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** panel-service settings ({@code meedoen.panel.*}); every one is listed in the README. */
@ConfigMapping(prefix = "meedoen.panel")
public interface PanelConfig {

    /** The personal join link mailed with an invitation; {@code {token}} is replaced by the member's token. */
    @WithDefault("${meedoen.public-base-url}/panel#{token}")
    String joinUrl();

    /** The personal link mailed when a new consent text asks members to consent again. */
    @WithDefault("${meedoen.public-base-url}/panel/toestemming#{token}")
    String consentUrl();

    /**
     * The secret the short codes of panel letters are stored under (an HMAC of each code, never the code): at least 32
     * characters, checked at start-up; changing it voids the codes of letters already sent (their links still work).
     * application.properties reads it from {@code MEEDOEN_PANEL_CODE_SECRET}.
     */
    String codeSecret();

    /** Waves per member per 12 months when a panel does not say. */
    @WithDefault("4")
    int defaultFatigueCap();

    /** Members invited this many days ago or less are skipped when a panel does not say. */
    @WithDefault("30")
    int defaultCooldownDays();

    /** Days members get to consent to a new consent text before they are paused, when the request does not say. */
    @WithDefault("30")
    int defaultReconsentDays();

    /** How often the membership clock runs (lapsed consent, ended terms, ended pauses); read by {@code Housekeeping}. */
    @WithDefault("1m")
    java.time.Duration housekeepingInterval();
}
