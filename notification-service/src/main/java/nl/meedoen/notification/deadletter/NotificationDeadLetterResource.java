package nl.meedoen.notification.deadletter;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.inbox.DeadLetterResource;

/** What this service's consumers parked on their dead-letter topics, at the path the gateway routes as {@code dead-letters/notification}. */
@Path("/api/v1/dead-letters/notification")
public class NotificationDeadLetterResource extends DeadLetterResource {}
