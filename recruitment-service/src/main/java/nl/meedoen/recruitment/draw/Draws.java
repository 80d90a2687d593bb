package nl.meedoen.recruitment.draw;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.population.PopulationMember;
import nl.meedoen.recruitment.Json;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import nl.meedoen.recruitment.draw.DrawDtos.CommitIn;
import nl.meedoen.recruitment.draw.DrawDtos.DrawOut;
import nl.meedoen.recruitment.draw.DrawDtos.Participant;
import nl.meedoen.recruitment.draw.DrawDtos.Quota;
import nl.meedoen.recruitment.draw.DrawDtos.ReplacementOut;
import nl.meedoen.recruitment.signup.Signup;
import nl.meedoen.draw.Algorithm;
import nl.meedoen.draw.Category;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawException;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.draw.DrawRecords;
import nl.meedoen.draw.FeatureQuota;
import nl.meedoen.draw.Person;
import nl.meedoen.draw.Replacement;
import nl.meedoen.draw.Verification;

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

/**
 * Verifiable draws: phase (a) commits to the anonymised pool (sign-up ids, never tenantRefs), quotas, seats and
 * algorithm; phase (b) samples the panel with a seed that comes afterwards. Outcomes go out as message requests.
 */
@ApplicationScoped
public class Draws {
    static final String UNKNOWN = "unknown";
    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };

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
    nl.meedoen.recruitment.seating.Seating seating;

    /**
     * Phase (a), asked for: checks what can be checked at once (state, algorithm, quotas, pool size) and queues
     * the commitment as a job ({@link DrawCommitJob}): LEXIMIN on a large pool takes minutes, longer than any
     * request may. One commitment job per campaign at a time; withdrawals wait until it has finished.
     */
    @Transactional
    public JobView requestCommit(UUID campaignId, CommitIn in) {
        Campaign c = campaigns.find(campaignId);
        Plan plan = plan(c, in);
        if (plan.pool().size() <= c.seats) {
            // a lottery only when oversubscribed: everyone can be seated (POST .../seating), or the organiser reopens
            throw new ProblemException(409, "no-lottery-needed", "No lottery needed", "campaign is " + c.status + " with "
                    + plan.pool().size() + " active sign-up(s) for " + c.seats + " seats: no lottery is needed. Seat everyone "
                    + "(POST /campaigns/{id}/seating), or reopen sign-ups (POST /campaigns/{id}/reopen) and reach out again", null);
        }
        try {
            engine.validate(plan.input()); // e.g. more seats than households under the household rule: said now, not by the job
        } catch (DrawException e) {
            throw problem(e);
        }
        audit.record("draw.commit-requested", "campaign", c.id.toString(), Map.of("algorithm", plan.input().algorithm().id(),
                "poolSize", plan.pool().size(), "seats", c.seats));
        return jobs.submit(DrawCommitJob.KIND, c.id.toString(), in == null ? new CommitIn(null, null, null) : in);
    }

    /** A commitment's inputs, checked: the pseudonymous pool (sign-up ids) with the features the quotas name. */
    public record Plan(List<Signup> pool, DrawInput input) {
    }

    /** Checks the campaign's state and the request and builds the engine's input from the active sign-ups. */
    public Plan plan(Campaign c, CommitIn in) {
        if (c.mode() != Campaign.SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED) {
            throw ProblemException.conflict("campaign is " + c.status + " and selects by " + c.mode() + ": no lottery");
        }
        if (c.state() != Campaign.Status.CLOSED) {
            throw ProblemException.conflict("a draw needs a CLOSED campaign; this one is " + c.status);
        }
        if (DrawEntity.findById(c.id) != null) {
            throw ProblemException.conflict("the draw of this campaign is already committed");
        }
        Algorithm algorithm;
        try {
            algorithm = Algorithm.parse(in == null || in.algorithm() == null ? "uniform" : in.algorithm());
        } catch (DrawException e) {
            throw ProblemException.invalidField("algorithm", e.getMessage());
        }
        List<Quota> quotas = in == null || in.quotas() == null ? List.of() : in.quotas();
        boolean household = in != null && Boolean.TRUE.equals(in.householdRule());
        if (algorithm == Algorithm.UNIFORM && !quotas.isEmpty()) {
            throw ProblemException.invalidField("quotas", "quotas need algorithm leximin (uniform ignores them)");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, List<Quota>> byAttribute = new LinkedHashMap<>();
        for (int i = 0; i < quotas.size(); i++) {
            Quota q = quotas.get(i);
            if (q == null || PopulationAttribute.parse(q.attribute()).isEmpty() || q.value() == null
                    || q.min() == null || q.max() == null || q.min() < 0 || q.max() < q.min()) {
                errors.add(new Problem.FieldError("quotas[" + i + "]", "needs a population attribute, a value and 0 <= min <= max"));
            } else {
                byAttribute.computeIfAbsent(q.attribute(), a -> new ArrayList<>()).add(q);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("quotas are not valid", errors);
        }
        List<Signup> pool = Signup.active(c.id);
        Map<String, PopulationMember> members = members(pool);
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
            pool.stream().map(s -> value(members.get(s.tenantRef), a)).distinct().sorted()
                    .filter(v -> !named.contains(v)).forEach(v -> fq.add(new FeatureQuota(v, 0, c.seats)));
            categories.add(new Category(a.name(), fq));
        }
        List<Person> persons = pool.stream().map(s -> {
            PopulationMember m = members.get(s.tenantRef);
            Map<String, String> features = new LinkedHashMap<>();
            for (Category cat : categories) {
                features.put(cat.name(), value(m, PopulationAttribute.parse(cat.name()).orElseThrow()));
            }
            return new Person(s.id.toString(), features, m == null ? null : m.householdKey);
        }).toList();
        return new Plan(pool, new DrawInput(persons, categories, c.seats, algorithm, household));
    }

    /** The profiles of the pool, read in chunks (one statement per thousand sign-ups, not one per sign-up). */
    private static Map<String, PopulationMember> members(List<Signup> pool) {
        Map<String, PopulationMember> members = new HashMap<>();
        List<String> refs = pool.stream().map(s -> s.tenantRef).toList();
        for (int from = 0; from < refs.size(); from += 1000) {
            PopulationMember.<PopulationMember>list("tenantRef in ?1", refs.subList(from, Math.min(refs.size(), from + 1000)))
                    .forEach(m -> members.put(m.tenantRef, m));
        }
        return members;
    }

    /**
     * Stores a computed commitment, if the campaign is still as it was planned: CLOSED, no draw yet, and the
     * same pool (a withdrawal that slipped in makes the computed distribution wrong, so nothing is stored).
     */
    @Transactional
    public DrawEntity store(UUID campaignId, List<String> plannedPool, DrawRecord record, UUID jobId) {
        Campaign c = Campaign.findById(campaignId);
        if (c.state() != Campaign.Status.CLOSED || DrawEntity.findById(c.id) != null) {
            throw ProblemException.conflict("the campaign changed while the draw was computed (it is " + c.status + ")");
        }
        if (!plannedPool.equals(Signup.active(c.id).stream().map(s -> s.id.toString()).toList())) {
            throw ProblemException.conflict("the sign-ups changed while the draw was computed; ask for the commitment again");
        }
        DrawEntity d = new DrawEntity();
        d.campaignId = c.id;
        d.commitment = record.commitment();
        d.record = DrawRecords.toJson(record);
        d.committedAt = OffsetDateTime.now(ZoneOffset.UTC);
        d.persist();
        campaigns.publish(c, RecruitmentEventV1.DRAW_COMMITTED, null, null, d.commitment, null);
        audit.record("draw.committed", "campaign", c.id.toString(), Map.of("commitment", d.commitment, "job", jobId.toString()));
        return d;
    }

    @Transactional
    public DrawOut seed(UUID campaignId, String seed) {
        Campaign c = campaigns.find(campaignId);
        DrawEntity d = committed(c);
        if (d.drawnAt != null) {
            throw ProblemException.conflict("the panel of this campaign has been drawn already");
        }
        if (seed == null || seed.isBlank()) {
            throw ProblemException.invalidField("seed", "required (e.g. the numbers rolled by the witnesses)");
        }
        DrawRecord drawn;
        try {
            drawn = engine.draw(DrawRecords.fromJson(d.record), seed);
        } catch (DrawException e) {
            throw problem(e);
        }
        List<String> selected = drawn.result().selected();
        List<String> waitlist = drawn.result().waitlist().subList(0, Math.min(c.seats, drawn.result().waitlist().size()));
        d.record = DrawRecords.toJson(drawn);
        d.panel = Json.write(selected);
        d.waitlist = Json.write(waitlist);
        d.drawnAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.status = Campaign.Status.DRAWN.name();
        List<MessageRequestV1> messages = new ArrayList<>();
        for (Signup s : Signup.active(c.id)) {
            String id = s.id.toString();
            Signup.Outcome o = selected.contains(id) ? Signup.Outcome.SELECTED
                    : waitlist.contains(id) ? Signup.Outcome.WAITLISTED : Signup.Outcome.NOT_SELECTED;
            s.outcome = o.name();
            messages.add(outcome(c, s, o, waitlist.indexOf(id) + 1));
        }
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
        campaigns.publish(c, RecruitmentEventV1.DRAW_COMPLETED, null, null, d.commitment, null);
        audit.record("draw.seeded", "campaign", c.id.toString(), Map.of("seed", seed, "selected", selected.size(), "waitlisted", waitlist.size()));
        return out(c, d, drawn);
    }

    /** The outcome message with the placeholders its notification-service template requires (a missing one is refused there). */
    private static MessageRequestV1 outcome(Campaign c, Signup s, Signup.Outcome o, int waitlistPosition) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("campaignTitle", c.title);
        data.put("theme", c.theme);
        String template = switch (o) {
            case SELECTED -> {
                data.put("nextSteps", nextSteps(c));
                yield "recruitment.draw-selected";
            }
            case WAITLISTED -> {
                data.put("waitlistPosition", String.valueOf(waitlistPosition));
                yield "recruitment.draw-waitlisted";
            }
            default -> "recruitment.draw-not-selected";
        };
        return new MessageRequestV1("recruitment:" + c.id + ":" + template + ":" + s.tenantRef, s.tenantRef,
                MessageRequestV1.SERVICE, template, data, null);
    }

    /** The first session (time and place or link): what a selected tenant needs to know next. */
    private static String nextSteps(Campaign c) {
        return nl.meedoen.recruitment.campaign.CampaignSession.of(c.id).stream().findFirst()
                .map(first -> first.startsAt + " " + (first.place != null ? first.place : first.onlineLink))
                .orElse("-");
    }

    public DrawOut get(UUID campaignId) {
        Campaign c = campaigns.find(campaignId);
        DrawEntity d = committed(c);
        return out(c, d, DrawRecords.fromJson(d.record));
    }

    public String record(UUID campaignId) {
        return committed(campaigns.find(campaignId)).record;
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
        Campaign c = campaigns.find(campaignId);
        Signup s = participant(c, tenantRef);
        if (!Signup.Outcome.SELECTED.name().equals(s.outcome)) {
            throw ProblemException.conflict("only a selected tenant can confirm; outcome is " + s.outcome);
        }
        s.outcome = Signup.Outcome.CONFIRMED.name();
        return s;
    }

    /** The tenant declines a seat: the first on the waitlist who keeps every quota and the household rule takes it. */
    @Transactional
    public ReplacementOut decline(UUID campaignId, String tenantRef) {
        Campaign c = campaigns.find(campaignId);
        Signup s = participant(c, tenantRef);
        if (!Signup.Outcome.SELECTED.name().equals(s.outcome) && !Signup.Outcome.CONFIRMED.name().equals(s.outcome)) {
            throw ProblemException.conflict("only a selected tenant can decline a seat; outcome is " + s.outcome);
        }
        DrawEntity d = DrawEntity.findById(c.id);
        if (d == null) {
            return seating.declineWithoutDraw(c, s); // seated without a lottery: the waitlist in its own order
        }
        Replacement r;
        try {
            r = engine.replace(DrawRecords.fromJson(d.record), Json.read(d.panel, IDS), Json.read(d.waitlist, IDS), s.id.toString());
        } catch (DrawException e) {
            throw problem(e);
        }
        s.outcome = Signup.Outcome.DECLINED.name();
        d.panel = Json.write(r.panel());
        d.waitlist = Json.write(r.waitlist());
        String replacementRef = null;
        if (r.found()) {
            Signup next = Signup.findById(UUID.fromString(r.replacement()));
            next.outcome = Signup.Outcome.SELECTED.name();
            replacementRef = next.tenantRef;
            MessageRequestV1 m = outcome(c, next, Signup.Outcome.SELECTED, 0);
            outbox.publish(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, next.tenantRef,
                    new MessageRequestV1(m.requestId() + ":replacement", m.tenantRef(), m.purpose(), m.templateKey(), m.data(), m.channel()));
        }
        campaigns.publish(c, RecruitmentEventV1.PARTICIPANT_REPLACED, tenantRef, null, d.commitment, replacementRef);
        return new ReplacementOut(tenantRef, replacementRef, r.reason());
    }

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

    private static DrawEntity committed(Campaign c) {
        DrawEntity d = DrawEntity.findById(c.id);
        if (d == null) {
            throw ProblemException.notFound("draw of campaign " + c.id);
        }
        return d;
    }

    static String value(PopulationMember m, PopulationAttribute a) {
        String v = m == null ? null : EligibilityRule.valueOf(m, a);
        return v == null ? UNKNOWN : v;
    }

    private static DrawOut out(Campaign c, DrawEntity d, DrawRecord r) {
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
        return new DrawOut(c.id, d.commitment, r.input().algorithm().id(), r.input().householdRule(), c.seats,
                pool.size(), pool.isEmpty() ? 0 : min, r.seed(), participants);
    }

    static ProblemException problem(DrawException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        e.details().forEach(x -> errors.add(new Problem.FieldError("draw", x)));
        e.relaxations().forEach(x -> errors.add(new Problem.FieldError("quotas." + x.category() + "." + x.feature() + "." + x.bound(),
                "relax " + x.bound() + " from " + x.current() + " to " + x.suggested())));
        int status = switch (e.code()) {
            case DrawException.INFEASIBLE_QUOTAS, DrawException.PANEL_LARGER_THAN_POOL, DrawException.NO_REPLACEMENT -> 422;
            default -> 400;
        };
        return new ProblemException(status, e.code(), "Draw not possible", e.getMessage(), errors);
    }
}
