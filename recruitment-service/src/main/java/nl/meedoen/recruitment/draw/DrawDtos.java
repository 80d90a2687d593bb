package nl.meedoen.recruitment.draw;

import java.util.List;
import java.util.UUID;

public final class DrawDtos {
    private DrawDtos() {
    }

    /** A quota: between {@code min} and {@code max} seats for tenants whose {@code attribute} is {@code value}. */
    public record Quota(String attribute, String value, Integer min, Integer max) {
    }

    public record CommitIn(String algorithm, Boolean householdRule, List<Quota> quotas) {
    }

    public record SeedIn(String seed) {
    }

    public record Participant(String tenantRef, UUID signupId, double probability, String outcome) {
    }

    public record DrawOut(UUID campaignId, String commitment, String algorithm, boolean householdRule, int seats,
                          int poolSize, double minProbability, String seed, List<Participant> participants) {
    }

    public record ReplacementOut(String declined, String replacement, String reason) {
    }

    public record VerifyOut(boolean match, String commitment, List<String> checked, List<String> differences) {
    }
}
