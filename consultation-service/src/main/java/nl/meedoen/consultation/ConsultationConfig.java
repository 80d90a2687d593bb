package nl.meedoen.consultation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** Settings of consultation-service (documented with their defaults in the service README). */
@ConfigMapping(prefix = "meedoen.consultation")
public interface ConsultationConfig {

    /**
     * Secret from which invitation tokens are derived (HMAC of the invitation id), so reminders can
     * carry the same link while the database holds only the tokens' hashes. At least 32 characters.
     */
    String tokenSecret();

    /** The respondent link in invitations and reminders; {@code {token}} is replaced (keep it after '#': never sent to a server). */
    @WithDefault("${meedoen.public-base-url}/raadpleging#{token}")
    String invitationUrl();

    /**
     * The link in the feedback mail; {@code {consultationId}} and {@code {token}} (the tenant's invitation token, for the
     * respondent API's feedback; keep it after '#') are replaced.
     */
    @WithDefault("${meedoen.public-base-url}/raadpleging/{consultationId}/terugkoppeling#{token}")
    String feedbackUrl();

    /** How often the scheduler looks for work (also the upper bound on how late a scheduled open or close happens). */
    @WithDefault("5s")
    java.time.Duration tick();

    /** Run the scheduler (scheduled open/close, invitations, reminders, feedback mails) in this process. */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** Invitations, reminders or feedback messages written per transaction. */
    @WithDefault("500")
    int chunkSize();

    /**
     * Profile attributes whose counters are kept for breakdowns, weighting and representativeness.
     * Each one adds a counter row per answer to every submission: fewer attributes, cheaper writes.
     */
    @WithDefault("ageBand,householdType,dwellingType,tenancyBand,neighbourhoodCode,complexId,language")
    java.util.List<String> breakdownAttributes();

    /** Breakdown cells with fewer respondents are suppressed. */
    @WithDefault("5")
    int minCellSize();

    /**
     * Retention: how long after closing a PSEUDONYMOUS consultation keeps which invitation each response
     * came from; then the links are deleted and its responses can no longer be tied to anyone.
     */
    @WithDefault("P180D")
    java.time.Duration responseLinkRetention();

    /**
     * Retention: how long an export written by a job ({@code POST /consultations/{id}/exports}) can be
     * downloaded; then the scheduler deletes it, so files of responses do not pile up.
     */
    @WithDefault("P7D")
    java.time.Duration exportRetention();

    /**
     * The most responses the synchronous {@code GET .../exports/*} routes stream; above it they answer 409
     * {@code export-too-large} pointing to the export job, so no caller waits past the gateway's timeout.
     */
    @WithDefault("20000")
    long syncExportLimit();

    /**
     * How long the co-owning tenant organisation of a corporation's consultation has to align with the questions
     * (from when it was asked: the questions were saved or the partner named). Until then opening is 409; after it the
     * consultation may open without the alignment, which is recorded as NOT_GIVEN and shown to respondents. A tenant
     * organisation's own poll never waits for the corporation.
     */
    @WithDefault("P14D")
    java.time.Duration alignmentPeriod();

    /**
     * The purpose of feedback mails (what was done with the outcome) in the message requests to notification-service:
     * {@code feedback}, a service message about one's own participation that neither the contact budget nor a
     * purpose-specific opt-out suppresses (an opt-out of everything still does).
     */
    @WithDefault("feedback")
    String feedbackPurpose();

    /** Time zone of dates in messages (closing date). */
    @WithDefault("Europe/Amsterdam")
    ZoneId zone();
}
