package nl.meedoen.recruitment.signup;

/** Request bodies of the sign-up API. */
public final class SignupRequests {

    private SignupRequests() {}

    /** By the trusted tenant portal (role corporation). */
    public record SignupIn(String tenantRef, String motivation, String expertise, String availability, String source) {}

    /**
     * Through the personal link of an outreach: the token (or the short code of its message) says who and through which
     * channel.
     */
    public record TokenSignupIn(String token, String motivation, String expertise, String availability) {}

    /** The personal link's token (or its message's short code), to withdraw through it. */
    public record TokenIn(String token) {}

    public record OutreachIn(String source) {}
}
