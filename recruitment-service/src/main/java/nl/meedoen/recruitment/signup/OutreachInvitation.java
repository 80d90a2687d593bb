package nl.meedoen.recruitment.signup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A personal sign-up link sent in an outreach: only the SHA-256 of its token is kept. */
@Entity
@Table(name = "outreach_invitation")
public class OutreachInvitation extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "tenant_ref")
    public String tenantRef;

    public String source;

    /** The hash of the short code the message carries beside the link ({@link SignupCodes}); null before codes. */
    @Column(name = "short_code_hash")
    public String shortCodeHash;
    /** The notification-service mailing it went out in (the outreach job's id); null before outreach was a mailing. */
    @Column(name = "mailing_id")
    public UUID mailingId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
