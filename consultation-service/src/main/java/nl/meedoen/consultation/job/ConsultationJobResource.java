package nl.meedoen.consultation.job;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.job.JobResource;

/** This service's jobs (large response exports) at the path the gateway routes as {@code jobs/consultation}. */
@Path("/api/v1/jobs/consultation")
public class ConsultationJobResource extends JobResource {}
