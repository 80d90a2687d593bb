package nl.meedoen.recruitment.signup;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class SignupDtos {
    private SignupDtos() {
    }

    /** By the trusted tenant portal (role corporation). */
    public record SignupIn(String tenantRef, String motivation, String expertise, String availability, String source) {
    }

    /** Through the personal link of an outreach: the token says who and through which channel. */
    public record TokenSignupIn(String token, String motivation, String expertise, String availability) {
    }

    public record SignupOut(UUID id, UUID campaignId, String tenantRef, String motivation, String expertise,
                            String availability, String source, String status, String outcome, OffsetDateTime createdAt) {
        static SignupOut of(Signup s) {
            return new SignupOut(s.id, s.campaignId, s.tenantRef, s.motivation, s.expertise, s.availability, s.source,
                    s.status, s.outcome, s.createdAt);
        }
    }

    public record OutreachIn(String source) {
    }

    public record OutreachOut(String source, int eligible, int messaged, int alreadyReached) {
    }

    public record SourceConversion(String source, long reached, long signedUp, long withdrawn, Double conversion) {
    }

    public record GroupConversion(String value, long eligible, long reached, long signedUp, Double conversion) {
    }

    public record Conversion(UUID campaignId, List<SourceConversion> bySource, String attribute, List<GroupConversion> byGroup) {
    }
}
