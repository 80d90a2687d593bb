package nl.meedoen.panel.population;

import io.quarkus.test.junit.QuarkusTest;
import nl.meedoen.population.PopulationReadModelContract;

@QuarkusTest
class PanelPopulationTest extends PopulationReadModelContract {
    PanelPopulationTest() {
        super("/api/v1/panels/population");
    }
}
