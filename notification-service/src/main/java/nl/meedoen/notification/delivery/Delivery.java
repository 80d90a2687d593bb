package nl.meedoen.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One message to one tenant (from a message request or a mailing), with its status. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "mailing_id")
    public UUID mailingId;
    /** What it came from: {@code <kind>:<id>} (see {@link Sources}); null for a request that named none. */
    public String source;

    @Column(name = "tenant_ref")
    public String tenantRef;

    public String purpose;

    @Column(name = "template_key")
    public String templateKey;

    public String channel;
    /** JSON placeholders; may hold personal data, removed on erasure. */
    public String data;

    public String status;
    public String reason;
    public String language;

    @Column(name = "template_version")
    public Integer templateVersion;
    /** The address it went to; removed on erasure. */
    public String recipient;

    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "unsubscribe_token_hash")
    public String unsubscribeTokenHash;

    /** HMAC of the opt-out short code its letter prints ({@code OptOutCodes}); set when a non-transactional letter is batched. */
    @Column(name = "opt_out_code_hash")
    public String optOutCodeHash;

    @Column(name = "print_batch_id")
    public UUID printBatchId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
}
