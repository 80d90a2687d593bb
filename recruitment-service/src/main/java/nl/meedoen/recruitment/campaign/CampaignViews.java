package nl.meedoen.recruitment.campaign;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.meedoen.recruitment.campaign.CampaignRequests.Compensation;
import nl.meedoen.recruitment.campaign.CampaignRequests.Statement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the campaign API. */
public final class CampaignViews {

    private CampaignViews() {}

    @Schema(
            name = "CampaignStatementSignature",
            description = "An owning party signed the current participation statement")
    public record StatementSignature(
            @Schema(example = "huurdersvereniging-vogelbuurt")
            String client,

            OffsetDateTime at) {}

    @Schema(name = "CampaignOutcomeRecorded")
    public record OutcomeOut(
            UUID campaignId,
            String outcome,
            OffsetDateTime outcomeAt,

            @Schema(description = "Feedback messages sent now (each tenant once)", example = "14")
            int feedbackSent) {}

    public record SessionOut(UUID id, OffsetDateTime startsAt, String place, String onlineLink) {
        public static SessionOut from(CampaignSession s) {
            return new SessionOut(s.id, s.startsAt, s.place, s.onlineLink);
        }
    }

    /**
     * A campaign as the API shows it: one flat JSON object, built from the groups below (each unwrapped into it), so
     * the factory names what it fills instead of passing 27 values in a row.
     */
    public record CampaignOut(
            @JsonUnwrapped What what,
            @JsonUnwrapped Plan plan,
            String status,
            long version,
            @JsonUnwrapped Selection selection,
            @JsonUnwrapped Agreement agreement,
            @JsonUnwrapped Term term) {

        /** What the campaign is for, and who organises it. */
        public record What(UUID id, String form, String organiserParty, String title, String theme, String mandate) {}

        /** The seats, the sign-up window, who may sign up, the sessions and what taking part pays. */
        public record Plan(
                int seats,
                LocalDate signupOpens,
                LocalDate signupCloses,
                LocalDate termEnd,
                boolean openEnded,
                List<EligibilityRule> eligibility,
                List<SessionOut> sessions,
                Compensation compensation) {}

        /** How the seats are given. */
        public record Selection(
                @Schema(enumeration = {"APPOINTMENT", "OPEN_UP_TO_CAPACITY", "LOTTERY_WHEN_OVERSUBSCRIBED"})
                String selectionMode,

                @Schema(
                        description = "How the seats were given without a draw (null before, and after a draw)",
                        enumeration = {"EVERYONE_SEATED", "APPOINTED", "FIRST_COME"},
                        nullable = true)
                String seating,

                @Schema(nullable = true, example = "huurdersvereniging-vogelbuurt")
                String partnerOrganisation) {}

        /** The participation statement and who signed it. */
        public record Agreement(
                @Schema(nullable = true) Statement statement,

                @Schema(description = "Who signed the current statement, per party")
                java.util.Map<String, StatementSignature> statementSignatures,

                @Schema(
                        description =
                                "The owning parties that have not signed the current statement yet (opening waits for them)",
                        example = "[\"tenant-organisation\"]")
                List<String> statementUnsignedBy) {}

        /** The term of a standing form, and how the campaign ended. */
        public record Term(
                @Schema(description = "Whether the form is standing (terms with rotation, sessions over time)")
                boolean standing,

                @Schema(example = "1") int termNumber,
                @Schema(nullable = true) String cancelledReason,
                @Schema(nullable = true) String outcome,
                @Schema(nullable = true) OffsetDateTime outcomeAt) {}

        /** The campaign as the API shows it, its sessions read. */
        public static CampaignOut from(Campaign c) {
            return from(
                    c, CampaignSession.of(c.id).stream().map(SessionOut::from).toList());
        }

        /** Many campaigns, in their order, with the sessions of all of them read in one statement (not one per campaign). */
        public static List<CampaignOut> from(List<Campaign> campaigns) {
            if (campaigns.isEmpty()) {
                return List.of();
            }
            Map<UUID, List<SessionOut>> sessions = CampaignSession.<CampaignSession>list(
                            "campaignId in ?1 order by startsAt",
                            campaigns.stream().map(c -> c.id).toList())
                    .stream()
                    .collect(Collectors.groupingBy(
                            s -> s.campaignId, Collectors.mapping(SessionOut::from, Collectors.toList())));
            return campaigns.stream()
                    .map(c -> from(c, sessions.getOrDefault(c.id, List.of())))
                    .toList();
        }

        private static CampaignOut from(Campaign c, List<SessionOut> sessions) {
            return new CampaignOut(
                    new What(c.id, c.form, c.organiserParty, c.title, c.theme, c.mandate),
                    new Plan(
                            c.seats,
                            c.signupOpens,
                            c.signupCloses,
                            c.termEnd,
                            c.termEnd == null,
                            Campaigns.rules(c),
                            sessions,
                            new Compensation(c.compensationType, c.compensationCents)),
                    c.status,
                    c.version,
                    new Selection(c.mode().name(), c.seating, c.partnerOrganisation),
                    new Agreement(Statements.statement(c), Statements.signatures(c), Statements.unsignedBy(c)),
                    new Term(Form.valueOf(c.form).standing(), c.termNumber, c.cancelledReason, c.outcome, c.outcomeAt));
        }
    }
}
