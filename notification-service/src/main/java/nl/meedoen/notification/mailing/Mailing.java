package nl.meedoen.notification.mailing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A bulk send of one template to an audience. */
@Entity
@Table(name = "mailing")
public class Mailing extends PanacheEntityBase {

    public enum Status {
        DRAFT,
        SCHEDULED,
        RUNNING,
        PAUSED,
        COMPLETED,
        CANCELLED
    }

    @Id
    public UUID id;

    public String name;

    @Column(name = "template_key")
    public String templateKey;

    public String purpose;
    public String channel;
    /** What the mailing is for ({@code campaign:<uuid>}, ...); its deliveries carry it, or {@code mailing:<id>} when null. */
    public String source;
    /** The tenant organisation (its client id) whose own mailing this is; null for the corporation's. */
    public String owner;
    /** JSON, the same for every recipient. */
    public String data;
    /** JSON segment filter; null for an explicit list. */
    @Column(name = "audience_filter")
    public String audienceFilter;

    @Column(name = "explicit_list")
    public boolean explicitList;
    /** Recipients come as message requests naming this mailing (each with its own data), not from an audience. */
    @Column(name = "by_requests")
    public boolean byRequests;

    public String status;

    @Column(name = "scheduled_at")
    public OffsetDateTime scheduledAt;
    /** The last tenantRef turned into a delivery: where materialising resumes. */
    @Column(name = "cursor_ref")
    public String cursorRef;

    public boolean materialised;

    @Column(name = "audience_size")
    public Integer audienceSize;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
