package nl.meedoen.recruitment.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.audit.AuditLog;

import java.util.Map;
import java.util.UUID;

/**
 * Leaves a trace when a tenant organisation reaches for personal data (the sign-ups' motivation) of a campaign it is no
 * party to, as consultation-service does for responses. In a transaction of its own: the refused request rolls back, the
 * trace stays.
 */
@ApplicationScoped
public class RefusalAudit {

    public static final String ACTION = "campaign.signups.refused";

    @Inject
    AuditLog audit;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(UUID campaign, String asked, String reason) {
        audit.record(ACTION, "campaign", campaign.toString(), Map.of("asked", asked, "status", 404, "reason", reason));
    }
}
