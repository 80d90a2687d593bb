package nl.meedoen.recruitment.audit;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.audit.AuditResource;

/** recruitment-service's audit log of privileged actions, for ops. */
@Path("/api/v1/audit/recruitment")
public class RecruitmentAuditResource extends AuditResource {}
