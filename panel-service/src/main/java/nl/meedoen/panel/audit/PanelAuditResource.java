package nl.meedoen.panel.audit;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.audit.AuditResource;

/** panel-service's audit log of privileged actions, for ops. */
@Path("/api/v1/audit/panel")
public class PanelAuditResource extends AuditResource {}
