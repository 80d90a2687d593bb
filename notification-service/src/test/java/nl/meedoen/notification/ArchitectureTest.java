package nl.meedoen.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import nl.meedoen.devinfra.HouseRules;
import org.junit.jupiter.api.Test;

/** The house rules (CONTRIBUTING.md, "How the code is laid out") hold for this module. */
class ArchitectureTest {

    private final JavaClasses classes = HouseRules.mainClasses("nl.meedoen.notification");

    @Test
    void resourcesConsumersAndEntitiesAreNamedAlike() {
        HouseRules.RESOURCES.check(classes);
        HouseRules.CONSUMERS.check(classes);
        HouseRules.ENTITIES.check(classes);
        HouseRules.WIRE_RECORDS.check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        HouseRules.noPackageCycles("nl.meedoen.notification").check(classes);
    }
}
