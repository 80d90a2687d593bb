package nl.meedoen.notification.importing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One bulk upload of the register and its progress; processed by a {@code tenant-import} job. */
@Entity
@Table(name = "tenant_import")
public class TenantImport extends PanacheEntityBase {

    public enum Status {
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED,
        CANCELLED
    }

    @Id
    public UUID id;

    public String format;
    public String status;

    @Column(name = "total_rows")
    public int totalRows;

    public int processed;
    public int created;
    public int updated;
    public int unchanged;
    public int rejected;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    /** The commons job that processes it (status, progress, heartbeat, cancel): {@code /api/v1/jobs/notification/{jobId}}. */
    @Column(name = "job_id")
    public UUID jobId;
}
