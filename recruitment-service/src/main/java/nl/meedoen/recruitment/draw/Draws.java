package nl.meedoen.recruitment.draw;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.draw.Algorithm;
import nl.meedoen.draw.Category;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawException;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.draw.DrawRecords;
import nl.meedoen.draw.FeatureQuota;
import nl.meedoen.draw.Person;
import nl.meedoen.draw.Verification;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.population.PopulationMember;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignDraw;
import nl.meedoen.recruitment.campaign.CampaignSession;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import nl.meedoen.recruitment.draw.DrawRequests.CommitIn;
import nl.meedoen.recruitment.draw.DrawRequests.Quota;
import nl.meedoen.recruitment.draw.DrawViews.DrawOut;
import nl.meedoen.recruitment.draw.DrawViews.Participant;
import nl.meedoen.recruitment.draw.DrawViews.ReplacementOut;
import nl.meedoen.recruitment.signup.Places;
import nl.meedoen.recruitment.signup.Signup;
import nl.meedoen.recruitment.signup.Signups;

/**
 * Verifiable draws: phase (a) commits to the anonymised pool (sign-up ids, never tenantRefs), quotas, seats and
 * algorithm; phase (b) samples the panel with a seed that comes afterwards. Outcomes go out as message requests.
 */
@ApplicationScoped
public class Draws implements CampaignDraw {
    static final String UNKNOWN = "unknown";
    private static final TypeReference<List<String>> IDS = new TypeReference<>() {};

    final DrawEngine engine = new DrawEngine();

    @Inject
    Campaigns campaigns;

    @Inject
    Outbox outbox;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    Jobs jobs;

    @Inject
    Places places;

    @Inject
    nl.meedoen.recruitment.RecruitmentConfig config;

    @Override
    public boolean committed(UUID campaignId) {
        return Draw.findById(campaignId) != null;
    }

    @Override
    public boolean beingCommitted(UUID campaignId) {
        return jobs.live(DrawCommitJob.KIND, campaignId.toString());
    }

    /**
     * Phase (a), asked for: checks what can be checked at once (state, algorithm, quotas, pool size, a seed
     * ceremony of at least two parties) and queues
     * the commitment as a job ({@link DrawCommitJob}): LEXIMIN on a large pool takes minutes, longer than any
     * request may. One commitment job per campaign at a time; withdrawals wait until it has finished.
     */
    @Transactional
    public JobView requestCommit(UUID campaignId, CommitIn in) {
        Campaign c = locked(campaignId); // one at a time with seed commitments: they close when this is asked for
        Plan plan = plan(c, in);
        if (plan.pool().size() <= c.seats) {
            // a lottery only when oversubscribed: everyone can be seated (POST .../seating), or the organiser reopens
            throw new ProblemException(
                    409,
                    "no-lottery-needed",
                    "No lottery needed",
                    "campaign is " + c.status + " with "
                            + plan.pool().size() + " active sign-up(s) for " + c.seats
                            + " seats: no lottery is needed. Seat everyone "
                            + "(POST /campaigns/{id}/seating), or reopen sign-ups (POST /campaigns/{id}/reopen) and reach out again",
                    null);
        }
        try {
            engine.validate(
                    plan.input()); // e.g. more seats than households under the household rule: said now, not by the job
        } catch (DrawException e) {
            throw problem(e);
        }
        List<SeedParty> ceremony = SeedParty.of(c.id);
        if (ceremony.isEmpty()) {
            // without a ceremony the seed would be typed by one party, who could try seeds against the committed record
            throw SeedCeremonies.required(false);
        }
        if (ceremony.size() == 1) {
            // one party alone knows the only secret: it could choose the draw's inputs (quotas) to get a panel it likes
            throw ProblemException.conflict(
                    "seed-ceremony-incomplete",
                    "the seed ceremony has one party (" + ceremony.get(0).party + "): it needs at least two (the other "
                            + "owner, a witness or a public number) before the draw is committed (POST "
                            + "/campaigns/{id}/draw/ceremony/commitments)");
        }
        audit.record(
                "draw.commit-requested",
                "campaign",
                c.id.toString(),
                Map.of(
                        "algorithm",
                        plan.input().algorithm().id(),
                        "poolSize",
                        plan.pool().size(),
                        "seats",
                        c.seats));
        return jobs.submit(DrawCommitJob.KIND, c.id.toString(), in == null ? new CommitIn(null, null, null) : in);
    }

