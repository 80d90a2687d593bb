package nl.meedoen.recruitment.job;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.job.JobResource;

/** This service's jobs (draw commitments) at the path the gateway routes as {@code jobs/recruitment}. */
@Path("/api/v1/jobs/recruitment")
public class RecruitmentJobResource extends JobResource {}
