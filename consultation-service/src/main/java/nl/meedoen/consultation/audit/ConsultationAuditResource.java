package nl.meedoen.consultation.audit;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.audit.AuditResource;

/** consultation-service's audit log of privileged actions, for ops. */
@Path("/api/v1/audit/consultation")
public class ConsultationAuditResource extends AuditResource {}