    /** A commitment's inputs, checked: the pseudonymous pool (sign-up ids) with the features the quotas name. */
    public record Plan(List<Signup> pool, DrawInput input) {}

    /**
     * Checks the campaign's state and the request and builds the engine's input from the active sign-ups: three reads
     * (the draw, the pool, the pool's profiles), whatever the pool's size.
     */
    public Plan plan(Campaign c, CommitIn in) {
        requireUndrawnLottery(c);
        Algorithm algorithm = algorithm(in);
        List<Quota> quotas = in == null || in.quotas() == null ? List.of() : in.quotas();
        boolean household = in != null && Boolean.TRUE.equals(in.householdRule());
        if (algorithm == Algorithm.UNIFORM && !quotas.isEmpty()) {
            throw ProblemException.invalidField("quotas", "quotas need algorithm leximin (uniform ignores them)");
        }
        Map<String, List<Quota>> byAttribute = quotasByAttribute(quotas);
        List<Signup> pool = Signup.active(c.id);
        Map<String, PopulationMember> members = members(pool);
        List<Category> categories = categories(c, byAttribute, pool, members);
        return new Plan(
                pool,
                new DrawInput(persons(c.id, pool, members, categories), categories, c.seats, algorithm, household));
    }

    /** A lottery campaign, closed, without a committed draw: else 409. */
    private static void requireUndrawnLottery(Campaign c) {
        if (c.mode() != Campaign.SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED) {
            throw ProblemException.conflict("campaign is " + c.status + " and selects by " + c.mode() + ": no lottery");
        }
        if (c.state() != Campaign.Status.CLOSED) {
            throw ProblemException.conflict("a draw needs a CLOSED campaign; this one is " + c.status);
        }
        if (Draw.findById(c.id) != null) {
            throw ProblemException.conflict("the draw of this campaign is already committed");
        }
    }

    private static Algorithm algorithm(CommitIn in) {
        try {
            return Algorithm.parse(in == null || in.algorithm() == null ? "uniform" : in.algorithm());
        } catch (DrawException e) {
            throw ProblemException.invalidField("algorithm", e.getMessage());
        }
    }

    /** The quotas per population attribute, in the order given; 422 naming every quota that is not valid. */
    private static Map<String, List<Quota>> quotasByAttribute(List<Quota> quotas) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, List<Quota>> byAttribute = new LinkedHashMap<>();
        for (int i = 0; i < quotas.size(); i++) {
            Quota q = quotas.get(i);
            if (q == null
                    || PopulationAttribute.parse(q.attribute()).isEmpty()
                    || q.value() == null
                    || q.min() == null
                    || q.max() == null
                    || q.min() < 0
                    || q.max() < q.min()) {
                errors.add(new Problem.FieldError(
                        "quotas[" + i + "]", "needs a population attribute, a value and 0 <= min <= max"));
            } else {
                byAttribute
                        .computeIfAbsent(q.attribute(), a -> new ArrayList<>())
                        .add(q);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("quotas are not valid", errors);
        }
        return byAttribute;
    }

    /** One category per quota attribute: the quotas named, and any other value in the pool allowed any number of seats. */
    private static List<Category> categories(
            Campaign c,
            Map<String, List<Quota>> byAttribute,
            List<Signup> pool,
            Map<String, PopulationMember> members) {
        List<Category> categories = new ArrayList<>();
        for (var e : byAttribute.entrySet()) {
            PopulationAttribute a = PopulationAttribute.parse(e.getKey()).orElseThrow();
            List<FeatureQuota> fq = new ArrayList<>();
            Set<String> named = new LinkedHashSet<>();
            for (Quota q : e.getValue()) {
                if (named.add(q.value())) {
                    fq.add(new FeatureQuota(q.value(), q.min(), q.max()));
                }
            }
            // Values in the pool without a quota are allowed any number of seats.
            pool.stream()
                    .map(s -> value(members.get(s.tenantRef), a))
                    .distinct()
                    .sorted()
                    .filter(v -> !named.contains(v))
                    .forEach(v -> fq.add(new FeatureQuota(v, 0, c.seats)));
            categories.add(new Category(a.name(), fq));
        }
        return categories;
    }

