package nl.meedoen.notification.privacy;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.privacy.DataSubjectResource;

/** What notification-service holds about one tenant (right of access); the gateway assembles all services' answers. */
@Path("/api/v1/data-subjects/notification")
public class NotificationDataSubjectResource extends DataSubjectResource {}
