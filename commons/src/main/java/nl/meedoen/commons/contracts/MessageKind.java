package nl.meedoen.commons.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of message the platform sends a tenant: what a {@link MessageRequestV1} names as its {@code templateKey}
 * (the {@link #key() wire key}, unchanged on the topic) and notification-service has a default template for, in every
 * language it supports. A sender writes {@code MessageKind.X.key()}, never the string; notification-service's tests
 * check that every kind has its default templates using exactly its {@link #placeholders()}, and a source scan
 * (local-stack {@code MessageKindsTest}) that every kind is sent by the {@link #producer()} it names.
 *
 * <p>A request may still name a key that is not here (a corporation's own template, through the API): that is not a
 * kind of the platform, and notification-service treats it as before (sent when a template exists, refused when not).
 */
public enum MessageKind {
    CONSULTATION_INVITATION(
            "consultation.invitation",
            Producer.CONSULTATION_SERVICE,
            false,
            "consultationTitle",
            "goal",
            "closesOn",
            "invitationUrl"),
    CONSULTATION_REMINDER(
            "consultation.reminder",
            Producer.CONSULTATION_SERVICE,
            false,
            "consultationTitle",
            "closesOn",
            "invitationUrl"),
    CONSULTATION_FEEDBACK_PUBLISHED(
            "consultation.feedback-published",
            Producer.CONSULTATION_SERVICE,
            false,
            "consultationTitle",
            "feedbackUrl"),
    PANEL_INVITATION("panel.invitation", Producer.PANEL_SERVICE, false, "panelName", "joinUrl"),
    PANEL_CONSENT_RENEWAL("panel.consent-renewal", Producer.PANEL_SERVICE, false, "panelName", "consentUrl"),
    RECRUITMENT_OUTREACH(
            "recruitment.outreach",
            Producer.RECRUITMENT_SERVICE,
            false,
            "campaignTitle",
            "description",
            "signUpDeadline",
            "signUpUrl"),
    RECRUITMENT_SIGNUP_CONFIRMATION(
            "recruitment.signup-confirmation", Producer.RECRUITMENT_SERVICE, true, "campaignTitle", "drawDate"),
    /**
     * Selected in the lottery (also a seat given later from the draw order). The lottery's outcomes carry the public
     * draw page ({@code drawUrl}) and the tenant's own pseudonym in it ({@code pseudonym}).
     */
    RECRUITMENT_DRAW_SELECTED(
            "recruitment.draw-selected",
            Producer.RECRUITMENT_SERVICE,
            true,
            "campaignTitle",
            "nextSteps",
            "pseudonym",
            "drawUrl"),
    RECRUITMENT_DRAW_WAITLISTED(
            "recruitment.draw-waitlisted",
            Producer.RECRUITMENT_SERVICE,
            true,
            "campaignTitle",
            "waitlistPosition",
            "pseudonym",
            "drawUrl"),
    RECRUITMENT_DRAW_NOT_SELECTED(
            "recruitment.draw-not-selected",
            Producer.RECRUITMENT_SERVICE,
            true,
            "campaignTitle",
            "pseudonym",
            "drawUrl"),
    /** A seat given without a lottery. */
    RECRUITMENT_SEATED("recruitment.seated", Producer.RECRUITMENT_SERVICE, true, "campaignTitle", "nextSteps"),
    RECRUITMENT_WAITLISTED(
            "recruitment.waitlisted", Producer.RECRUITMENT_SERVICE, true, "campaignTitle", "waitlistPosition"),
    RECRUITMENT_NOT_SEATED("recruitment.not-seated", Producer.RECRUITMENT_SERVICE, true, "campaignTitle"),
    RECRUITMENT_SESSION_REMINDER(
            "recruitment.session-reminder",
            Producer.RECRUITMENT_SERVICE,
            true,
            "campaignTitle",
            "sessionDate",
            "location"),
    RECRUITMENT_CAMPAIGN_CANCELLED(
            "recruitment.campaign-cancelled", Producer.RECRUITMENT_SERVICE, true, "campaignTitle", "reason"),
    /** Sent with purpose {@value MessageRequestV1#FEEDBACK}. */
    RECRUITMENT_FEEDBACK("recruitment.feedback", Producer.RECRUITMENT_SERVICE, false, "campaignTitle", "outcome"),
    /** Sent with purpose {@value MessageRequestV1#FEEDBACK}. */
    CONSULTATION_ADVICE_FEEDBACK(
            "consultation.advice-feedback",
            Producer.CONSULTATION_SERVICE,
            false,
            "consultationTitle",
            "subject",
            "outcome"),
    /** A tenant organisation's mailing to its constituency (purpose {@code tenant-organisation}). */
    TENANT_ORGANISATION_MESSAGE(
            "tenant-organisation.message", Producer.API, false, "organisationName", "subject", "body"),
    /** After a one-click unsubscribe. */
    SERVICE_UNSUBSCRIBE_CONFIRMATION("service.unsubscribe-confirmation", Producer.NOTIFICATION_SERVICE, true, "scope");

    /** Who asks for messages of a kind. */
    public enum Producer {
        CONSULTATION_SERVICE("consultation-service"),
        PANEL_SERVICE("panel-service"),
        RECRUITMENT_SERVICE("recruitment-service"),
        NOTIFICATION_SERVICE("notification-service"),
        /**
         * No service of the platform: requested by third parties through the API, who name the key in their request
         * (a tenant organisation's mailing, {@code POST /api/v1/mailings}).
         */
        API(null);

        private final String module;

        Producer(String module) {
            this.module = module;
        }

        /** The Maven module whose code sends the kind; null for {@link #API}. */
        public String module() {
            return module;
        }
    }

    private final String key;
    private final Producer producer;
    private final boolean transactional;
    private final List<String> placeholders;

    MessageKind(String key, Producer producer, boolean transactional, String... placeholders) {
        this.key = key;
        this.producer = producer;
        this.transactional = transactional;
        this.placeholders = List.of(placeholders);
    }

    /** The {@code templateKey} on the wire, e.g. {@code consultation.invitation}. */
    public String key() {
        return key;
    }

    public Producer producer() {
        return producer;
    }

    /**
     * A service message: its default template has no opt-out footer (sent with purpose
     * {@value MessageRequestV1#SERVICE}: no opt-out, no contact budget).
     */
    public boolean transactional() {
        return transactional;
    }

    /**
     * The data the sender always supplies and the default template uses, in the template's order; besides these,
     * every template has {@code tenantName} (and {@code unsubscribeUrl}) filled in per recipient. A sender may add
     * more (a letter's {@code shortCode}); a request missing one of these is refused.
     */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The kind with this wire key; empty for any other key (a template of the corporation's own). */
    public static Optional<MessageKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
