package nl.meedoen.recruitment.campaign;

import java.util.UUID;

/**
 * What a campaign's lifecycle ({@link Campaigns}) asks of its sign-ups, answered by the signup package
 * ({@code signup.Signups}). An interface here, so that campaign stays the base of the feature packages (no package
 * cycle).
 */
public interface CampaignSignups {
    /** Active sign-ups holding a seat (selected or confirmed). */
    long seated(UUID campaignId);

    /** Free seats go to the first on the waitlist, in its order, each told so (recruitment.seated). */
    void fillFromWaitlist(Campaign c);

    /**
     * Tells everyone who signed up and did not withdraw that the campaign is cancelled ({@link Campaigns#CANCELLED_MESSAGE}
     * with the reason), in the caller's transaction. @return how many were told
     */
    int tellCancelled(Campaign c, String reason);
}
