package nl.meedoen.notification.importing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One bulk upload of the register and its progress. */
@Entity
@Table(name = "tenant_import")
public class TenantImport extends PanacheEntityBase {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

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
    @Column(name = "spool_path")
    public String spoolPath;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    /** Last sign of life from the process holding it; a stale one is taken over (see ImportService). */
    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;
}
