package nl.meedoen.recruitment.campaign;

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
                             List<EligibilityRule> eligibility, List<SessionIn> sessions, Compensation compensation) {
    }

    public record SessionOut(UUID id, OffsetDateTime startsAt, String place, String onlineLink) {
    }

    public record CampaignOut(UUID id, String form, String organiserParty, String title, String theme, String mandate,
                              int seats, LocalDate signupOpens, LocalDate signupCloses, LocalDate termEnd,
                              boolean openEnded, List<EligibilityRule> eligibility, List<SessionOut> sessions,
                              Compensation compensation, String status, long version) {
    }
}
