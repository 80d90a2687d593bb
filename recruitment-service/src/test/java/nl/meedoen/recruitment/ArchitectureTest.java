package nl.meedoen.recruitment;

import com.tngtech.archunit.core.domain.JavaClasses;
import nl.meedoen.devinfra.HouseRules;
import org.junit.jupiter.api.Test;

/** The house rules (CONTRIBUTING.md, "How the code is laid out") hold for this module. */
class ArchitectureTest {

    private final JavaClasses classes = HouseRules.mainClasses("nl.meedoen.recruitment");

    @Test
    void resourcesConsumersAndEntitiesAreNamedAlike() {
        HouseRules.RESOURCES.check(classes);
        HouseRules.CONSUMERS.check(classes);
        HouseRules.ENTITIES.check(classes);
    }

    // Feature packages still depend on each other both ways here (docs/architecture.md, "Known debt"): the cycle
    // rule (HouseRules.noPackageCycles) is switched on once they are untangled.
}
