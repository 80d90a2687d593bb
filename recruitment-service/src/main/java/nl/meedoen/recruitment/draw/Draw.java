package nl.meedoen.recruitment.draw;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The campaign's draw: the engine's record (phase a, then b) and the current panel and waitlist (sign-up ids). */
@Entity
@Table(name = "draw")
public class Draw extends PanacheEntityBase {
    @Id
    @Column(name = "campaign_id")
    public UUID campaignId;

    public String commitment;
    public String record;
    public String panel;
    public String waitlist;

    @Column(name = "committed_at")
    public OffsetDateTime committedAt;

    @Column(name = "drawn_at")
    public OffsetDateTime drawnAt;

    /**
     * The id of the public draw page (random, given at the commitment): the campaign id is no secret, this one is told
     * only to the pool, in the outcome messages.
     */
    @Column(name = "public_id")
    public UUID publicId;

    /** Until when the parties of a seed ceremony may reveal (set when the draw is committed). */
    @Column(name = "reveal_deadline")
    public OffsetDateTime revealDeadline;
}
