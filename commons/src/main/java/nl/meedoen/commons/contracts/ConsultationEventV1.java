package nl.meedoen.commons.contracts;

/**
 * A fact about a consultation on {@value #TOPIC} (key: consultationId, so order holds per
 * consultation). Never response content, never an invitation token.
 *
 * <ul>
 *   <li>{@value #OPENED}: the consultation opened; invitations follow.</li>
 *   <li>{@value #CLOSED}: it closed; {@code invited} and {@code completed} are the final counts.</li>
 *   <li>{@value #PARTICIPATION_RECORDED}: {@code tenantRef} submitted a response (PSEUDONYMOUS
 *       consultations only: an ANONYMOUS one publishes no per-tenant event at all, only the counts
 *       on {@value #CLOSED}).</li>
 *   <li>{@value #RESULTS_PUBLISHED}, {@value #FEEDBACK_PUBLISHED}: the initiator published the
 *       results, then the account of what was done with them.</li>
 * </ul>
 *
 * @param consultationId the consultation (also the record key)
 * @param kind           {@code SURVEY} or {@code PWE}
 * @param anonymity      {@code ANONYMOUS} or {@code PSEUDONYMOUS}
 * @param initiatorParty {@code corporation} or {@code tenant-organisation}
 * @param panelId        the panel whose wave this consultation serves, else null
 * @param waveId         the panel wave this consultation serves, else null
 * @param tenantRef      only on {@value #PARTICIPATION_RECORDED}
 * @param invited        invitations so far (on {@value #CLOSED} and later), else null
 * @param completed      submitted responses (on {@value #CLOSED} and later), else null
 */
public record ConsultationEventV1(
        String consultationId,
        String kind,
        String anonymity,
        String initiatorParty,
        String panelId,
        String waveId,
        String tenantRef,
        Long invited,
        Long completed) {

    public static final String TOPIC = "consultation.events.v1";

    public static final String OPENED = "nl.meedoen.consultation.opened.v1";
    public static final String CLOSED = "nl.meedoen.consultation.closed.v1";
    public static final String PARTICIPATION_RECORDED = "nl.meedoen.consultation.participation-recorded.v1";
    public static final String RESULTS_PUBLISHED = "nl.meedoen.consultation.results-published.v1";
    public static final String FEEDBACK_PUBLISHED = "nl.meedoen.consultation.feedback-published.v1";
}
