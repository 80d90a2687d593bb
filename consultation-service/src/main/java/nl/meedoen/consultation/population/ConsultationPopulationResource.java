package nl.meedoen.consultation.population;

import jakarta.ws.rs.Path;
import nl.meedoen.population.PopulationResource;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant population as consultation-service knows it (audiences and representativeness). */
@Path("/api/v1/consultations/population")
@Tag(
        name = "Population",
        description =
                "The non-personal tenant population consultation-service uses for audiences and representativeness")
public class ConsultationPopulationResource extends PopulationResource {}
