package nl.meedoen.consultation.invitation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One tenant's invitation to one consultation. The token itself is never stored, only its hash. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    public enum Status {
        INVITED,
        OPENED,
        PARTIAL,
        COMPLETED
    }

    @Id
    public UUID id;

    @Column(name = "consultation_id", nullable = false)
    public UUID consultationId;

    @Column(name = "tenant_ref", nullable = false)
    public String tenantRef;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    /** Keyed hash of the short code printed on letters; null for invitations made before there were short codes. */
    @Column(name = "short_code_hash")
    public String shortCodeHash;

    @Column(nullable = false)
    public String status;

    /** The language the tenant is written to in: her register language when the consultation has it, else its first. */
    public String language;

    /** Whether {@link #language} is the tenant's own from the register, not the consultation's default. */
    @Column(name = "language_from_register", nullable = false)
    public boolean languageFromRegister;

    /** Saved partial answers, encrypted under a key only the token yields. */
    public byte[] draft;

    @Column(name = "reminders_sent", nullable = false)
    public int remindersSent;

    @Column(name = "feedback_sent", nullable = false)
    public boolean feedbackSent;

    @Column(name = "invited_at", nullable = false)
    public OffsetDateTime invitedAt;

    /** The tenant's language from the register, when the consultation has it; null when the register gave none. */
    public String registerLanguage() {
        return languageFromRegister ? language : null;
    }

    public boolean is(Status s) {
        return status.equals(s.name());
    }
}
