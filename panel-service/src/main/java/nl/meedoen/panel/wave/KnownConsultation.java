package nl.meedoen.panel.wave;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A consultation's lifecycle as consultation.events.v1 tells it: a wave for a closed one is refused. */
@Entity
@Table(name = "known_consultation")
public class KnownConsultation extends PanacheEntityBase {

    public static final Set<String> CLOSED = Set.of("CLOSED", "RESULTS_PUBLISHED", "FEEDBACK_PUBLISHED");

    @Id
    @Column(name = "consultation_id")
    public UUID consultationId;

    @Column(nullable = false)
    public String status;

    public String anonymity;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean closed() {
        return CLOSED.contains(status);
    }
}
