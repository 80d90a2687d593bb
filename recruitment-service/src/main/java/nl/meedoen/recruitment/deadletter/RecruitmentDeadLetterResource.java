package nl.meedoen.recruitment.deadletter;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.inbox.DeadLetterResource;

/** What this service's consumers parked on their dead-letter topics, at the path the gateway routes as {@code dead-letters/recruitment}. */
@Path("/api/v1/dead-letters/recruitment")
public class RecruitmentDeadLetterResource extends DeadLetterResource {}
