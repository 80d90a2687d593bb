package nl.meedoen.panel.population;

import jakarta.ws.rs.Path;
import nl.meedoen.population.PopulationResource;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant population as panel-service knows it (target composition and strata). */
@Path("/api/v1/panels/population")
@Tag(
        name = "Population",
        description = "The non-personal tenant population panel-service uses for target composition and strata")
public class PanelPopulationResource extends PopulationResource {}
