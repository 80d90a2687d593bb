package nl.meedoen.recruitment.draw;

import java.util.List;
import java.util.UUID;

/** Response bodies of the draw API. */
public final class DrawViews {

    private DrawViews() {}

    public record CeremonyParty(
            String party,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String commitment,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String source,

            java.time.OffsetDateTime committedAt,
            boolean revealed,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            java.time.OffsetDateTime revealedAt,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    nullable = true,
                    description = "Sealed (null) until every party revealed or the deadline passed")
            String reveal) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "SeedCeremony",
            description =
                    "A campaign's seed ceremony. phase: COMMITTING (no draw commitment yet: parties commit), REVEALING "
                            + "(reveals until revealDeadline; sealed), READY (every party revealed or the deadline passed: POST "
                            + ".../draw/seed draws), DRAWN. seed = SHA-256 hex of the RFC 8785 form of {commitment, reveals: [{party, "
                            + "reveal or null}] ordered by party}; missing: parties without a reveal.")
    public record CeremonyOut(
            UUID campaignId,
            String phase,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String drawCommitment,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            java.time.OffsetDateTime revealDeadline,

            List<CeremonyParty> parties,
            List<String> missing,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    nullable = true,
                    description = "The seed, once it is fixed (READY or DRAWN)")
            String seed,

            String summary) {}

    public record Participant(String tenantRef, UUID signupId, double probability, String outcome) {}

    public record DrawOut(
            UUID campaignId,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The id of the public draw page (GET /campaigns/public-draws/{publicId}, readable "
                            + "by anyone once drawn); the outcome messages link to it")
            UUID publicId,

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

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "PublicDraw",
            description =
                    "A drawn draw as anyone may read it: the campaign's title, when it was drawn, the commitment, "
                            + "and where its record is (the same pseudonymous record the parties read, to verify with the "
                            + "draw-engine CLI: verify --record record.json --recompute)",
            example = """
                    {"publicId":"3b0f6a8e-2d5c-4f7a-9c1e-8a4b2d6e0f13","campaignTitle":"Klankbordgroep renovatie Vogelbuurt",
                     "seats":12,"drawnAt":"2027-01-11T10:00:00Z",
                     "commitment":"5d2f0a6c9e8b7a4f3c1d2e0b9a8f7e6d5c4b3a2918f7e6d5c4b3a29180f7e6d5",
                     "record":"/api/v1/campaigns/public-draws/3b0f6a8e-2d5c-4f7a-9c1e-8a4b2d6e0f13/record"}""")
    public record PublicDrawOut(
            UUID publicId,
            String campaignTitle,
            int seats,
            java.time.OffsetDateTime drawnAt,
            String commitment,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The draw record's path")
            String record) {}

    public record VerifyOut(boolean match, String commitment, List<String> checked, List<String> differences) {}
}
