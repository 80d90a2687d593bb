package nl.meedoen.draw;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is pure code: no framework, so it runs the same in a service, the CLI and a sceptic's laptop. */
class ArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.meedoen.draw");

    @Test
    void theEngineUsesNoFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "javax.persistence..",
                        "io.quarkus..",
                        "org.hibernate..",
                        "io.smallrye..",
                        "io.vertx..",
                        "org.eclipse.microprofile..",
                        "org.apache.kafka..",
                        "nl.meedoen.commons..")
                .check(engine);
    }

    @Test
    void itsPackagesHaveNoCycles() {
        slices().matching("nl.meedoen.draw.(*)..").should().beFreeOfCycles().check(engine);
    }
}
