package nl.meedoen.recruitment.population;

import jakarta.ws.rs.Path;
import nl.meedoen.population.PopulationResource;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant population as recruitment-service knows it (eligibility and draw strata). */
@Path("/api/v1/campaigns/population")
@Tag(
        name = "Population",
        description = "The non-personal tenant population recruitment-service uses for eligibility and draw strata")
public class RecruitmentPopulationResource extends PopulationResource {}
