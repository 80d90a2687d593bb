package nl.meedoen.recruitment.privacy;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.privacy.DataSubjectResource;

/** What recruitment-service holds about one tenant (right of access); the gateway assembles all services' answers. */
@Path("/api/v1/data-subjects/recruitment")
public class RecruitmentDataSubjectResource extends DataSubjectResource {}
