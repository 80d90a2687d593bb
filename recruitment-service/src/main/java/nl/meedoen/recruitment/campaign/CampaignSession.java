package nl.meedoen.recruitment.campaign;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "campaign_session")
public class CampaignSession extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    public String place;

    @Column(name = "online_link")
    public String onlineLink;

    public static List<CampaignSession> of(UUID campaignId) {
        return list("campaignId = ?1 order by startsAt", campaignId);
    }

    /** The first session (time and place or link): what a selected (or seated) tenant needs to know next; "-" without one. */
    public static String nextSteps(UUID campaignId) {
        return of(campaignId).stream()
                .findFirst()
                .map(first -> first.startsAt + " " + (first.place != null ? first.place : first.onlineLink))
                .orElse("-");
    }
}
