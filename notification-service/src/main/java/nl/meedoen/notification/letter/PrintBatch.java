package nl.meedoen.notification.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Letters collected for the print house: one PDF (a letter per page) and a CSV manifest. */
@Entity
@Table(name = "print_batch")
public class PrintBatch extends PanacheEntityBase {

    public enum Status {
        CREATED,
        PRINTED,
        POSTED
    }

    @Id
    public UUID id;

    public String status;
    public int letters;
    /** The one source it was made for; null when it took the waiting letters of every source. */
    public String source;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "printed_at")
    public OffsetDateTime printedAt;

    @Column(name = "posted_at")
    public OffsetDateTime postedAt;
    /** The print-batch job that made it; its PDF (column pdf) is read and written by native queries only. */
    @Column(name = "job_id")
    public UUID jobId;
}
