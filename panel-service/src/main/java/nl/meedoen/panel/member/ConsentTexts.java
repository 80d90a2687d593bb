package nl.meedoen.panel.member;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageKind;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.panel.PanelConfig;
import nl.meedoen.panel.panel.AuditTrail;
import nl.meedoen.panel.panel.ConsentText;
import nl.meedoen.panel.panel.Panel;
import nl.meedoen.panel.panel.PanelAccess;

/**
 * Versioned consent texts. Publishing a new version asks every member (active or paused) to consent
 * again through a personal link; who has not done so within the set days is paused by
 * {@link Housekeeping} until they do.
 */
@ApplicationScoped
public class ConsentTexts {

    public static final String TEMPLATE = MessageKind.PANEL_CONSENT_RENEWAL.key();

    @Inject
    PanelAccess access;

    @Inject
    SecurityIdentity identity;

    @Inject
    MemberTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    PanelConfig config;

    @Transactional
    public MemberViews.ConsentTextView publish(String panelId, MemberRequests.ConsentText r) {
        Panel panel = access.write(panelId);
        int days = r.reconsentWithinDays() == null ? config.defaultReconsentDays() : r.reconsentWithinDays();
        OffsetDateTime now = Memberships.now();
        ConsentText text = new ConsentText();
        text.key = new ConsentText.Key(panel.id, panel.consentVersion + 1);
        text.text = r.text();
        text.publishedAt = now;
        text.publishedByParty = caller().role();
        text.reconsentDays = days;
        text.persist();
        panel.consentVersion = text.key.version;

        OffsetDateTime due = now.plusDays(days);
        List<PanelMember> members = PanelMember.list(
                "panelId = ?1 and status in ?2",
                panel.id,
                List.of(PanelMember.Status.ACTIVE.name(), PanelMember.Status.PAUSED.name()));
        for (PanelMember m : members) {
            m.reconsentDue = due;
            MemberTokens.Link link = tokens.issue(panel.id, m.tenantRef, MemberTokens.CONSENT_RENEWAL);
            outbox.publish(
                    MessageRequestV1.TOPIC,
                    MessageRequestV1.TYPE,
                    m.tenantRef,
                    new MessageRequestV1(
                                    "panel-consent-" + UUID.randomUUID(),
                                    m.tenantRef,
                                    MessageRequestV1.PANEL,
                                    TEMPLATE,
                                    Map.of(
                                            "panelName",
                                            panel.name,
                                            "consentUrl",
                                            config.consentUrl().replace("{token}", link.token()),
                                            // typed on the panel page (opened without a token) by who cannot scan
                                            // the letter's QR code
                                            "shortCode",
                                            link.shortCode(),
                                            "codeUrl",
                                            MemberTokens.codeUrl(config.consentUrl())),
                                    null)
                            .from(Invitations.source(panel.id)));
        }
        audit.record(
                panel.id,
                "consent-text:" + text.key.version,
                "PUBLISHED",
                Map.of("version", text.key.version, "reconsentWithinDays", days, "membersAsked", members.size()));
        return view(text, (long) members.size());
    }

    public List<MemberViews.ConsentTextView> list(String panelId) {
        Panel panel = access.read(panelId);
        List<ConsentText> texts = ConsentText.list("key.panelId = ?1 order by key.version", panel.id);
        return texts.stream().map(t -> view(t, null)).toList();
    }

    static MemberViews.ConsentTextView view(ConsentText t, Long asked) {
        return new MemberViews.ConsentTextView(
                t.key.version, t.text, t.publishedAt, t.publishedByParty, t.reconsentDays, asked);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
