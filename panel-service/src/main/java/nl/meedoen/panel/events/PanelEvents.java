package nl.meedoen.panel.events;

import java.time.OffsetDateTime;
import java.util.List;
import nl.meedoen.commons.contracts.PanelWaveLaunchedV1;

/**
 * panel-service's own facts on {@value #TOPIC} (key: panelId, so order holds per panel), next to
 * {@link PanelWaveLaunchedV1}. Members appear only as tenantRefs. JSON Schemas:
 * {@code src/main/resources/events/}. Consumers ignore types they do not know.
 */
public final class PanelEvents {

    public static final String TOPIC = PanelWaveLaunchedV1.TOPIC;

    public static final String MEMBER_JOINED = "nl.meedoen.panel.member-joined.v1";
    public static final String MEMBER_LEFT = "nl.meedoen.panel.member-left.v1";
    public static final String MEMBER_PAUSED = "nl.meedoen.panel.member-paused.v1";
    public static final String MEMBER_RESUMED = "nl.meedoen.panel.member-resumed.v1";
    public static final String CONSENT_RENEWED = "nl.meedoen.panel.consent-renewed.v1";
    public static final String THEME_PROPOSED = "nl.meedoen.panel.theme-proposed.v1";
    public static final String THEME_SIGNED = "nl.meedoen.panel.theme-signed.v1";
    public static final String THEME_DECLINED = "nl.meedoen.panel.theme-declined.v1";

    private PanelEvents() {}

    public record MemberJoined(
            String panelId, String tenantRef, int consentVersion, String channel, OffsetDateTime joinedAt) {}

    /** @param cancelledInvitations the member's wave invitations that were still open: consultation-service withdraws them */
    public record MemberLeft(
            String panelId,
            String tenantRef,
            String reason,
            OffsetDateTime leftAt,
            List<CancelledInvitation> cancelledInvitations) {}

    public record CancelledInvitation(String waveId, String consultationId) {}

    /** @param reason MEMBER, STAFF or CONSENT_LAPSED; until null: until resumed */
    public record MemberPaused(
            String panelId, String tenantRef, String reason, OffsetDateTime until, OffsetDateTime pausedAt) {}

    public record MemberResumed(String panelId, String tenantRef, OffsetDateTime resumedAt) {}

    public record ConsentRenewed(
            String panelId, String tenantRef, int consentVersion, String channel, OffsetDateTime renewedAt) {}

    /** Also published when the proposing party changes a theme (revision counts up; it needs co-signing again). */
    public record ThemeProposed(String panelId, String themeId, String title, String proposedByParty, long revision) {}

    /** Signed or declined by the other party. */
    public record ThemeDecided(String panelId, String themeId, String decidedByParty, String comment, long revision) {}
}
