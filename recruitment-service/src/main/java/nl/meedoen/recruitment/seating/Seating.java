package nl.meedoen.recruitment.seating;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaign.SelectionMode;
import nl.meedoen.recruitment.campaign.CampaignSession;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.draw.Draw;
import nl.meedoen.recruitment.draw.DrawCommitJob;
import nl.meedoen.recruitment.seating.SeatingRequests.AppointmentIn;
import nl.meedoen.recruitment.seating.SeatingRequests.ReopenIn;
import nl.meedoen.recruitment.seating.SeatingViews.Participant;
import nl.meedoen.recruitment.seating.SeatingViews.SeatingOut;
import nl.meedoen.recruitment.signup.Places;
import nl.meedoen.recruitment.signup.Signup;

/**
 * Seats given without a lottery, per the campaign's selection mode: everyone (a lottery campaign with no more
 * sign-ups than seats), appointed by the organising board (with a recorded reason), or first come (open up to
 * capacity, seated at sign-up). Also the waitlist outside a draw, and reopening an undersubscribed campaign.
 * A draw (oversubscribed lottery campaign) stays with {@link nl.meedoen.recruitment.draw.Draws}.
 */
@ApplicationScoped
public class Seating {
    /** Participants seated without a lottery (payload {@link RecruitmentEventV1}: campaign, form, organiser; the rest null). */
    public static final String PARTICIPANTS_SEATED = "nl.meedoen.recruitment.participants-seated.v1";

    @Inject
    Campaigns campaigns;

    @Inject
    AuditLog audit;

    @Inject
    Jobs jobs;

    @Inject
    SecurityIdentity identity;

    @Inject
    Outbox outbox;

    /** Message kinds (notification-service default templates) for seats given without a lottery ({@link Places}). */
    public static final String SEATED = Places.SEATED;

    public static final String WAITLISTED = Places.WAITLISTED;
    public static final String NOT_SEATED = Places.NOT_SEATED;

    @Inject
    Places places;

