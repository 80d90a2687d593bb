package nl.meedoen.recruitment.campaign;

import java.util.UUID;

/**
 * What the packages below the draw (campaign, signup) need to know of a campaign's draw, answered by the draw package
 * ({@code draw.Draws}). An interface here, so that campaign stays the base of the feature packages (no package cycle).
 */
public interface CampaignDraw {
    /** Its draw is committed (phase a stored; it may have been seeded since). */
    boolean committed(UUID campaignId);

    /** Its draw's commitment job is queued or running. */
    boolean beingCommitted(UUID campaignId);
}
