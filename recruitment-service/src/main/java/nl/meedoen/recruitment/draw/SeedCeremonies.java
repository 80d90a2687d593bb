package nl.meedoen.recruitment.draw;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.draw.DrawRecords;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.draw.DrawRequests.SeedCommitmentIn;
import nl.meedoen.recruitment.draw.DrawRequests.SeedRevealIn;
import nl.meedoen.recruitment.draw.DrawViews.CeremonyOut;
import nl.meedoen.recruitment.draw.DrawViews.CeremonyParty;

/**
 * A draw seed no single party controls (multi-party commit–reveal). Before the draw commitment every party commits to a
 * secret (SHA-256 hex); after it each reveals until the draw's reveal deadline; reveals stay sealed (nobody reads
 * another's) until every party revealed or the deadline passed, so nobody decides to reveal or keep silent knowing what
 * the seed would be. The seed is {@link DrawRecords.SeedCeremony#seed}; the draw record carries every commitment and
 * reveal. Rules (README, "Seed ceremony"): a ceremony needs two parties before the draw is committed; at the deadline the
 * draw goes ahead with the reveals given and the record names the missing; a public number named in advance is
 * always waited for; at least one secret must be revealed.
 */
@ApplicationScoped
public class SeedCeremonies {
    public static final String CORPORATION = "corporation";
    public static final String TENANT_ORGANISATION = "tenant-organisation";
    public static final String WITNESS = "witness:";
    public static final String PUBLIC_NUMBER = "public-number";

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    @Inject
    Campaigns campaigns;

    @Inject
    Draws draws;

    @Inject
    SecurityIdentity identity;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    /**
     * The problem for a draw asked for while nobody committed to a seed ceremony: a seed one party types could be tried
     * offline against the committed record until the panel suits that party. Says how to get a ceremony; a draw
     * committed without one (before the ceremony was required) can no longer get one, as commitments closed with it.
     */
    static ProblemException required(boolean drawCommitted) {
        return ProblemException.conflict(
                "seed-ceremony-required",
                "nobody committed to this campaign's seed ceremony, and a typed seed is not accepted (whoever types it "
                        + "could try seeds against the committed draw until the panel suits them). "
                        + (drawCommitted
                                ? "This draw was committed without a ceremony and commitments closed with it, so it "
                                        + "cannot be drawn: cancel the campaign (POST /campaigns/{id}/cancel) and start "
                                        + "again, inviting the parties to its ceremony before its draw commitment"
                                : "Invite the parties (the other owner, witnesses, a public number); at least two commit "
                                        + "to a secret now (POST /campaigns/{id}/draw/ceremony/commitments), then ask for "
                                        + "the draw commitment again; after it each reveals (POST "
                                        + "/campaigns/{id}/draw/ceremony/reveals) and POST /campaigns/{id}/draw/seed "
                                        + "without a seed draws the panel")
                        + "; nothing changed");
    }

    /** A party commits to its secret: only before the draw commitment is asked for, once per party. */
    @Transactional
    public CeremonyOut commit(UUID campaignId, SeedCommitmentIn in) {
        Campaign c = draws.locked(campaignId);
        if (c.mode() != Campaign.SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED) {
            throw ProblemException.conflict("campaign selects by " + c.mode() + ": no lottery, so no seed");
        }
        if (Draw.findById(c.id) != null || draws.beingCommitted(c.id)) {
            throw ProblemException.conflict(
                    "seed-commitments-closed",
                    "the draw of this campaign is " + (Draw.findById(c.id) != null ? "committed" : "being committed")
                            + ": commitments to a seed are taken only before the draw commitment is asked for "
                            + "(a party committing later could have seen it); nothing changed");
        }
        if (c.state() != Campaign.Status.DRAFT
                && c.state() != Campaign.Status.OPEN
                && c.state() != Campaign.Status.CLOSED) {
            throw Campaigns.wrongState(
                    c, "a seed is committed to before the draw, while the campaign is DRAFT, OPEN or CLOSED");
        }
        if (in == null) {
            throw ProblemException.invalidField("commitment", "required: the SHA-256 hex of your secret");
        }
        String party = party(in.party());
        String commitment = null;
        String source = null;
        if (PUBLIC_NUMBER.equals(party)) {
            if (in.commitment() != null) {
                throw ProblemException.invalidField(
                        "commitment", "a public number has no commitment: name its source (it is public once drawn)");
            }
            source = in.source() == null ? "" : in.source().strip();
            if (source.isEmpty() || source.length() > 500) {
                throw ProblemException.invalidField(
                        "source",
                        "required for public-number, at most 500 characters: where and when the number will be published "
                                + "(after the reveal deadline)");
            }
        } else {
            if (in.source() != null) {
                throw ProblemException.invalidField("source", "only a public-number has a source");
            }
            if (in.commitment() == null || !HEX.matcher(in.commitment()).matches()) {
                throw ProblemException.invalidField(
                        "commitment", "must be the SHA-256 of your secret as 64 hexadecimal digits");
            }
            commitment = in.commitment().toLowerCase(java.util.Locale.ROOT);
        }
        if (SeedParty.of(c.id, party) != null) {
            throw ProblemException.conflict(
                    "seed-already-committed", party + " has committed already; a commitment cannot change");
        }
        SeedParty p = new SeedParty();
        p.campaignId = c.id;
        p.party = party;
        p.commitment = commitment;
        p.source = source;
        p.registeredBy = campaigns.client();
        p.committedAt = OffsetDateTime.now(ZoneOffset.UTC);
        p.persist();
        audit.record(
                "draw.seed-committed",
                "campaign",
                c.id.toString(),
                commitment == null
                        ? Map.of("party", party, "source", source)
                        : Map.of("party", party, "commitment", commitment));
        return view(c);
    }

