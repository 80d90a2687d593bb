package nl.meedoen.recruitment.campaign;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class CampaignDtos {
    private CampaignDtos() {
    }

    public record SessionIn(OffsetDateTime startsAt, String place, String onlineLink) {
    }

    public record Compensation(String type, Long amountCents) {
    }

    public record CampaignIn(String form, String organiserParty, String title, String theme, String mandate,
                             Integer seats, LocalDate signupOpens, LocalDate signupCloses, LocalDate termEnd,
                             List<EligibilityRule> eligibility, List<SessionIn> sessions, Compensation compensation,
                             @Schema(description = "How participants are chosen from the sign-ups; without it the form's toolkit default "
                                     + "(APPOINTMENT for focus group, outer ring, work group, advisory council, project group, aspirant board "
                                     + "member, complex ambassador; OPEN_UP_TO_CAPACITY for theme evening, tenant day, neighbourhood inspection, "
                                     + "customer arena; LOTTERY_WHEN_OVERSUBSCRIBED for tenant councils, target-group platform, listening panel)",
                                     enumeration = {"APPOINTMENT", "OPEN_UP_TO_CAPACITY", "LOTTERY_WHEN_OVERSUBSCRIBED"},
                                     example = "LOTTERY_WHEN_OVERSUBSCRIBED") String selectionMode) {
    }

    public record SessionOut(UUID id, OffsetDateTime startsAt, String place, String onlineLink) {
    }

    public record CampaignOut(UUID id, String form, String organiserParty, String title, String theme, String mandate,
                              int seats, LocalDate signupOpens, LocalDate signupCloses, LocalDate termEnd,
                              boolean openEnded, List<EligibilityRule> eligibility, List<SessionOut> sessions,
                              Compensation compensation, String status, long version,
                              @Schema(enumeration = {"APPOINTMENT", "OPEN_UP_TO_CAPACITY", "LOTTERY_WHEN_OVERSUBSCRIBED"}) String selectionMode,
                              @Schema(description = "How the seats were given without a draw (null before, and after a draw)",
                                      enumeration = {"EVERYONE_SEATED", "APPOINTED", "FIRST_COME"}, nullable = true) String seating) {
    }
}
