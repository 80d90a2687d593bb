package nl.meedoen.recruitment.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.recruitment.Json;
import nl.meedoen.recruitment.campaign.CampaignDtos.CampaignIn;
import nl.meedoen.recruitment.campaign.CampaignDtos.CampaignOut;
import nl.meedoen.recruitment.campaign.CampaignDtos.Compensation;
import nl.meedoen.recruitment.campaign.CampaignDtos.SessionOut;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Campaign lifecycle DRAFT → OPEN → CLOSED → DRAWN, and who may see which campaign. */
@ApplicationScoped
public class Campaigns {
    public static final List<String> PARTIES = List.of(Roles.CORPORATION, Roles.TENANT_ORGANISATION);

    @Inject
    SecurityIdentity identity;

    @Inject
    Outbox outbox;

    /** A tenant organisation only sees what it organises; everyone else with access sees every campaign. */
    public boolean tenantOrganisationOnly() {
        return identity.hasRole(Roles.TENANT_ORGANISATION) && !identity.hasRole(Roles.CORPORATION) && !identity.hasRole(Roles.OPS);
    }

    /** A tenant organisation sees campaigns organised by tenant organisations: its own, or ones a corporation made for them. */
    public Campaign find(UUID id) {
        Campaign c = Campaign.findById(id);
        if (c == null || (tenantOrganisationOnly() && !(Roles.TENANT_ORGANISATION.equals(c.organiserParty)
                && (c.organiserClient == null || c.organiserClient.equals(client()))))) {
            throw ProblemException.notFound("campaign " + id);
        }
        return c;
    }

    public List<Campaign> list() {
        return tenantOrganisationOnly()
                ? Campaign.list("organiserParty = ?1 and (organiserClient is null or organiserClient = ?2) order by createdAt",
                        Roles.TENANT_ORGANISATION, client())
                : Campaign.list("order by createdAt");
    }

    private String client() {
        return identity.getPrincipal().getName();
    }

    @Transactional
    public Campaign create(CampaignIn in) {
        validate(in);
        if (tenantOrganisationOnly() && !Roles.TENANT_ORGANISATION.equals(in.organiserParty())) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "a tenant organisation can only create campaigns it organises (organiserParty tenant-organisation)", null);
        }
        Campaign c = new Campaign();
        c.id = UUID.randomUUID();
        c.form = in.form();
        c.organiserParty = in.organiserParty();
        c.organiserClient = tenantOrganisationOnly() ? client() : null;
        c.title = in.title();
        c.theme = in.theme();
        c.mandate = in.mandate();
        c.seats = in.seats();
        c.signupOpens = in.signupOpens();
        c.signupCloses = in.signupCloses();
        c.termEnd = in.termEnd();
        c.eligibility = Json.write(in.eligibility() == null ? List.of() : in.eligibility());
        Compensation comp = in.compensation() == null ? new Compensation("NONE", 0L) : in.compensation();
        c.compensationType = comp.type();
        c.compensationCents = comp.amountCents() == null ? 0 : comp.amountCents();
        c.selectionMode = in.selectionMode() != null ? in.selectionMode() : Form.valueOf(in.form()).defaultSelection().name();
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
        List<Problem.FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw ProblemException.invalidField("body", "required");
        }
        if (in.form() == null || Arrays.stream(Form.values()).noneMatch(f -> f.name().equals(in.form()))) {
            errors.add(new Problem.FieldError("form", "one of " + Arrays.toString(Form.values())));
        }
        if (in.selectionMode() != null && Arrays.stream(Campaign.SelectionMode.values()).noneMatch(m -> m.name().equals(in.selectionMode()))) {
            errors.add(new Problem.FieldError("selectionMode", "one of " + Arrays.toString(Campaign.SelectionMode.values())));
        }
        if (in.organiserParty() == null || !PARTIES.contains(in.organiserParty())) { // List.of(...).contains(null) throws
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
        if (in.signupOpens() == null || in.signupCloses() == null || in.signupCloses().isBefore(in.signupOpens())) {
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
                    errors.add(new Problem.FieldError("eligibility[" + i + "].attribute", "one of " + Arrays.toString(PopulationAttribute.values())));
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
            if (t == null || Arrays.stream(Campaign.CompensationType.values()).noneMatch(x -> x.name().equals(t))) {
                errors.add(new Problem.FieldError("compensation.type", "NONE, PER_SESSION or PER_YEAR"));
            } else if (!"NONE".equals(t) && (in.compensation().amountCents() == null || in.compensation().amountCents() <= 0)) {
                errors.add(new Problem.FieldError("compensation.amountCents", "positive for " + t));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " field(s) are not valid", errors);
        }
    }

    private static boolean blank(String s) {
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
        c.status = to.name();
        publish(c, to == Campaign.Status.OPEN ? RecruitmentEventV1.CAMPAIGN_OPENED : RecruitmentEventV1.CAMPAIGN_CLOSED,
                null, null, null, null);
        return c;
    }

    /** Writes a campaign event in the current transaction. */
    public void publish(Campaign c, String type, String tenantRef, String source, String commitment, String replacement) {
        outbox.publish(RecruitmentEventV1.TOPIC, type, c.id.toString(),
                new RecruitmentEventV1(c.id.toString(), c.form, c.organiserParty, tenantRef, source, commitment, replacement));
    }

    public static List<EligibilityRule> rules(Campaign c) {
        return Json.read(c.eligibility, new TypeReference<List<EligibilityRule>>() {
        });
    }

    public static CampaignOut out(Campaign c) {
        List<SessionOut> sessions = CampaignSession.of(c.id).stream()
                .map(s -> new SessionOut(s.id, s.startsAt, s.place, s.onlineLink)).toList();
        return new CampaignOut(c.id, c.form, c.organiserParty, c.title, c.theme, c.mandate, c.seats, c.signupOpens,
                c.signupCloses, c.termEnd, c.termEnd == null, rules(c), sessions,
                new Compensation(c.compensationType, c.compensationCents), c.status, c.version, c.mode().name(), c.seating);
    }
}
