package nl.meedoen.notification.organisation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import nl.meedoen.commons.security.OrganisationColumns;

/** A tenant organisation or residents' committee; its contact email is personal data, which is why it lives here. */
@Entity
@Table(name = "organisation")
public class Organisation extends OrganisationColumns {

    @Column(name = "contact_email")
    public String contactEmail;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
