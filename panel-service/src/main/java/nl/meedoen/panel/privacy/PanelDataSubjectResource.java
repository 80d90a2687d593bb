package nl.meedoen.panel.privacy;

import jakarta.ws.rs.Path;
import nl.meedoen.commons.privacy.DataSubjectResource;

/** What panel-service holds about one tenant (right of access); the gateway assembles all services' answers. */
@Path("/api/v1/data-subjects/panel")
public class PanelDataSubjectResource extends DataSubjectResource {}
