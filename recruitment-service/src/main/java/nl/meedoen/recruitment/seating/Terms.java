package nl.meedoen.recruitment.seating;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignRequests.TermEndIn;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.Form;
import nl.meedoen.recruitment.draw.Draw;
import nl.meedoen.recruitment.signup.Places;
import nl.meedoen.recruitment.signup.Signup;

/**
 * Terms (see the README, "Terms"): a campaign's term ends by the organiser or, for a focus group, when its advice is given.
 * Without a next term the campaign ENDS. A standing form ({@link Form#standing()}) may go on: the participants named as
 * staying keep their seats, the other seated participants leave ({@code TERM_ENDED}), the free seats go first to the
 * waitlist in its order (the draw order after a lottery), and sign-ups open again until {@code signupCloses} for the
 * seats still free, given after the close per the campaign's selection mode.
 */
@ApplicationScoped
public class Terms {

    @Inject
    Campaigns campaigns;

    @Inject
    Places places;

    @Inject
    AuditLog audit;

    @Transactional
    public Campaign end(UUID campaignId, TermEndIn in) {
        Campaign c = campaigns.locked(campaignId);
        if (c.finished()) {
            throw Campaigns.wrongState(c, "it is over already");
        }
        if (c.state() != Campaign.Status.DRAWN && c.state() != Campaign.Status.SEATED) {
            throw Campaigns.wrongState(c, "a term ends once its seats are given (after the draw or the seating)");
        }
        boolean next = in != null && in.nextTermEnd() != null;
        if (!next) {
            return dissolve(c, "organiser");
        }
        if (!Form.valueOf(c.form).standing()) {
            throw ProblemException.fieldRule(
                    "nextTermEnd",
                    c.form + " is not a standing form: its term ends the campaign (leave nextTermEnd out)");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (!in.nextTermEnd().isAfter(today)) {
            throw ProblemException.fieldRule("nextTermEnd", "after today");
        }
        if (in.signupCloses() == null
                || in.signupCloses().isBefore(today)
                || in.signupCloses().isAfter(in.nextTermEnd())) {
            throw ProblemException.fieldRule(
                    "signupCloses", "required: today or later and not after nextTermEnd (sign-ups for the free seats)");
        }
        Set<String> staying = new HashSet<>(in.staying() == null ? List.of() : in.staying());
        List<Signup> seated =
                Signup.active(c.id).stream().filter(Terms::holdsSeat).toList();
        Set<String> seatedRefs =
                new HashSet<>(seated.stream().map(s -> s.tenantRef).toList());
        for (String ref : staying) {
            if (!seatedRefs.contains(ref)) {
                throw ProblemException.fieldRule("staying", ref + " holds no seat in this term");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Signup s : seated) {
            if (!staying.contains(s.tenantRef)) {
                s.outcome = Signup.Outcome.TERM_ENDED.name();
            }
        }
        Signup.getEntityManager().flush();
        int movedUp = fromWaitlist(c, now);
        c.termNumber++;
        c.termEnd = in.nextTermEnd();
        c.signupCloses = in.signupCloses();
        c.seating = null;
        c.seatedAt = null;
        c.status = Campaign.Status.OPEN.name(); // sign-ups for the seats still free; those who stayed keep theirs
        campaigns.publish(c, Campaigns.TERM_ENDED);
        audit.record(
                "campaign.term-ended",
                "campaign",
                c.id.toString(),
                Map.of(
                        "term",
                        c.termNumber - 1,
                        "staying",
                        staying.size(),
                        "left",
                        seated.size() - staying.size(),
                        "fromWaitlist",
                        movedUp,
                        "seats",
                        c.seats));
        return c;
    }

    /** Ends the campaign for good (a focus group whose advice is given, or a last term): ENDED, seats kept as its record. */
    @Transactional
    public Campaign dissolve(Campaign c, String why) {
        c.status = Campaign.Status.ENDED.name();
        c.endedAt = OffsetDateTime.now(ZoneOffset.UTC);
        campaigns.publish(c, Campaigns.TERM_ENDED);
        audit.record("campaign.ended", "campaign", c.id.toString(), Map.of("why", why, "term", c.termNumber));
        return c;
    }

    private static boolean holdsSeat(Signup s) {
        return Signup.Outcome.SELECTED.name().equals(s.outcome)
                || Signup.Outcome.CONFIRMED.name().equals(s.outcome);
    }

    /** The free seats of the next term go to the waitlist in its order: the draw order after a lottery, else as placed. */
    private int fromWaitlist(Campaign c, OffsetDateTime now) {
        Draw d = Draw.findById(c.id);
        if (d != null && d.waitlist != null) {
            List<String> order = StoredJson.read(d.waitlist, new TypeReference<List<String>>() {});
            // read once, not per place in the draw order: the sign-ups and the seats taken
            Map<String, Signup> waiting = new HashMap<>();
            for (Signup s : Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED)) {
                waiting.put(s.id.toString(), s);
            }
            long seated = Signup.seated(c.id);
            List<Signup> movedUp = new ArrayList<>();
            for (String id : order) {
                if (seated + movedUp.size() >= c.seats) {
                    break;
                }
                Signup s = waiting.get(id);
                if (s != null) {
                    s.outcome = Signup.Outcome.SELECTED.name();
                    s.placedAt = now;
                    movedUp.add(s);
                }
            }
            places.tellSeated(c, movedUp);
            return movedUp.size();
        }
        return places.promoteAll(c).size();
    }
}