    /**
     * A party reveals its secret: after the draw commitment, before the deadline (the public number until the draw),
     * once, matching its commitment. Anything else is a problem and changes nothing.
     */
    @Transactional
    public CeremonyOut reveal(UUID campaignId, SeedRevealIn in) {
        Campaign c = draws.locked(campaignId);
        if (in == null || in.reveal() == null || in.reveal().isEmpty()) {
            throw ProblemException.invalidField("reveal", "required: the secret you committed to");
        }
        String party = party(in.party());
        SeedParty p = SeedParty.of(c.id, party);
        if (p == null) {
            throw ProblemException.conflict(
                    "no-seed-commitment",
                    party + " did not commit to a secret before the draw commitment, so it has nothing to reveal; "
                            + "nothing changed");
        }
        Draw d = Draw.findById(c.id);
        if (d == null) {
            throw ProblemException.conflict(
                    "reveal-before-draw-commitment",
                    "the draw of this campaign is not committed yet: reveal after the draw commitment (a secret known "
                            + "before it would let the draw's inputs be chosen for it); nothing changed");
        }
        if (d.drawnAt != null) {
            throw ProblemException.conflict("the panel of this campaign has been drawn already; nothing changed");
        }
        if (p.reveal != null) {
            throw ProblemException.conflict(
                    "seed-already-revealed",
                    party + " revealed at " + p.revealedAt + "; a reveal is given once; nothing changed");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!PUBLIC_NUMBER.equals(party) && pastDeadline(d, now)) {
            throw ProblemException.conflict(
                    "reveal-too-late",
                    "the reveal deadline " + d.revealDeadline + " has passed: the draw goes ahead without " + party
                            + ", and its record names it as missing; nothing changed");
        }
        if (p.commitment != null && !p.commitment.equals(DrawRecords.commitmentTo(in.reveal()))) {
            throw ProblemException.unprocessable(
                    "reveal-mismatch",
                    "the reveal of " + party + " hashes to " + DrawRecords.commitmentTo(in.reveal())
                            + ", not to its commitment " + p.commitment + "; nothing changed (reveal the exact secret, "
                            + "byte for byte)",
                    "reveal",
                    "does not match the commitment");
        }
        p.reveal = in.reveal();
        p.revealedBy = campaigns.client();
        p.revealedAt = now;
        // the value stays out of the audit log: it is sealed until every party revealed or the deadline passed
        audit.record("draw.seed-revealed", "campaign", c.id.toString(), Map.of("party", party));
        return view(c);
    }

    public CeremonyOut get(UUID campaignId) {
        return view(campaigns.find(campaignId));
    }

    /**
     * The ceremony the draw's seed comes from, when the draw may happen now; else 409 saying what it waits for. Ready
     * when every party revealed, or when the reveal deadline passed (then without the missing, named in the record) —
     * but never without a declared public number, and never without any secret revealed.
     */
    static DrawRecords.SeedCeremony ready(Draw d, List<SeedParty> parties, OffsetDateTime now) {
        List<String> missing = missing(parties);
        SeedParty publicNumber = parties.stream()
                .filter(p -> PUBLIC_NUMBER.equals(p.party))
                .findFirst()
                .orElse(null);
        List<String> secretsMissing =
                missing.stream().filter(m -> !PUBLIC_NUMBER.equals(m)).toList();
        if (!secretsMissing.isEmpty() && !pastDeadline(d, now)) {
            throw ProblemException.conflict(
                    "seed-ceremony-waiting",
                    "waiting for the reveal of " + String.join(", ", secretsMissing) + " until the deadline "
                            + d.revealDeadline + "; the seed follows from the reveals, nobody types it");
        }
        if (publicNumber != null && publicNumber.reveal == null) {
            throw ProblemException.conflict(
                    "seed-ceremony-waiting",
                    "waiting for the public number (" + publicNumber.source + "): reveal it as party public-number");
        }
        if (parties.stream().noneMatch(p -> !PUBLIC_NUMBER.equals(p.party) && p.reveal != null)) {
            throw ProblemException.conflict(
                    "seed-ceremony-failed",
                    "nobody revealed a secret by the deadline " + d.revealDeadline
                            + ": the seed would follow from the draw commitment alone, so this campaign cannot be drawn "
                            + "from its ceremony");
        }
        return ceremony(d, parties);
    }

