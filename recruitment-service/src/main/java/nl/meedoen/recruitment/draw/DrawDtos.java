package nl.meedoen.recruitment.draw;

import java.util.List;
import java.util.UUID;

public final class DrawDtos {
    private DrawDtos() {}

    /** A quota: between {@code min} and {@code max} seats for tenants whose {@code attribute} is {@code value}. */
    public record Quota(String attribute, String value, Integer min, Integer max) {}

    public record CommitIn(String algorithm, Boolean householdRule, List<Quota> quotas) {}

    public record SeedIn(String seed) {}

    public record Participant(String tenantRef, UUID signupId, double probability, String outcome) {}

    public record DrawOut(
            UUID campaignId,
            String commitment,
            String algorithm,
            boolean householdRule,
            int seats,
            int poolSize,
            double minProbability,
            String seed,
            List<Participant> participants) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "Replacement",
            description =
                    "Who declined, who took the seat "
                            + "(null: nobody could, the seat stays vacant) and, when the seat stays vacant, the quotas that cannot be kept",
            example = """
                    {"declined":"T-1042","replacement":null,"reason":"the seat stays vacant: no one left in the draw order keeps every quota: \
                    ageBand 18-34 (min 2, max 2): 1 on the panel; nobody left in the draw order has ageBand 18-34","vacancies":1,
                     "unkeptQuotas":[{"attribute":"ageBand","value":"18-34","min":2,"max":2,"current":1,
                     "why":"nobody left in the draw order has ageBand 18-34"}]}""")
    public record ReplacementOut(
            String declined,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String replacement,

            String reason,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Seats now vacant")
            int vacancies,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "After a draw, when the seat stays "
                            + "vacant: the quotas no one left in the draw order can keep")
            List<QuotaKeeping.Unkept> unkeptQuotas) {
        public ReplacementOut(String declined, String replacement, String reason) {
            this(declined, replacement, reason, replacement == null ? 1 : 0, List.of());
        }
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "VacanciesFilled",
            description = "Vacant seats filled in the "
                    + "draw order keeping every quota (after a draw), or from the waitlist (seated without one)",
            example = """
                    {"campaignId":"6f1c7a52-6c1e-4a8e-9a51-0d5f1f0c2b11","seats":40,"seated":40,"vacancies":0,"filled":["T-2231","T-0193"],
                     "unkeptQuotas":[],"summary":"2 vacant seat(s) filled; every seat is taken"}""")
    public record FillOut(
            java.util.UUID campaignId,
            int seats,
            long seated,
            long vacancies,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "tenantRefs seated now, in order")
            List<String> filled,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "Seats still vacant after a draw: " + "the quotas no one left in the draw order can keep")
            List<QuotaKeeping.Unkept> unkeptQuotas,

            String summary) {}

    public record VerifyOut(boolean match, String commitment, List<String> checked, List<String> differences) {}
}
