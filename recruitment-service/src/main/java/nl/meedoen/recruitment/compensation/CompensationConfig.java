package nl.meedoen.recruitment.compensation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The volunteer-allowance maximum per person per calendar year, in euros: {@code recruitment.compensation.yearly-max."<year>"},
 * and {@code ...yearly-max.default} for a year without its own line. The current and the next year are expected to
 * have their own line (a warning at start-up says when one is missing).
 */
@ConfigMapping(prefix = "recruitment.compensation")
public interface CompensationConfig {
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
}
