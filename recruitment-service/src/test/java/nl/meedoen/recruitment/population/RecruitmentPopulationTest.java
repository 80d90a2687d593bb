package nl.meedoen.recruitment.population;

import io.quarkus.test.junit.QuarkusTest;
import nl.meedoen.population.PopulationReadModelContract;

@QuarkusTest
class RecruitmentPopulationTest extends PopulationReadModelContract {
    RecruitmentPopulationTest() {
        super("/api/v1/campaigns/population");
    }
}
