package nl.meedoen.consultation.deadletter;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.inbox.DeadLetterResource;

/** What this service's consumers parked on their dead-letter topics, at the path the gateway routes as {@code dead-letters/consultation}. */
@Path("/api/v1/dead-letters/consultation")
public class ConsultationDeadLetterResource extends DeadLetterResource {}