    /**
     * The pool as the engine sees it, and as the published record shows it: sign-up ids (never tenantRefs), the
     * categories' features and the household — SHA-256 of the campaign id and the household key, so the record tells
     * who in this pool share a household (what the household rule needs) yet links no household across draws.
     */
    private static List<Person> persons(
            UUID campaignId, List<Signup> pool, Map<String, PopulationMember> members, List<Category> categories) {
        return pool.stream()
                .map(s -> {
                    PopulationMember m = members.get(s.tenantRef);
                    Map<String, String> features = new LinkedHashMap<>();
                    for (Category cat : categories) {
                        features.put(
                                cat.name(),
                                value(m, PopulationAttribute.parse(cat.name()).orElseThrow()));
                    }
                    String household = m == null || m.householdKey == null
                            ? null
                            : Signups.hash(campaignId + ":" + m.householdKey);
                    return new Person(s.id.toString(), features, household);
                })
                .toList();
    }

    /** The profiles of the pool in one statement (an array parameter, not one bind parameter per sign-up). */
    @SuppressWarnings("unchecked")
    private static Map<String, PopulationMember> members(List<Signup> pool) {
        Map<String, PopulationMember> members = new HashMap<>();
        if (pool.isEmpty()) {
            return members;
        }
        List<PopulationMember> found = PopulationMember.getEntityManager()
                .createNativeQuery(
                        "SELECT * FROM population_member WHERE tenant_ref = ANY(CAST(?1 AS text[]))",
                        PopulationMember.class)
                .setParameter(1, pool.stream().map(s -> s.tenantRef).toArray(String[]::new))
                .getResultList();
        found.forEach(m -> members.put(m.tenantRef, m));
        return members;
    }

    /**
     * Stores a computed commitment, if the campaign is still as it was planned: CLOSED, no draw yet, and the
     * same pool (a withdrawal that slipped in makes the computed distribution wrong, so nothing is stored).
     */
    @Transactional
    public Draw store(UUID campaignId, List<String> plannedPool, DrawRecord record, UUID jobId) {
        Campaign c = Campaign.findById(campaignId);
        if (c.state() != Campaign.Status.CLOSED || Draw.findById(c.id) != null) {
            throw ProblemException.conflict(
                    "the campaign changed while the draw was computed (it is " + c.status + ")");
        }
        if (!plannedPool.equals(
                Signup.active(c.id).stream().map(s -> s.id.toString()).toList())) {
            throw ProblemException.conflict(
                    "the sign-ups changed while the draw was computed; ask for the commitment again");
        }
        Draw d = new Draw();
        d.campaignId = c.id;
        d.commitment = record.commitment();
        d.publicId = UUID.randomUUID(); // random (SecureRandom): the public page's id cannot be guessed
        d.record = DrawRecords.toJson(record);
        d.committedAt = OffsetDateTime.now(ZoneOffset.UTC);
        d.revealDeadline = d.committedAt.plus(config.draw().revealWindow());
        d.persist();
        campaigns.publish(c, RecruitmentEventV1.DRAW_COMMITTED, null, null, d.commitment, null);
        audit.record(
                "draw.committed",
                "campaign",
                c.id.toString(),
                Map.of("commitment", d.commitment, "job", jobId.toString()));
        return d;
    }

