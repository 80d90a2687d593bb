package nl.meedoen.consultation.privacy;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.privacy.DataSubjectResource;

/** What consultation-service holds about one tenant (right of access); the gateway assembles all services' answers. */
@Path("/api/v1/data-subjects/consultation")
public class ConsultationDataSubjectResource extends DataSubjectResource {}