    /** The campaign, re-read under a row lock: two organisers never seat, appoint or reopen past each other. */
    private Campaign locked(UUID campaignId) {
        Campaign c = campaigns.find(campaignId);
        Campaign.getEntityManager().refresh(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return c;
    }

    /** An illegal transition: 409 naming the campaign's state (and its selection mode). */

    /**
     * Seats the participants without a lottery and records how: lottery mode with no more sign-ups than seats →
     * everyone (the organiser's "go ahead", smaller if undersubscribed); appointment → those the board appointed,
     * the rest not selected (reserves stay on the waitlist); open up to capacity → as they signed up.
     */
    @Transactional
    public SeatingOut seat(UUID campaignId) {
        Campaign c = locked(campaignId);
        if (c.state() != Campaign.Status.CLOSED) {
            throw Campaigns.wrongState(
                    c, "seats are given once sign-ups have closed (POST /campaigns/{id}/close), and only once");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Signup> active = Signup.active(c.id);
        Campaign.Seating how;
        switch (c.mode()) {
            case LOTTERY_WHEN_OVERSUBSCRIBED -> {
                boolean laterTerm =
                        c.termNumber > 1; // the first term's draw stays the record; those who stayed keep their seats
                List<Signup> candidates = !laterTerm
                        ? active
                        : active.stream()
                                .filter(s -> s.outcome == null
                                        || Signup.Outcome.WAITLISTED.name().equals(s.outcome))
                                .toList();
                long free = c.seats - Signup.seated(c.id);
                if (!laterTerm) {
                    noDraw(c);
                    if (active.isEmpty()) {
                        throw Campaigns.wrongState(
                                c,
                                "nobody signed up; reopen sign-ups (POST /campaigns/{id}/reopen) and reach out again");
                    }
                }
                if (candidates.size() > free) {
                    throw Campaigns.wrongState(
                            c,
                            laterTerm
                                    ? candidates.size() + " candidates for " + free + " free seats in term "
                                            + c.termNumber + ": a lottery in a later "
                                            + "term is not supported; lower the candidates (withdrawals) or raise the seats (PATCH)"
                                    : active.size() + " sign-ups for " + c.seats
                                            + " seats: oversubscribed, so the lottery decides "
                                            + "(POST /campaigns/{id}/draw/commit)");
                }
                active = candidates;
                for (Signup s : active) {
                    s.outcome = Signup.Outcome.SELECTED.name();
                    s.placedAt = now;
                }
                String nextSteps = CampaignSession.nextSteps(c.id); // read once for every seat
                outbox.publishAll(
                        MessageRequestV1.TOPIC,
                        MessageRequestV1.TYPE,
                        active.stream()
                                .map(s -> Places.message(c, nextSteps, s.tenantRef, SEATED, null))
                                .toList(),
                        MessageRequestV1::tenantRef);
                how = Campaign.Seating.EVERYONE_SEATED;
            }
            case APPOINTMENT -> {
                List<Signup> unconfirmed = Signup.awaitingPartner(c.id);
                if (!unconfirmed.isEmpty()) {
                    throw new ProblemException(
                            409,
                            "appointments-unconfirmed",
                            "Appointments not confirmed",
                            "campaign is CLOSED (APPOINTMENT): " + unconfirmed.size()
                                    + " appointment(s) await the confirmation of partner "
                                    + c.partnerOrganisation + ": "
                                    + String.join(
                                            ", ",
                                            unconfirmed.stream()
                                                    .map(u -> u.tenantRef)
                                                    .toList())
                                    + " (POST /campaigns/{id}/appointments/{tenantRef}/confirm or /decline)",
                            null);
                }
                if (Signup.seated(c.id) == 0) {
                    throw Campaigns.wrongState(c, "nobody has been appointed yet (POST /campaigns/{id}/appointments)");
                }
                List<MessageRequestV1> notSeated = new ArrayList<>();
                for (Signup s : active) {
                    if (s.outcome == null) {
                        s.outcome = Signup.Outcome.NOT_SELECTED.name();
                        notSeated.add(Places.message(c, s.tenantRef, NOT_SEATED, null));
                    }
                }
                // the appointed and the reserves heard it when they were appointed
                outbox.publishAll(
                        MessageRequestV1.TOPIC, MessageRequestV1.TYPE, notSeated, MessageRequestV1::tenantRef);
                how = Campaign.Seating.APPOINTED;
            }
            default -> how = Campaign.Seating.FIRST_COME; // seated as they signed up
        }
        c.status = Campaign.Status.SEATED.name();
        c.seating = how.name();
        c.seatedAt = now;
        campaigns.publish(c, PARTICIPANTS_SEATED);
        audit.record(
                "seating.completed",
                "campaign",
                c.id.toString(),
                Map.of(
                        "seating",
                        how.name(),
                        "seats",
                        c.seats,
                        "signups",
                        active.size(),
                        "seated",
                        Signup.seated(c.id)));
        return out(c);
    }

    private void noDraw(Campaign c) {
        if (Draw.findById(c.id) != null) {
            throw Campaigns.wrongState(
                    c, "its draw is committed: the lottery seats the panel (POST /campaigns/{id}/draw/seed)");
        }
        if (jobs.live(DrawCommitJob.KIND, c.id.toString())) {
            throw Campaigns.wrongState(c, "its draw is being committed");
        }
    }

    /** The organising board appoints a sign-up to a seat, or as reserve on the waitlist, with its reason. */
    @Transactional
    public Signup appoint(UUID campaignId, AppointmentIn in) {
        Campaign c = locked(campaignId);
        if (c.mode() != SelectionMode.APPOINTMENT) {
            throw Campaigns.wrongState(
                    c, "appointments are for campaigns that select by APPOINTMENT; this one selects by " + c.mode());
        }
        if (c.state() != Campaign.Status.CLOSED && c.state() != Campaign.Status.SEATED) {
            throw Campaigns.wrongState(c, "the board appoints once sign-ups have closed");
        }
        if (in == null || in.tenantRef() == null || in.tenantRef().isBlank()) {
            throw ProblemException.fieldRule("tenantRef", "required: the sign-up to appoint");
        }
        if (in.reason() == null || in.reason().isBlank()) {
            throw ProblemException.fieldRule(
                    "reason", "required: why the board appoints this tenant (knowledge, experience, interest)");
        }
        if (in.reason().length() > 2000) {
            throw ProblemException.fieldRule("reason", "at most 2000 characters");
        }
        Signup s = Signup.of(c.id, in.tenantRef());
        if (s == null || !Signup.ACTIVE.equals(s.status)) {
            throw ProblemException.fieldRule(
                    "tenantRef", in.tenantRef() + " is not an active sign-up of this campaign");
        }
        boolean reserve = Boolean.TRUE.equals(in.reserve());
        if (Signup.Outcome.SELECTED.name().equals(s.outcome)
                || Signup.Outcome.CONFIRMED.name().equals(s.outcome)) {
            throw Campaigns.wrongState(c, in.tenantRef() + " already holds a seat");
        }
        if (Signup.Outcome.DECLINED.name().equals(s.outcome)) {
            throw Campaigns.wrongState(c, in.tenantRef() + " declined the seat");
        }
        if (!reserve && Signup.seated(c.id) >= c.seats) {
            throw Campaigns.wrongState(
                    c, "all " + c.seats + " seats are taken; appoint as reserve (\"reserve\": true)");
        }
        int position =
                reserve ? Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED).size() + 1 : 0;
        s.outcome = (reserve ? Signup.Outcome.WAITLISTED : Signup.Outcome.SELECTED).name();
        s.selectionReason = in.reason().strip();
        s.selectedBy = identity.getPrincipal().getName();
        s.placedAt = OffsetDateTime.now(ZoneOffset.UTC);
        // the partner's board is an equal party: the corporation's appointment waits for its confirmation; its own does
        // not
        s.awaitingPartner = c.partnerOrganisation != null && campaigns.party(c) != Campaigns.Party.PARTNER;
        audit.record(
                reserve ? "seating.reserve-appointed" : "seating.appointed",
                "campaign",
                c.id.toString(),
                Map.of("tenantRef", s.tenantRef, "awaitingPartner", s.awaitingPartner));
        if (!s.awaitingPartner) {
            places.tell(c, s.tenantRef, reserve ? WAITLISTED : SEATED, reserve ? position : null);
        }
        return s;
    }

    /**
     * The partner tenant organisation confirms (the appointee is told now) or declines (the sign-up is no longer appointed; the
     * corporation may appoint another) an appointment the corporation made.
     */
    @Transactional
    public Signup answerAppointment(UUID campaignId, String tenantRef, boolean confirm, String reason) {
        Campaign c = locked(campaignId);
        if (c.partnerOrganisation == null || campaigns.party(c) != Campaigns.Party.PARTNER) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "the partner tenant organisation of this campaign confirms or declines "
                            + "the corporation's appointments"
                            + (c.partnerOrganisation == null ? "; this campaign has no partner" : ""),
                    null);
        }
        if (c.finished()) {
            throw Campaigns.wrongState(c, "a cancelled or ended campaign does not change");
        }
        if (reason != null && reason.length() > 2000) {
            throw ProblemException.fieldRule("reason", "at most 2000 characters");
        }
        Signup s = Signup.of(c.id, tenantRef);
        if (s == null || !Signup.ACTIVE.equals(s.status)) {
            throw ProblemException.notFound("sign-up " + tenantRef + " of campaign " + campaignId);
        }
        if (!s.awaitingPartner) {
            throw Campaigns.wrongState(
                    c,
                    tenantRef + " has no appointment awaiting the partner's confirmation (outcome " + s.outcome + ")");
        }
        s.awaitingPartner = false;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tenantRef", s.tenantRef);
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason.strip());
        }
        if (confirm) {
            boolean reserve = Signup.Outcome.WAITLISTED.name().equals(s.outcome);
            Integer position = null;
            if (reserve) {
                List<Signup> waiting = Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED);
                position = waiting.indexOf(s) + 1;
            }
            places.tell(c, s.tenantRef, reserve ? WAITLISTED : SEATED, position);
            audit.record("seating.appointment-confirmed", "campaign", c.id.toString(), details);
        } else {
            s.outcome = null;
            s.selectionReason = null;
            s.selectedBy = null;
            s.placedAt = null;
            audit.record("seating.appointment-declined", "campaign", c.id.toString(), details);
        }
        return s;
    }

    /** An undersubscribed (or any closed, not yet seated) campaign opens its sign-ups again until a new date. */
    @Transactional
    public Campaign reopen(UUID campaignId, ReopenIn in) {
        Campaign c = locked(campaignId);
        if (c.state() != Campaign.Status.CLOSED) {
            throw Campaigns.wrongState(c, "only a CLOSED campaign whose seats are not given yet can reopen");
        }
        noDraw(c);
        LocalDate closes = in == null ? null : in.signupCloses();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (closes == null) {
            throw ProblemException.fieldRule("signupCloses", "required: the new last day of sign-ups");
        }
        if (closes.isBefore(today) || closes.isBefore(c.signupOpens)) {
            throw ProblemException.fieldRule("signupCloses", "today or later");
        }
        if (c.termEnd != null && closes.isAfter(c.termEnd)) {
            throw ProblemException.fieldRule("signupCloses", "not after the term end " + c.termEnd);
        }
        c.signupCloses = closes;
        c.status = Campaign.Status.OPEN.name();
        campaigns.publish(c, RecruitmentEventV1.CAMPAIGN_OPENED);
        audit.record(
                "campaign.reopened",
                "campaign",
                c.id.toString(),
                Map.of(
                        "signupCloses",
                        closes.toString(),
                        "signups",
                        Signup.active(c.id).size(),
                        "seats",
                        c.seats));
        return c;
    }

    public SeatingOut get(UUID campaignId) {
        Campaign c = campaigns.find(campaignId);
        SeatingOut out = out(c);
        if (campaigns.party(c) != Campaigns.Party.VIEWER) {
            return out;
        }
        // read-only for a tenant organisation that is no party: pseudonymous refs and outcomes, not the board's reasons
        return out.withParticipants(out.participants().stream()
                .map(p -> new Participant(p.tenantRef(), p.outcome(), null, p.waitlistPosition(), p.awaitingPartner()))
                .toList());
    }

    static SeatingOut out(Campaign c) {
        List<Signup> all = Signup.active(c.id);
        boolean drawn = c.state() == Campaign.Status.DRAWN;
        Map<UUID, Integer> positions = new LinkedHashMap<>();
        if (!drawn) {
            List<Signup> waiting = Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED);
            for (int i = 0; i < waiting.size(); i++) {
                positions.put(waiting.get(i).id, i + 1);
            }
        }
        List<Participant> participants = new ArrayList<>();
        long seated = 0;
        long waitlisted = 0;
        for (Signup s : all) {
            if (s.outcome == null) {
                continue;
            }
            if (Signup.Outcome.SELECTED.name().equals(s.outcome)
                    || Signup.Outcome.CONFIRMED.name().equals(s.outcome)) {
                seated++;
            } else if (Signup.Outcome.WAITLISTED.name().equals(s.outcome)) {
                waitlisted++;
            }
            participants.add(
                    new Participant(s.tenantRef, s.outcome, s.selectionReason, positions.get(s.id), s.awaitingPartner));
        }
        int signups = all.size();
        String seating = drawn ? "DRAW" : c.seating;
        String counts = signups + " sign-up" + (signups == 1 ? "" : "s") + " for " + c.seats + " seat"
                + (c.seats == 1 ? "" : "s");
        String summary = seating == null
                ? "seats not given yet: " + counts
                : switch (seating) {
                    case "DRAW" -> "seated by lottery (the draw is the record): " + counts;
                    case "EVERYONE_SEATED" ->
                        "everyone seated, no lottery needed: " + counts
                                + (signups < c.seats ? " (went ahead smaller)" : "");
                    case "APPOINTED" ->
                        seated + " appointed by the organising board, " + waitlisted + " reserve(s): " + counts;
                    default -> "seated first come, up to capacity: " + counts;
                };
        return new SeatingOut(
                c.id,
                c.mode().name(),
                c.status,
                seating,
                drawn,
                c.seats,
                signups,
                seated,
                waitlisted,
                signups < c.seats,
                c.seatedAt,
                summary,
                participants);
    }
}
