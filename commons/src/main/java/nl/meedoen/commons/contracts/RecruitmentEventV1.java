package nl.meedoen.commons.contracts;

/**
 * A fact about a recruitment campaign on {@value #TOPIC} (key: campaignId, so order holds per campaign).
 * Never motivation, expertise, availability or a sign-up token.
 *
 * @param campaignId     the campaign (also the record key)
 * @param form           the people-form, e.g. {@code FOCUS_GROUP}
 * @param organiserParty {@code corporation} or {@code tenant-organisation}
 * @param tenantRef      on sign-up and replacement events: the tenant concerned, else null
 * @param source         on {@value #SIGNUP_RECEIVED}: the channel code (MAILING, LETTER, EVENT, NEWSPAPER, WEBSITE)
 * @param commitment     on {@value #DRAW_COMMITTED} and {@value #DRAW_COMPLETED}: the SHA-256 commitment
 * @param replacementTenantRef on {@value #PARTICIPANT_REPLACED}: who took the seat (null when nobody could)
 */
public record RecruitmentEventV1(
        String campaignId,
        String form,
        String organiserParty,
        String tenantRef,
        String source,
        String commitment,
        String replacementTenantRef) {

    public static final String TOPIC = "recruitment.events.v1";

    public static final String CAMPAIGN_OPENED = "nl.meedoen.recruitment.campaign-opened.v1";
    public static final String CAMPAIGN_CLOSED = "nl.meedoen.recruitment.campaign-closed.v1";
    public static final String SIGNUP_RECEIVED = "nl.meedoen.recruitment.signup-received.v1";
    public static final String SIGNUP_WITHDRAWN = "nl.meedoen.recruitment.signup-withdrawn.v1";
    public static final String DRAW_COMMITTED = "nl.meedoen.recruitment.draw-committed.v1";
    public static final String DRAW_COMPLETED = "nl.meedoen.recruitment.draw-completed.v1";
    public static final String PARTICIPANT_REPLACED = "nl.meedoen.recruitment.participant-replaced.v1";
}
