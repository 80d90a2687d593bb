package nl.meedoen.recruitment.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.organisations.KnownOrganisation;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.recruitment.campaign.CampaignRequests.CampaignIn;
import nl.meedoen.recruitment.campaign.CampaignRequests.CampaignPatch;
import nl.meedoen.recruitment.campaign.CampaignRequests.CancelIn;
import nl.meedoen.recruitment.campaign.CampaignRequests.Compensation;

/**
 * Campaign lifecycle DRAFT → OPEN → CLOSED → DRAWN/SEATED (→ ENDED), or CANCELLED from any state before the end, and who may
 * see which campaign (a tenant organisation: those tenant organisations organise, and those it co-owns as partner).
 */
@ApplicationScoped
public class Campaigns {
    public static final List<String> PARTIES = List.of(Roles.CORPORATION, Roles.TENANT_ORGANISATION);

    @Inject
    SecurityIdentity identity;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    jakarta.inject.Provider<io.vertx.core.http.HttpServerRequest> request;

    @Inject
    CampaignSignups signups;

    @Inject
    CampaignDraw draw;

    /** Events of a campaign that lives (payload {@link RecruitmentEventV1}: campaign, form, organiser; the rest null). */
    public static final String CAMPAIGN_CANCELLED = "nl.meedoen.recruitment.campaign-cancelled.v1";
    /** A term ended: the campaign ENDED, or a standing form started its next term. */
    public static final String TERM_ENDED = "nl.meedoen.recruitment.term-ended.v1";

    public static final String OUTCOME_RECORDED = "nl.meedoen.recruitment.outcome-recorded.v1";

    /** Message kind (notification-service default template): data campaignTitle, reason. */
    public static final String CANCELLED_MESSAGE =
            nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_CAMPAIGN_CANCELLED.key();

    /** A tenant organisation only sees what it organises; everyone else with access sees every campaign. */
    public boolean tenantOrganisationOnly() {
        return identity.hasRole(Roles.TENANT_ORGANISATION)
                && !identity.hasRole(Roles.CORPORATION)
                && !identity.hasRole(Roles.OPS);
    }

    /** What a tenant organisation is to a campaign. */
    public enum Party {
        /** It organises the campaign (or a tenant organisation's campaign without a recorded client). */
        ORGANISER,
        /** The corporation's campaign names it as partnerOrganisation: co-owner. */
        PARTNER,
        /** Neither, but a formal-participation campaign of the corporation ({@link Form#formal()}): it may read it. */
        VIEWER,
        NONE
    }

    /** Audited when a tenant organisation asks for the sign-ups (personal data) of a campaign it is no party to. */
    public static final String SIGNUPS_REFUSED = "campaign.signups.refused";

    /** What the calling tenant organisation is to the campaign; ORGANISER for the corporation and ops (they see every campaign). */
    public Party party(Campaign c) {
        if (!tenantOrganisationOnly()) {
            return Party.ORGANISER;
        }
        String organisation = organisation();
        if (Roles.TENANT_ORGANISATION.equals(c.organiserParty)
                && (c.organiserClient == null || c.organiserClient.equals(organisation))) {
            return Party.ORGANISER;
        }
        if (organisation.equals(c.partnerOrganisation)) {
            return Party.PARTNER;
        }
        return Roles.CORPORATION.equals(c.organiserParty)
                        && Form.valueOf(c.form).formal()
                ? Party.VIEWER
                : Party.NONE;
    }

