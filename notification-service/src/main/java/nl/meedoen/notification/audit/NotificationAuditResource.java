package nl.meedoen.notification.audit;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.audit.AuditResource;

/** notification-service's audit log of privileged actions, for ops. */
@Path("/api/v1/audit/notification")
public class NotificationAuditResource extends AuditResource {}
