package nl.meedoen.recruitment.signup;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the sign-up API. */
public final class SignupViews {

    private SignupViews() {}

    /** What a personal sign-up link opens: the campaign as the tenant reads it, her sign-up and what she can do now. */
    public record TokenInvitationOut(
            nl.meedoen.recruitment.campaign.CampaignViews.CampaignOut campaign,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The tenant's language (ISO 639-1) as the register last gave it, for the page",
                    nullable = true,
                    example = "nl")
            String language,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Her sign-up for this campaign through any channel, also a withdrawn one; "
                            + "null: not signed up",
                    nullable = true)
            SignupOut signup,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Whether POST /api/v1/campaigns/token-signups would sign her up now")
            boolean canSignUp,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Why not, when canSignUp is false (checked in this order): the campaign is not OPEN, "
                            + "its sign-up window has not begun or has ended, she is not eligible, or she signed up before "
                            + "(a withdrawn sign-up cannot be renewed)",
                    enumeration = {
                        "CAMPAIGN_NOT_OPEN",
                        "NOT_YET_OPEN",
                        "WINDOW_CLOSED",
                        "NOT_ELIGIBLE",
                        "ALREADY_SIGNED_UP"
                    },
                    nullable = true)
            String cannotSignUpBecause,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "Whether POST /api/v1/campaigns/token-signups/withdrawal would withdraw her active "
                                    + "sign-up now (not once the draw is committed or the seats are given: then she declines a seat)")
            boolean canWithdraw,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "What a sign-up page asks, by the campaign's selection mode: APPOINTMENT all three "
                            + "(the board appoints on them), LOTTERY_WHEN_OVERSUBSCRIBED motivation and availability, "
                            + "OPEN_UP_TO_CAPACITY nothing. Each is optional for the API.",
                    example = "[\"motivation\",\"expertise\",\"availability\"]")
            List<String> asks) {}

    public record SignupOut(
            UUID id,
            UUID campaignId,
            String tenantRef,
            String motivation,
            String expertise,
            String availability,
            String source,
            String status,
            String outcome,
            OffsetDateTime createdAt,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Appointment: the board's recorded reason",
                    nullable = true)
            String selectionReason,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "Outside a draw: when the seat or " + "waitlist place was given (the waitlist's order)",
                    nullable = true)
            OffsetDateTime placedAt,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "Appointed by the corporation; the "
                                    + "partner tenant organisation has not confirmed it yet (not told, not seated by POST .../seating)")
            boolean awaitingPartner) {
        public static SignupOut of(Signup s) {
            return new SignupOut(
                    s.id,
                    s.campaignId,
                    s.tenantRef,
                    s.motivation,
                    s.expertise,
                    s.availability,
                    s.source,
                    s.status,
                    s.outcome,
                    s.createdAt,
                    s.selectionReason,
                    s.placedAt,
                    s.awaitingPartner);
        }
    }

    /** One line of a bulk sign-up: accepted (201) or why not, as the single call would have answered. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record BulkItem(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "1-based position in the list (CSV: data row)")
            long row,

            String tenantRef,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "201 signed up; 400, 409 or 422 as the single sign-up")
            int status,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Problem type when not signed up")
            String type,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why not, when not signed up")
            String detail,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The sign-up, when signed up")
            UUID signupId) {}

    /** What a bulk sign-up did, item by item: one bad line never costs the others. */
    public record BulkOut(int received, int signedUp, int rejected, List<BulkItem> items) {}

    public record OutreachOut(
            String source,
            int eligible,
            int messaged,
            int alreadyReached,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The outreach's mailing in notification-service "
                            + "(null when nobody was messaged): follow, pause, resume or cancel it there")
            UUID mailingId,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "/api/v1/mailings/0c4e...")
            String mailing) {}

    public record SourceConversion(
            String source,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Outreach messages asked of notification-service",
                    example = "500")
            long requested,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "Of those, delivered (an email SENT) or printed "
                                    + "(a letter PRINTED or POSTED), on the channel the register chose; signedUp / reached is the conversion",
                    example = "480")
            long reached,

            long signedUp,
            long withdrawn,
            Double conversion,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "reached per channel (EMAIL, LETTER) as reported",
                    example = "{\"EMAIL\":400,\"LETTER\":80}")
            Map<String, Long> reachedByChannel,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The outreach mailings of this source in "
                            + "notification-service, oldest first: follow, pause, resume or cancel them there",
                    example = "[\"/api/v1/mailings/0c4e...\"]")
            List<String> mailings) {}

    /** reached: tenants of the group an outreach message was delivered or printed for. */
    public record GroupConversion(String value, long eligible, long reached, long signedUp, Double conversion) {}

    public record Conversion(
            UUID campaignId, List<SourceConversion> bySource, String attribute, List<GroupConversion> byGroup) {}
}
