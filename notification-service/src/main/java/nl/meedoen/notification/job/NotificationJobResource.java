package nl.meedoen.notification.job;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.job.JobResource;

/** This service's jobs (tenant imports, print batches, mailings) at the path the gateway routes as {@code jobs/notification}. */
@Path("/api/v1/jobs/notification")
public class NotificationJobResource extends JobResource {}