    @Transactional
    public DrawOut seed(UUID campaignId, String seed) {
        Campaign c = locked(campaignId); // one at a time with reveals
        Draw d = committed(c);
        if (d.drawnAt != null) {
            throw ProblemException.conflict("the panel of this campaign has been drawn already");
        }
        List<SeedParty> parties = SeedParty.of(c.id);
        if (parties.isEmpty()) {
            // a draw committed before the ceremony was required: a typed seed is not taken for it either
            throw SeedCeremonies.required(true);
        }
        if (seed != null && !seed.isBlank()) {
            throw ProblemException.conflict(
                    "seed-from-ceremony",
                    "this campaign's seed follows from its seed ceremony ("
                            + String.join(
                                    ", ", parties.stream().map(p -> p.party).toList())
                            + "): nobody types it; send no seed (GET /campaigns/{id}/draw/ceremony says what it "
                            + "waits for); nothing changed");
        }
        DrawRecords.SeedCeremony ceremony = SeedCeremonies.ready(d, parties, OffsetDateTime.now(ZoneOffset.UTC));
        seed = ceremony.seed(d.commitment);
        DrawRecord drawn;
        try {
            drawn = engine.draw(DrawRecords.fromJson(d.record), seed);
        } catch (DrawException e) {
            throw problem(e);
        }
        List<String> selected = drawn.result().selected();
        // the waitlist is the whole draw order: any seat that comes free goes to the first in it who keeps the quotas
        List<String> waitlist = drawn.result().waitlist();
        d.record = DrawRecords.toJson(drawn, ceremony);
        d.panel = StoredJson.write(selected);
        d.waitlist = StoredJson.write(waitlist);
        d.drawnAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.status = Campaign.Status.DRAWN.name();
        List<MessageRequestV1> messages = new ArrayList<>();
        Set<String> panel = new java.util.HashSet<>(selected);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < waitlist.size(); i++) {
            position.put(waitlist.get(i), i + 1);
        }
        String nextSteps = CampaignSession.nextSteps(c.id); // one read for every selected tenant's message
        String drawUrl = drawUrl(d);
        for (Signup s : Signup.active(c.id)) {
            String id = s.id.toString();
            Signup.Outcome o = panel.contains(id)
                    ? Signup.Outcome.SELECTED
                    : position.containsKey(id) ? Signup.Outcome.WAITLISTED : Signup.Outcome.NOT_SELECTED;
            s.outcome = o.name();
            messages.add(outcome(c, nextSteps, drawUrl, s, o, position.getOrDefault(id, 0)));
        }
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
        campaigns.publish(c, RecruitmentEventV1.DRAW_COMPLETED, null, null, d.commitment, null);
        audit.record(
                "draw.seeded",
                "campaign",
                c.id.toString(),
                Map.of(
                        "seed",
                        seed,
                        "selected",
                        selected.size(),
                        "waitlisted",
                        waitlist.size(),
                        "seedCeremony",
                        parties.size() + " parties",
                        "missing",
                        ceremony.missing()));
        return out(c, d, drawn);
    }

    /**
     * The outcome message with the placeholders its notification-service template requires (a missing one is refused
     * there). Each carries the public draw page and the tenant's own pseudonym in the draw record (the sign-up id), so
     * the tenant can find themselves in the published draw, and nobody else.
     */
    private static MessageRequestV1 outcome(
            Campaign c, String nextSteps, String drawUrl, Signup s, Signup.Outcome o, int waitlistPosition) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("campaignTitle", c.title);
        data.put("theme", c.theme);
        data.put("pseudonym", s.id.toString());
        data.put("drawUrl", drawUrl);
        String template = switch (o) {
            case SELECTED -> {
                data.put("nextSteps", nextSteps);
                yield nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_DRAW_SELECTED.key();
            }
            case WAITLISTED -> {
                data.put("waitlistPosition", String.valueOf(waitlistPosition));
                yield nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_DRAW_WAITLISTED.key();
            }
            default -> nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_DRAW_NOT_SELECTED.key();
        };
        return new MessageRequestV1(
                        "recruitment:" + c.id + ":" + template + ":" + s.tenantRef,
                        s.tenantRef,
                        MessageRequestV1.SERVICE,
                        template,
                        data,
                        null)
                .from(nl.meedoen.recruitment.signup.Signups.campaignSource(c.id));
    }

    public DrawOut get(UUID campaignId) {
        Campaign c = campaigns.find(campaignId);
        Draw d = committed(c);
        return out(c, d, DrawRecords.fromJson(d.record));
    }

    public String record(UUID campaignId) {
        return committed(campaigns.find(campaignId)).record;
    }

    /** The public draw page of a draw: {@code recruitment.draw-url} with the draw's public id (after '#'). */
    private String drawUrl(Draw d) {
        return config.drawUrl() + d.publicId;
    }

    /** Matches no draw: a malformed public id is looked up as this, so it costs the same query as any other miss. */
    private static final UUID NO_DRAW = new UUID(0, 0);

    /**
     * A drawn draw by its public id, for anyone. A malformed, unknown or guessed id and a draw not drawn yet are the
     * same 404 after the same one indexed query, so the answer tells nothing about which draws exist.
     */
    public Draw published(String publicId) {
        UUID id;
        try {
            id = UUID.fromString(publicId);
        } catch (IllegalArgumentException e) {
            id = NO_DRAW;
        }
        Draw d = Draw.find("publicId = ?1 and drawnAt is not null", id).firstResult();
        if (d == null) {
            throw ProblemException.notFound("a published draw with this id");
        }
        return d;
    }

    /** What the public draw page shows beside the record: the campaign's title, when it was drawn, the commitment. */
    /** How {@link #persons} writes a household: a SHA-256 hex digest, never a raw household key. */
    private static final java.util.regex.Pattern HASHED_HOUSEHOLD = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /**
     * The record anyone may read: as the parties read it, except that a record committed before households were hashed
     * per draw has its raw household keys (stable across draws and services) replaced by their draw keys, marked
     * {@code householdsRedacted} ({@link DrawRecords#withHouseholdsRedacted}): it verifies but for the inputs' hash.
     */
    public String publishedRecord(Draw d) {
        boolean rawKeys = DrawRecords.fromJson(d.record).input().pool().stream()
                .anyMatch(p -> p.household() != null
                        && !HASHED_HOUSEHOLD.matcher(p.household()).matches());
        return rawKeys ? DrawRecords.withHouseholdsRedacted(d.record) : d.record;
    }

    public DrawViews.PublicDrawOut publishedSummary(String publicId) {
        Draw d = published(publicId);
        Campaign c = Campaign.findById(d.campaignId);
        return new DrawViews.PublicDrawOut(
                d.publicId,
                c.title,
                c.seats,
                d.drawnAt,
                d.commitment,
                PublicDrawResource.PATH + "/" + d.publicId + "/record");
    }

    public Verification verify(String recordJson, String expectedCommitment) {
        if (recordJson == null || recordJson.isBlank()) {
            throw ProblemException.invalidField("body", "a draw record (JSON)");
        }
        try {
            return engine.verify(recordJson, expectedCommitment, false);
        } catch (DrawException e) {
            throw problem(e);
        }
    }

    @Transactional
    public Signup confirm(UUID campaignId, String tenantRef) {
        Campaign c = locked(campaignId);
        Signup s = participant(c, tenantRef);
        if (!Signup.Outcome.SELECTED.name().equals(s.outcome)) {
            throw Campaigns.wrongState(c, "only a selected tenant can confirm; " + tenantRef + " is " + s.outcome);
        }
        s.outcome = Signup.Outcome.CONFIRMED.name();
        return s;
    }

    /**
     * The tenant declines a seat. After a draw the first in the draw order (the whole of it, not only the first
     * {@code seats}) who keeps the household rule and every quota takes it; when nobody can, the seat stays vacant
     * and the answer names the quotas that cannot be kept. The campaign row is locked: two declines (or a decline
     * and a fill) at once never give one seat twice or lose a panel change, on any replica.
     */
    @Transactional
    public ReplacementOut decline(UUID campaignId, String tenantRef) {
        Campaign c = locked(campaignId);
        Signup s = participant(c, tenantRef);
        if (!Signup.Outcome.SELECTED.name().equals(s.outcome)
                && !Signup.Outcome.CONFIRMED.name().equals(s.outcome)) {
            throw ProblemException.conflict("campaign is " + c.status + " (" + c.mode()
                    + "): only a selected tenant can decline a seat; " + tenantRef + " is " + s.outcome);
        }
        Draw d = Draw.findById(c.id);
        if (d == null) {
            return declineWithoutDraw(c, s); // seated without a lottery: the waitlist in its own order
        }
        s.outcome = Signup.Outcome.DECLINED.name();
        List<String> panel = new ArrayList<>(StoredJson.read(d.panel, IDS));
        panel.remove(s.id.toString());
        Filled f = fillFromDrawOrder(c, d, panel, 1, "replacement");
        String replacementRef = f.filled().isEmpty() ? null : f.filled().get(0);
        campaigns.publish(c, RecruitmentEventV1.PARTICIPANT_REPLACED, tenantRef, null, d.commitment, replacementRef);
        audit.record(
                "draw.declined",
                "campaign",
                c.id.toString(),
                replacementRef == null
                        ? Map.of("tenantRef", tenantRef)
                        : Map.of("tenantRef", tenantRef, "replacement", replacementRef));
        String reason = replacementRef != null
                ? "the first in the draw order who keeps every quota"
                        + (f.householdRule() ? " and the household rule" : "") + " took the seat"
                : "the seat stays vacant: " + f.why();
        return new ReplacementOut(tenantRef, replacementRef, reason, c.seats - panel.size(), f.unkept());
    }

    /** A seated tenant of a campaign seated without a draw declines: the first on its waitlist takes the seat. */
    private ReplacementOut declineWithoutDraw(Campaign c, Signup s) {
        s.outcome = Signup.Outcome.DECLINED.name();
        Signup next = places.promote(c);
        String replacement = next == null ? null : next.tenantRef;
        campaigns.publish(c, RecruitmentEventV1.PARTICIPANT_REPLACED, s.tenantRef, null, null, replacement);
        audit.record(
                "seating.declined",
                "campaign",
                c.id.toString(),
                replacement == null
                        ? Map.of("tenantRef", s.tenantRef)
                        : Map.of("tenantRef", s.tenantRef, "replacement", replacement));
        String reason = next != null
                ? "the first on the waitlist took the seat"
                : c.mode() == Campaign.SelectionMode.APPOINTMENT
                        ? "nobody on the waitlist; the board may appoint another sign-up"
                        : "nobody on the waitlist";
        return new ReplacementOut(s.tenantRef, replacement, reason);
    }

    /** Seats given from the draw order, and when a seat stays vacant why (the quotas that cannot be kept). */
    record Filled(List<String> filled, List<QuotaKeeping.Unkept> unkept, String why, boolean householdRule) {}

    /**
     * Seats, one by one and at most {@code max}, the first in the draw order who keeps the household rule and the
     * quotas, until the panel is full or nobody fits. The candidates are the draw record's whole waitlist (also for
     * draws from before it was kept whole) less everyone no longer waiting; the draw's panel and waitlist are updated.
     */
    private Filled fillFromDrawOrder(Campaign c, Draw d, List<String> panel, int max, String why) {
        DrawRecord record = DrawRecords.fromJson(d.record);
        Map<String, Signup> byId = new HashMap<>();
        for (Signup x : Signup.all(c.id)) {
            byId.put(x.id.toString(), x);
        }
        List<String> candidates = new ArrayList<>();
        for (String id : record.result().waitlist()) {
            Signup x = byId.get(id);
            if (x != null
                    && Signup.ACTIVE.equals(x.status)
                    && !panel.contains(id)
                    && (Signup.Outcome.WAITLISTED.name().equals(x.outcome)
                            || Signup.Outcome.NOT_SELECTED.name().equals(x.outcome))) {
                candidates.add(id);
            }
        }
        List<String> filled = new ArrayList<>();
        String nextSteps = null; // read once, at the first seat given
        String drawUrl = drawUrl(d);
        QuotaKeeping.Choice choice = new QuotaKeeping.Choice(null, List.of());
        while (panel.size() < c.seats && filled.size() < max) {
            choice = QuotaKeeping.choose(record.input(), panel, candidates);
            if (choice.chosen() == null) {
                break;
            }
            Signup next = byId.get(choice.chosen());
            next.outcome = Signup.Outcome.SELECTED.name();
            next.placedAt = OffsetDateTime.now(ZoneOffset.UTC);
            panel.add(choice.chosen());
            candidates.remove(choice.chosen());
            filled.add(next.tenantRef);
            if (nextSteps == null) {
                nextSteps = CampaignSession.nextSteps(c.id);
            }
            MessageRequestV1 m = outcome(c, nextSteps, drawUrl, next, Signup.Outcome.SELECTED, 0);
            outbox.publish(
                    MessageRequestV1.TOPIC,
                    MessageRequestV1.TYPE,
                    next.tenantRef,
                    new MessageRequestV1(
                            m.requestId() + ":" + why,
                            m.tenantRef(),
                            m.purpose(),
                            m.templateKey(),
                            m.data(),
                            m.channel(),
                            m.source(),
                            null));
        }
        d.panel = StoredJson.write(panel);
        d.waitlist = StoredJson.write(candidates);
        boolean household = record.input().householdRule();
        String reason = null;
        if (panel.size() < c.seats) {
            reason = !choice.unkept().isEmpty()
                    ? "no one left in the draw order keeps every quota" + (household ? " and the household rule" : "")
                            + ": "
                            + String.join(
                                    "; ",
                                    choice.unkept().stream()
                                            .map(QuotaKeeping.Unkept::describe)
                                            .toList())
                    : candidates.isEmpty()
                            ? "nobody is left in the draw order"
                            : "no one left in the draw order keeps the household rule";
        }
        return new Filled(filled, panel.size() < c.seats ? choice.unkept() : List.of(), reason, household);
    }

    /**
     * Fills the campaign's vacant seats, any time before its term starts (its first session): after a draw in the
     * draw order keeping every quota and the household rule, otherwise from the waitlist in its order. Nothing to
     * fill with → 422 naming the quotas that cannot be kept (after a draw), or 409 when nobody waits at all.
     */
    @Transactional
    public DrawViews.FillOut fillVacancies(UUID campaignId) {
        Campaign c = locked(campaignId);
        if (!c.participantsSeated()) {
            throw Campaigns.wrongState(c, "nobody holds a seat yet, so no seat is vacant");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CampaignSession.of(c.id).stream()
                .map(x -> x.startsAt)
                .min(OffsetDateTime::compareTo)
                .filter(first -> !first.isAfter(now))
                .ifPresent(first -> {
                    throw Campaigns.wrongState(
                            c,
                            "its term started with the first session at " + first
                                    + "; vacant seats are filled before the term starts");
                });
        if (c.termEnd != null && c.termEnd.isBefore(now.toLocalDate())) {
            throw Campaigns.wrongState(c, "its term ended on " + c.termEnd);
        }
        long seated = Signup.seated(c.id);
        if (seated >= c.seats) {
            throw Campaigns.wrongState(c, "all " + c.seats + " seats are taken; no seat is vacant");
        }
        Draw d = Draw.findById(c.id);
        List<String> filled = new ArrayList<>();
        List<QuotaKeeping.Unkept> unkept = List.of();
        if (d == null) {
            for (Signup next = places.promote(c); next != null; next = places.promote(c)) {
                filled.add(next.tenantRef);
                campaigns.publish(c, RecruitmentEventV1.PARTICIPANT_REPLACED, null, null, null, next.tenantRef);
            }
            if (filled.isEmpty()) {
                throw Campaigns.wrongState(
                        c,
                        (c.seats - seated) + " seat(s) vacant and nobody on the waitlist"
                                + (c.mode() == Campaign.SelectionMode.APPOINTMENT
                                        ? "; the board may appoint another sign-up (POST /campaigns/{id}/appointments)"
                                        : ""));
            }
        } else {
            if (d.drawnAt == null) {
                throw Campaigns.wrongState(c, "the panel has not been drawn yet (POST /campaigns/{id}/draw/seed)");
            }
            List<String> panel = new ArrayList<>(StoredJson.read(d.panel, IDS));
            Filled f = fillFromDrawOrder(c, d, panel, Integer.MAX_VALUE, "vacancy");
            filled.addAll(f.filled());
            unkept = f.unkept();
            if (filled.isEmpty()) {
                if (unkept.isEmpty()) {
                    throw Campaigns.wrongState(c, (c.seats - seated) + " seat(s) vacant: " + f.why());
                }
                throw new ProblemException(
                        422,
                        "quota-cannot-be-kept",
                        "No one left in the draw order keeps the quotas",
                        "campaign is " + c.status + " (" + c.mode() + "): " + (c.seats - seated) + " seat(s) vacant; "
                                + f.why(),
                        unkept.stream()
                                .map(u -> new Problem.FieldError(u.field(), u.describe()))
                                .toList());
            }
            for (String ref : filled) {
                campaigns.publish(c, RecruitmentEventV1.PARTICIPANT_REPLACED, null, null, d.commitment, ref);
            }
        }
        long nowSeated = Signup.seated(c.id);
        audit.record(
                "seating.vacancies-filled",
                "campaign",
                c.id.toString(),
                Map.of("filled", filled, "vacancies", c.seats - nowSeated));
        String summary = filled.size() + " vacant seat(s) filled; "
                + (nowSeated >= c.seats ? "every seat is taken" : (c.seats - nowSeated) + " still vacant");
        return new DrawViews.FillOut(c.id, c.seats, nowSeated, c.seats - nowSeated, filled, unkept, summary);
    }

    /** The campaign, re-read under a row lock (SELECT … FOR UPDATE): seat changes of one campaign happen one at a time. */
    Campaign locked(UUID campaignId) {
        Campaign c = campaigns.find(campaignId);
        Campaign.getEntityManager().refresh(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return c;
    }

    /** An illegal transition: 409 naming the campaign's state (and its selection mode). */
    private static Signup participant(Campaign c, String tenantRef) {
        if (!c.participantsSeated()) {
            throw ProblemException.conflict("campaign is " + c.status + " (" + c.mode() + "): nobody holds a seat yet");
        }
        Signup s = Signup.of(c.id, tenantRef);
        if (s == null) {
            throw ProblemException.notFound("participant " + tenantRef);
        }
        return s;
    }

    private static Draw committed(Campaign c) {
        Draw d = Draw.findById(c.id);
        if (d == null) {
            throw ProblemException.notFound("draw of campaign " + c.id);
        }
        return d;
    }

    static String value(PopulationMember m, PopulationAttribute a) {
        String v = m == null ? null : EligibilityRule.valueOf(m, a);
        return v == null ? UNKNOWN : v;
    }

    private static DrawOut out(Campaign c, Draw d, DrawRecord r) {
        Map<String, Signup> byId = Signup.all(c.id).stream().collect(Collectors.toMap(s -> s.id.toString(), s -> s));
        List<Participant> participants = new ArrayList<>();
        List<Person> pool = r.input().pool();
        double min = 1;
        for (int i = 0; i < pool.size(); i++) {
            Signup s = byId.get(pool.get(i).id());
            double p = r.probabilities().get(i);
            min = Math.min(min, p);
            participants.add(new Participant(s.tenantRef, s.id, p, s.outcome));
        }
        return new DrawOut(
                c.id,
                d.publicId,
                d.commitment,
                r.input().algorithm().id(),
                r.input().householdRule(),
                c.seats,
                pool.size(),
                pool.isEmpty() ? 0 : min,
                r.seed(),
                participants);
    }

    static ProblemException problem(DrawException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        e.details().forEach(x -> errors.add(new Problem.FieldError("draw", x)));
        e.relaxations()
                .forEach(x -> errors.add(new Problem.FieldError(
                        "quotas." + x.category() + "." + x.feature() + "." + x.bound(),
                        "relax " + x.bound() + " from " + x.current() + " to " + x.suggested())));
        int status = switch (e.code()) {
            case DrawException.INFEASIBLE_QUOTAS, DrawException.PANEL_LARGER_THAN_POOL, DrawException.NO_REPLACEMENT ->
                422;
            default -> 400;
        };
        return new ProblemException(status, e.code(), "Draw not possible", e.getMessage(), errors);
    }
}