    static DrawRecords.SeedCeremony ceremony(Draw d, List<SeedParty> parties) {
        return new DrawRecords.SeedCeremony(
                d.revealDeadline == null ? null : iso(d.revealDeadline),
                parties.stream()
                        .map(p -> new DrawRecords.SeedParty(
                                p.party,
                                p.commitment,
                                p.source,
                                p.reveal,
                                iso(p.committedAt),
                                p.revealedAt == null ? null : iso(p.revealedAt)))
                        .toList());
    }

    private static String iso(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static boolean pastDeadline(Draw d, OffsetDateTime now) {
        return d.revealDeadline != null && !now.isBefore(d.revealDeadline);
    }

    private static List<String> missing(List<SeedParty> parties) {
        return parties.stream().filter(p -> p.reveal == null).map(p -> p.party).toList();
    }

    /** The party the caller acts as: its own by default; a witness or the public number when named. */
    private String party(String asked) {
        Caller caller = Caller.of(identity);
        String own = caller.is(Roles.CORPORATION) ? CORPORATION : TENANT_ORGANISATION;
        String party = asked == null || asked.isBlank() ? own : asked.strip();
        if (party.equals(CORPORATION) || party.equals(TENANT_ORGANISATION)) {
            if (!party.equals(own)) {
                throw ProblemException.forbidden(
                        "not-your-party", "a " + own + " commits and reveals for itself, not for the " + party);
            }
            return party;
        }
        if (party.equals(PUBLIC_NUMBER)) {
            return party;
        }
        if (party.startsWith(WITNESS)) {
            String name = party.substring(WITNESS.length()).strip();
            if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.invalidField("party", "witness:<name>, the name 1 to 100 characters");
            }
            return WITNESS + name;
        }
        throw ProblemException.invalidField(
                "party",
                "one of corporation, tenant-organisation (your own; left out = yours), witness:<name>, public-number");
    }

    private CeremonyOut view(Campaign c) {
        List<SeedParty> parties = SeedParty.of(c.id);
        Draw d = Draw.findById(c.id);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> missing = missing(parties);
        String phase;
        if (d == null) {
            phase = "COMMITTING";
        } else if (d.drawnAt != null) {
            phase = "DRAWN";
        } else if (missing.stream().allMatch(PUBLIC_NUMBER::equals) || pastDeadline(d, now)) {
            phase = "READY";
        } else {
            phase = "REVEALING";
        }
        boolean unsealed = phase.equals("READY") || phase.equals("DRAWN");
        List<CeremonyParty> out = new ArrayList<>();
        for (SeedParty p : parties) {
            out.add(new CeremonyParty(
                    p.party,
                    p.commitment,
                    p.source,
                    p.committedAt,
                    p.reveal != null,
                    p.revealedAt,
                    unsealed || PUBLIC_NUMBER.equals(p.party) ? p.reveal : null));
        }
        String seed = null;
        if (d != null && d.drawnAt != null && !parties.isEmpty()) {
            seed = DrawRecords.fromJson(d.record).seed();
        } else if (phase.equals("READY")
                && missing.stream().noneMatch(PUBLIC_NUMBER::equals)
                && parties.stream().anyMatch(p -> !PUBLIC_NUMBER.equals(p.party) && p.reveal != null)) {
            seed = ceremony(d, parties).seed(d.commitment);
        }
        String summary = switch (phase) {
            case "COMMITTING" ->
                parties.size() + " part" + (parties.size() == 1 ? "y" : "ies")
                        + " committed; commitments close when the draw commitment is asked for (a ceremony needs two)";
            case "REVEALING" ->
                "reveals until " + d.revealDeadline + "; waiting for " + String.join(", ", missing)
                        + "; reveals are sealed until every party revealed or the deadline passed";
            case "READY" ->
                missing.isEmpty()
                        ? "every party revealed: POST .../draw/seed draws the panel"
                        : "the deadline passed; missing: " + String.join(", ", missing)
                                + " (the draw goes ahead without them and the record names them"
                                + (missing.contains(PUBLIC_NUMBER) ? "; it waits for the public number" : "") + ")";
            default ->
                "drawn with the seed from the ceremony"
                        + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing));
        };
        return new CeremonyOut(
                c.id,
                phase,
                d == null ? null : d.commitment,
                d == null ? null : d.revealDeadline,
                out,
                missing,
                seed,
                summary);
    }
}
