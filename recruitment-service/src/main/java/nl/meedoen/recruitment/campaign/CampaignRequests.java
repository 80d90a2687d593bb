package nl.meedoen.recruitment.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the campaign API. */
public final class CampaignRequests {

    private CampaignRequests() {}

    public record SessionIn(OffsetDateTime startsAt, String place, String onlineLink) {}

    public record Compensation(String type, Long amountCents) {}

    public record CampaignIn(
            String form,
            String organiserParty,
            String title,
            String theme,
            String mandate,
            Integer seats,
            LocalDate signupOpens,
            LocalDate signupCloses,
            LocalDate termEnd,
            List<EligibilityRule> eligibility,
            List<SessionIn> sessions,
            Compensation compensation,

            @Schema(
                    description =
                            "How participants are chosen from the sign-ups; without it the form's toolkit default "
                                    + "(APPOINTMENT for focus group, outer ring, work group, advisory council, project group, aspirant board "
                                    + "member, complex ambassador; OPEN_UP_TO_CAPACITY for theme evening, tenant day, neighbourhood inspection, "
                                    + "customer arena; LOTTERY_WHEN_OVERSUBSCRIBED for tenant councils, target-group platform, listening panel)",
                    enumeration = {"APPOINTMENT", "OPEN_UP_TO_CAPACITY", "LOTTERY_WHEN_OVERSUBSCRIBED"},
                    example = "LOTTERY_WHEN_OVERSUBSCRIBED")
            String selectionMode,

            @Schema(
                    description =
                            "The tenant organisation that co-owns a corporation's campaign: it sees the campaign and signs "
                                    + "its statement too. The id of an active organisation of the register (notification-service, "
                                    + "GET /api/v1/organisations), else 422; any of its clients acts for it",
                    example = "huurdersvereniging-vogelbuurt",
                    nullable = true)
            String partnerOrganisation,

            @Schema(
                    description = "The participation statement; may also be set later (PUT .../statement)",
                    nullable = true)
            Statement statement) {}

    @Schema(
            name = "CampaignParticipationStatement",
            description =
                    "Said to tenants before they sign up (principle 5): the goal, what can and cannot "
                            + "be influenced, the level of influence and what will be done with the outcome by when. The names mirror a consultation's statement.")
    public record Statement(
            @Schema(description = "The goal", example = "Samen met huurders bepalen welk onderhoud in 2027 voorgaat")
            String goal,

            @Schema(description = "What participants can influence", example = "De volgorde van de onderhoudsprojecten")
            String canInfluence,

            @Schema(description = "What is already decided or out of scope", example = "Het totale onderhoudsbudget")
            String cannotInfluence,

            @Schema(
                    enumeration = {"INFORM", "CONSULT", "ADVISE", "CO_DECIDE"},
                    example = "ADVISE")
            String influenceLevel,

            @Schema(
                    description = "What will be done with the outcome",
                    example = "Het bestuur neemt het advies over of legt uit waarom niet")
            String outcomeUse,

            @Schema(description = "When participants hear what was done with it", example = "2027-06-30")
            LocalDate outcomeBy) {}

    @Schema(
            name = "CampaignPatch",
            description =
                    "Changes to a campaign; a field left out (or null) stays as it is. Before opening every field may "
                            + "change; after that only seats (never below the seats already taken).")
    public record CampaignPatch(
            String title,
            String theme,
            String mandate,
            @Schema(example = "12") Integer seats,
            LocalDate signupOpens,
            LocalDate signupCloses,
            LocalDate termEnd,
            List<EligibilityRule> eligibility,
            Compensation compensation,

            @Schema(enumeration = {"APPOINTMENT", "OPEN_UP_TO_CAPACITY", "LOTTERY_WHEN_OVERSUBSCRIBED"})
            String selectionMode,

            @Schema(example = "huurdersvereniging-vogelbuurt")
            String partnerOrganisation) {

        /** The campaign's fields as they would be with this patch: what the creation rules check on a draft's edit. */
        CampaignIn appliedTo(Campaign c) {
            return new CampaignIn(
                    c.form,
                    c.organiserParty,
                    or(title, c.title),
                    or(theme, c.theme),
                    or(mandate, c.mandate),
                    or(seats, c.seats),
                    or(signupOpens, c.signupOpens),
                    or(signupCloses, c.signupCloses),
                    or(termEnd, c.termEnd),
                    or(eligibility, Campaigns.rules(c)),
                    null,
                    or(compensation, new Compensation(c.compensationType, c.compensationCents)),
                    or(selectionMode, c.selectionMode),
                    or(partnerOrganisation, c.partnerOrganisation),
                    null);
        }

        private static <T> T or(T given, T current) {
            return given != null ? given : current;
        }
    }

    @Schema(name = "CampaignCancellation")
    public record CancelIn(
            @Schema(
                    description = "Told to everyone who signed up or holds a seat",
                    example = "Te weinig animo; we komen in het najaar terug")
            String reason) {}

    @Schema(name = "CampaignOutcome")
    public record OutcomeIn(
            @Schema(
                    description =
                            "What came of it, in plain text (several lines allowed): recommendations, an advice, a report, findings",
                    example = "De werkgroep adviseerde de galerijen eerst te schilderen; het bestuur neemt dat over.")
            String outcome) {}

    @Schema(
            name = "CampaignTermEnd",
            description =
                    "Ends the current term. A standing form with nextTermEnd starts the next term: those in staying "
                            + "keep their seats, the other seated participants leave (TERM_ENDED), the free seats go first to the waitlist in its order, "
                            + "and sign-ups open again until signupCloses for the rest (given per the selection mode after the close). Without nextTermEnd "
                            + "(or for a form that is not standing) the campaign ENDS.")
    public record TermEndIn(
            @Schema(example = "[\"T-1001\",\"T-1002\"]") List<String> staying,
            @Schema(example = "2028-12-31") LocalDate nextTermEnd,
            @Schema(example = "2027-12-15") LocalDate signupCloses) {}
}
