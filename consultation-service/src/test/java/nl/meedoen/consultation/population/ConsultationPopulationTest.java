package nl.meedoen.consultation.population;

import io.quarkus.test.junit.QuarkusTest;
import nl.meedoen.population.PopulationReadModelContract;

@QuarkusTest
class ConsultationPopulationTest extends PopulationReadModelContract {
    ConsultationPopulationTest() {
        super("/api/v1/consultations/population");
    }
}