    /**
     * The campaign, if the caller may reach it with this request. A tenant organisation: its own campaigns fully; a co-owned one
     * (partner) to read, sign the statement, record sign-ups from its events and appoint, confirm or decline appointments
     * (other changes are the organising corporation's: 403); a formal-participation campaign of the corporation only to read
     * the campaign and its seating (anything else, as any other organisation's campaign: 404, audited when it asked for the
     * sign-ups' personal texts).
     */
    public Campaign find(UUID id) {
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw ProblemException.notFound("campaign " + id);
        }
        Party party = party(c);
        if (party == Party.ORGANISER) {
            return c;
        }
        io.vertx.core.http.HttpServerRequest r = request.get();
        String method = r.method().name();
        String rest = r.path()
                .substring(r.path().indexOf(id.toString()) + id.toString().length());
        if (party == Party.PARTNER) {
            if (!partnerMay(method, rest)) {
                throw new ProblemException(
                        403,
                        "forbidden",
                        "Forbidden",
                        "a partner tenant organisation reads a co-owned campaign, signs its "
                                + "statement, records sign-ups from its events and appoints, confirms or declines appointments; the corporation that "
                                + "organises it changes the rest",
                        null);
            }
            return c;
        }
        if (party == Party.VIEWER && "GET".equals(method) && (rest.isEmpty() || rest.equals("/seating"))) {
            return c;
        }
        if (rest.startsWith("/signups") && "GET".equals(method)) {
            audit.refused(
                    SIGNUPS_REFUSED,
                    "campaign",
                    id.toString(),
                    method + " " + rest,
                    404,
                    party == Party.VIEWER
                            ? "formal campaign of the corporation, read-only: no personal data"
                            : "not a party to this campaign");
        }
        throw ProblemException.notFound("campaign " + id);
    }

    /**
     * What the partner of a corporation's campaign may do besides reading it: among others commit to and reveal its
     * secret in the draw's seed ceremony (an equal party to the seed).
     */
    private static boolean partnerMay(String method, String rest) {
        return "GET".equals(method)
                || ("POST".equals(method)
                        && (rest.equals("/statement/signatures")
                                || rest.equals("/signups")
                                || rest.equals("/appointments")
                                || rest.equals("/draw/ceremony/commitments")
                                || rest.equals("/draw/ceremony/reveals")
                                || rest.matches("/appointments/[^/]+/(confirm|decline)")));
    }

    /** A tenant organisation sees its own campaigns, the ones naming it as partner and every formal-participation campaign of the corporation. */
    public List<Campaign> list() {
        return tenantOrganisationOnly()
                ? Campaign.list(
                        "(organiserParty = ?1 and (organiserClient is null or organiserClient = ?2)) or partnerOrganisation = ?2"
                                + " or (organiserParty = ?3 and form in ?4) order by createdAt",
                        Roles.TENANT_ORGANISATION,
                        organisation(),
                        Roles.CORPORATION,
                        Arrays.stream(Form.values())
                                .filter(Form::formal)
                                .map(Form::name)
                                .toList())
                : Campaign.list("order by createdAt");
    }

    public String client() {
        return Caller.of(identity).client();
    }

    /** The organisation a tenant-organisation caller acts for (see {@link Caller}). */
    public String organisation() {
        return Caller.of(identity).actsFor();
    }

    @Transactional
    public Campaign create(CampaignIn in) {
        validate(in);
        if (tenantOrganisationOnly() && !Roles.TENANT_ORGANISATION.equals(in.organiserParty())) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "a tenant organisation can only create campaigns it organises (organiserParty tenant-organisation)",
                    null);
        }
        Campaign c = new Campaign();
        c.id = UUID.randomUUID();
        c.form = in.form();
        c.organiserParty = in.organiserParty();
        c.organiserClient = tenantOrganisationOnly()
                ? organisation()
                : null; // the organisation's, so each of its clients acts on it
        c.title = in.title();
        c.theme = in.theme();
        c.mandate = in.mandate();
        c.seats = in.seats();
        c.signupOpens = in.signupOpens();
        c.signupCloses = in.signupCloses();
        c.termEnd = in.termEnd();
        c.eligibility = StoredJson.write(in.eligibility() == null ? List.of() : in.eligibility());
        Compensation comp = in.compensation() == null ? new Compensation("NONE", 0L) : in.compensation();
        c.compensationType = comp.type();
        c.compensationCents = comp.amountCents() == null ? 0 : comp.amountCents();
        c.selectionMode = in.selectionMode() != null
                ? in.selectionMode()
                : Form.valueOf(in.form()).defaultSelection().name();
        c.partnerOrganisation = blank(in.partnerOrganisation())
                ? null
                : in.partnerOrganisation().strip();
        c.statement = in.statement() == null ? null : StoredJson.write(in.statement());
        c.status = Campaign.Status.DRAFT.name();
        c.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.persist();
        if (in.sessions() != null) {
            for (var s : in.sessions()) {
                CampaignSession cs = new CampaignSession();
                cs.id = UUID.randomUUID();
                cs.campaignId = c.id;
                cs.startsAt = s.startsAt();
                cs.place = s.place();
                cs.onlineLink = s.onlineLink();
                cs.persist();
            }
        }
        return c;
    }

    private static void validate(CampaignIn in) {
        if (in == null) {
            throw ProblemException.invalidField("body", "required");
        }
        List<Problem.FieldError> errors = errors(in);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " field(s) are not valid", errors);
        }
        requireRegisteredPartner(in.partnerOrganisation(), null);
    }

    /**
     * A partnerOrganisation names an active organisation of the register (organisations.v1): else a 422 naming it. An
     * unchanged partner ({@code currentPartner}, on a patch) stays valid even if it was deactivated since.
     */
    private static void requireRegisteredPartner(String partner, String currentPartner) {
        if (partner != null
                && !partner.strip().equals(currentPartner)
                && !KnownOrganisation.isActive(partner.strip())) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "partnerOrganisation: unknown tenant organisation",
                    List.of(new Problem.FieldError(
                            "partnerOrganisation",
                            "unknown tenant organisation " + partner.strip()
                                    + ": name an active organisation of the register (GET /api/v1/organisations)")));
        }
    }

    /** The field rules of a campaign, each naming its field. */
    static List<Problem.FieldError> errors(CampaignIn in) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (in.form() == null
                || Arrays.stream(Form.values()).noneMatch(f -> f.name().equals(in.form()))) {
            errors.add(new Problem.FieldError("form", "one of " + Arrays.toString(Form.values())));
        }
        if (in.selectionMode() != null
                && Arrays.stream(Campaign.SelectionMode.values())
                        .noneMatch(m -> m.name().equals(in.selectionMode()))) {
            errors.add(new Problem.FieldError(
                    "selectionMode", "one of " + Arrays.toString(Campaign.SelectionMode.values())));
        }
        if (in.organiserParty() == null
                || !PARTIES.contains(in.organiserParty())) { // List.of(...).contains(null) throws
            errors.add(new Problem.FieldError("organiserParty", "corporation or tenant-organisation"));
        }
        if (blank(in.title())) {
            errors.add(new Problem.FieldError("title", "required"));
        }
        if (blank(in.theme())) {
            errors.add(new Problem.FieldError("theme", "required"));
        }
        if (Form.PROJECT_GROUP.name().equals(in.form()) && blank(in.mandate())) {
            errors.add(new Problem.FieldError("mandate", "a project group records the participants' mandate"));
        }
        if (in.seats() == null || in.seats() < 1 || in.seats() > 500) {
            errors.add(new Problem.FieldError("seats", "between 1 and 500"));
        }
        if (in.signupOpens() == null
                || in.signupCloses() == null
                || in.signupCloses().isBefore(in.signupOpens())) {
            errors.add(new Problem.FieldError("signupCloses", "sign-up window needs signupOpens <= signupCloses"));
        }
        if (in.termEnd() == null && !Form.ASPIRANT_BOARD_MEMBER.name().equals(in.form())) {
            errors.add(new Problem.FieldError("termEnd", "required (only aspirant board members may be open-ended)"));
        }
        if (in.termEnd() != null && in.signupCloses() != null && in.termEnd().isBefore(in.signupCloses())) {
            errors.add(new Problem.FieldError("termEnd", "must not end before sign-up closes"));
        }
        if (in.eligibility() != null) {
            for (int i = 0; i < in.eligibility().size(); i++) {
                EligibilityRule r = in.eligibility().get(i);
                if (r == null || PopulationAttribute.parse(r.attribute()).isEmpty()) {
                    errors.add(new Problem.FieldError(
                            "eligibility[" + i + "].attribute",
                            "one of " + Arrays.toString(PopulationAttribute.values())));
                } else if (r.values() == null || r.values().isEmpty()) {
                    errors.add(new Problem.FieldError("eligibility[" + i + "].values", "at least one value"));
                }
            }
        }
        if (in.sessions() != null) {
            for (int i = 0; i < in.sessions().size(); i++) {
                var s = in.sessions().get(i);
                if (s == null || s.startsAt() == null) {
                    errors.add(new Problem.FieldError("sessions[" + i + "].startsAt", "required"));
                } else if (blank(s.place()) && blank(s.onlineLink())) {
                    errors.add(new Problem.FieldError("sessions[" + i + "]", "a place or an online link"));
                }
            }
        }
        if (in.compensation() != null) {
            String t = in.compensation().type();
            if (t == null
                    || Arrays.stream(Campaign.CompensationType.values())
                            .noneMatch(x -> x.name().equals(t))) {
                errors.add(new Problem.FieldError("compensation.type", "NONE, PER_SESSION or PER_YEAR"));
            } else if (!"NONE".equals(t)
                    && (in.compensation().amountCents() == null
                            || in.compensation().amountCents() <= 0)) {
                errors.add(new Problem.FieldError("compensation.amountCents", "positive for " + t));
            }
        }
        if (in.partnerOrganisation() != null
                && (in.partnerOrganisation().isBlank()
                        || in.partnerOrganisation().length() > 200)) {
            errors.add(new Problem.FieldError(
                    "partnerOrganisation", "the co-owning tenant organisation's id (1-200 characters)"));
        }
        if (in.partnerOrganisation() != null && Roles.TENANT_ORGANISATION.equals(in.organiserParty())) {
            errors.add(new Problem.FieldError(
                    "partnerOrganisation", "only a corporation's campaign has a partner tenant organisation"));
        }
        if (in.statement() != null) {
            errors.addAll(Statements.errors(in.statement()));
        }
        return errors;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Transactional
    public Campaign transition(UUID id, Campaign.Status to) {
        Campaign c = find(id);
        Campaign.Status from = c.state();
        boolean ok = (from == Campaign.Status.DRAFT && to == Campaign.Status.OPEN)
                || (from == Campaign.Status.OPEN && to == Campaign.Status.CLOSED);
        if (!ok) {
            throw ProblemException.conflict("campaign is " + from + "; cannot become " + to);
        }
        if (to == Campaign.Status.OPEN) {
            Statements.requireAgreed(c);
        }
        c.status = to.name();
        publish(
                c,
                to == Campaign.Status.OPEN ? RecruitmentEventV1.CAMPAIGN_OPENED : RecruitmentEventV1.CAMPAIGN_CLOSED);
        return c;
    }

    /** The campaign, re-read under a row lock: two organisers never change it past each other (or past a seating). */
    public Campaign locked(UUID campaignId) {
        Campaign c = find(campaignId);
        Campaign.getEntityManager().refresh(c, LockModeType.PESSIMISTIC_WRITE);
        return c;
    }

    /** An illegal transition: 409 naming the campaign's state (and its selection mode). */
    public static ProblemException wrongState(Campaign c, String detail) {
        return new ProblemException(
                409, "conflict", "Conflict", "campaign is " + c.status + " (" + c.mode() + "): " + detail, null);
    }

    /**
     * Edits a campaign. Before it opens every field may change (the same rules as on creation, answered as 422 naming the
     * field); after that only the seats, never below the seats already taken (a standing form grows or shrinks). In an open
     * campaign more seats go at once to the first on the waitlist.
     */
    @Transactional
    public Campaign patch(UUID id, CampaignPatch p) {
        if (p == null) {
            throw ProblemException.fieldRule("body", "required");
        }
        Campaign c = locked(id);
        if (c.finished()) {
            throw wrongState(c, "a cancelled or ended campaign does not change");
        }
        if (c.state() != Campaign.Status.DRAFT) {
            List<String> others = new ArrayList<>();
            addIf(others, "title", p.title());
            addIf(others, "theme", p.theme());
            addIf(others, "mandate", p.mandate());
            addIf(others, "signupOpens", p.signupOpens());
            addIf(others, "signupCloses", p.signupCloses());
            addIf(others, "termEnd", p.termEnd());
            addIf(others, "eligibility", p.eligibility());
            addIf(others, "compensation", p.compensation());
            addIf(others, "selectionMode", p.selectionMode());
            addIf(others, "partnerOrganisation", p.partnerOrganisation());
            if (!others.isEmpty()) {
                throw wrongState(c, "after opening only seats may change, not " + String.join(", ", others));
            }
            if (p.seats() != null) {
                changeSeats(c, p.seats());
            }
            return c;
        }
        CampaignIn merged = p.appliedTo(c);
        List<Problem.FieldError> errors = errors(merged);
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    422, "validation", "Request is not valid", errors.size() + " field(s) are not valid", errors);
        }
        requireRegisteredPartner(merged.partnerOrganisation(), c.partnerOrganisation);
        if (!java.util.Objects.equals(merged.partnerOrganisation(), c.partnerOrganisation)) {
            c.statementSignatures = null; // other owners: the statement is signed again
        }
        c.title = merged.title();
        c.theme = merged.theme();
        c.mandate = merged.mandate();
        c.seats = merged.seats();
        c.signupOpens = merged.signupOpens();
        c.signupCloses = merged.signupCloses();
        c.termEnd = merged.termEnd();
        c.eligibility = StoredJson.write(merged.eligibility() == null ? List.of() : merged.eligibility());
        c.compensationType = merged.compensation().type();
        c.compensationCents = merged.compensation().amountCents() == null
                ? 0
                : merged.compensation().amountCents();
        c.selectionMode = merged.selectionMode();
        c.partnerOrganisation = merged.partnerOrganisation();
        return c;
    }

    private static void addIf(List<String> names, String name, Object value) {
        if (value != null) {
            names.add(name);
        }
    }

    private void changeSeats(Campaign c, int seats) {
        if (seats < 1 || seats > 500) {
            throw ProblemException.fieldRule("seats", "between 1 and 500");
        }
        if (draw.beingCommitted(c.id) || (c.state() == Campaign.Status.CLOSED && draw.committed(c.id))) {
            throw wrongState(c, "its draw is committed for " + c.seats + " seats; the seats change after the lottery");
        }
        long taken = signups.seated(c.id);
        if (seats < taken) {
            throw wrongState(c, taken + " seats are taken; seats cannot go below that (" + seats + " asked)");
        }
        int before = c.seats;
        c.seats = seats;
        if (c.mode() == Campaign.SelectionMode.OPEN_UP_TO_CAPACITY && c.participantsSeated()) {
            signups.fillFromWaitlist(c); // each moved up hears it (recruitment.seated)
        }
        audit.record("campaign.seats-changed", "campaign", c.id.toString(), Map.of("from", before, "to", seats));
    }

    /**
     * Cancels a campaign in any state before its end: everyone who signed up (seated, waitlisted or waiting) gets
     * {@value #CANCELLED_MESSAGE} with the reason; every later operation is a 409 naming CANCELLED.
     */
    @Transactional
    public Campaign cancel(UUID id, CancelIn in) {
        Campaign c = locked(id);
        if (c.finished()) {
            throw wrongState(c, "it is over already");
        }
        String reason = in == null || in.reason() == null ? null : in.reason().strip();
        if (reason == null || reason.isEmpty()) {
            throw ProblemException.fieldRule("reason", "required: told to everyone who signed up");
        }
        if (reason.length() > 2000) {
            throw ProblemException.fieldRule("reason", "at most 2000 characters");
        }
        if (draw.beingCommitted(c.id)) {
            throw wrongState(c, "its draw is being committed; cancel that job first or wait for it");
        }
        int told = signups.tellCancelled(c, reason);
        c.status = Campaign.Status.CANCELLED.name();
        c.cancelledReason = reason;
        c.cancelledAt = OffsetDateTime.now(ZoneOffset.UTC);
        publish(c, CAMPAIGN_CANCELLED);
        audit.record("campaign.cancelled", "campaign", c.id.toString(), Map.of("told", told));
        return c;
    }

    /** Adds a session (a standing form's next meeting, or one more evening); its seated participants get a reminder before it. */
    @Transactional
    public CampaignSession addSession(UUID id, CampaignRequests.SessionIn in) {
        Campaign c = locked(id);
        if (c.finished()) {
            throw wrongState(c, "a cancelled or ended campaign has no new sessions");
        }
        if (in == null || in.startsAt() == null) {
            throw ProblemException.fieldRule("startsAt", "required");
        }
        if (!in.startsAt().isAfter(OffsetDateTime.now())) {
            throw ProblemException.fieldRule("startsAt", "in the future");
        }
        if (blank(in.place()) && blank(in.onlineLink())) {
            throw ProblemException.fieldRule("place", "a place or an online link");
        }
        CampaignSession cs = new CampaignSession();
        cs.id = UUID.randomUUID();
        cs.campaignId = c.id;
        cs.startsAt = in.startsAt();
        cs.place = blank(in.place()) ? null : in.place().strip();
        cs.onlineLink = blank(in.onlineLink()) ? null : in.onlineLink().strip();
        cs.persist();
        audit.record("campaign.session-added", "campaign", c.id.toString(), Map.of("sessionId", cs.id.toString()));
        return cs;
    }

    /** Writes a campaign event about the campaign itself (no tenant, source, commitment or replacement). */
    public void publish(Campaign c, String type) {
        publish(c, type, null, null, null, null);
    }

    /** Writes a campaign event in the current transaction. */
    public void publish(
            Campaign c, String type, String tenantRef, String source, String commitment, String replacement) {
        outbox.publish(
                RecruitmentEventV1.TOPIC,
                type,
                c.id.toString(),
                new RecruitmentEventV1(
                        c.id.toString(), c.form, c.organiserParty, tenantRef, source, commitment, replacement));
    }

    public static List<EligibilityRule> rules(Campaign c) {
        return StoredJson.read(c.eligibility, new TypeReference<List<EligibilityRule>>() {});
    }
}
