package nl.meedoen.recruitment.draw;

import java.util.List;

/** Request bodies of the draw API. */
public final class DrawRequests {

    private DrawRequests() {}

    /** A quota: between {@code min} and {@code max} seats for tenants whose {@code attribute} is {@code value}. */
    public record Quota(String attribute, String value, Integer min, Integer max) {}

    public record CommitIn(String algorithm, Boolean householdRule, List<Quota> quotas) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "SeedIn",
            description =
                    "Leave seed out: the seed follows from the seed ceremony's reveals, nobody types it (a seed sent is "
                            + "refused, 409 seed-from-ceremony).")
    public record SeedIn(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String seed) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "SeedCommitmentIn",
            description =
                    "A party's commitment to its secret, before the draw commitment: the lowercase hex SHA-256 of "
                            + "the secret's UTF-8 bytes (e.g. printf %s \"$SECRET\" | sha256sum; use at least 32 random characters, "
                            + "e.g. openssl rand -hex 32). party: left out = the caller's own (corporation or tenant-organisation); "
                            + "witness:<name> for a witness at a public session; public-number with a source instead of a commitment.",
            example = """
                    {"party":"witness:Notaris J. de Vries","commitment":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""")
    public record SeedCommitmentIn(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String party,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String commitment,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    nullable = true,
                    description = "public-number only: where and when the number will be published, after the reveal "
                            + "deadline (e.g. the Staatsloterij result of 10 January 2027)")
            String source) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "SeedRevealIn",
            description =
                    "A party's secret, after the draw commitment and before the reveal deadline (the public number: "
                            + "once published, until the draw)",
            example = """
                    {"reveal":"4f0c8a1be2d94c7f4f0c8a1be2d94c7f"}""")
    public record SeedRevealIn(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
            String party,

            String reveal) {}
}
