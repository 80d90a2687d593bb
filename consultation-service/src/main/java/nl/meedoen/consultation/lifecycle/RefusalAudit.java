package nl.meedoen.consultation.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.audit.AuditLog;

import java.util.Map;
import java.util.UUID;

/**
 * Leaves a trace when someone reaches for responses they may not read (another organisation's poll, a tenant
 * organisation's private poll). In a transaction of its own: the refused request rolls back, the trace stays.
 */
@ApplicationScoped
public class RefusalAudit {

    public static final String ACTION = "consultation.responses.refused";

    @Inject
    AuditLog audit;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(UUID consultation, String what, int status, String reason) {
        audit.record(ACTION, "consultation", consultation.toString(), Map.of("asked", what, "status", status, "reason", reason));
    }
}
