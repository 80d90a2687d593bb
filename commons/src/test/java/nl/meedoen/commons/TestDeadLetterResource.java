package nl.meedoen.commons;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.inbox.DeadLetterResource;

@Path("/test/dead-letters")
public class TestDeadLetterResource extends DeadLetterResource {}
