package nl.meedoen.devinfra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape every module follows (CONTRIBUTING.md, "How the code is laid out"), checked by each module's
 * {@code ArchitectureTest} so a newcomer's class lands where the next newcomer will look for it.
 */
public final class HouseRules {

    private HouseRules() {}

    /** The module's production classes under {@code basePackage}, tests left out. */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** A JAX-RS resource is a {@code …Resource}, and only resources are. */
    public static final ArchRule RESOURCES = classes()
            .that()
            .areAnnotatedWith("jakarta.ws.rs.Path")
            .should()
            .haveSimpleNameEndingWith("Resource")
            .allowEmptyShould(true);

    /** Whatever reads a Kafka topic is a {@code …Consumer}: one name to grep for "who listens to this topic". */
    public static final ArchRule CONSUMERS = classes()
            .that()
            .containAnyMethodsThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are annotated with @Incoming",
                    method -> method.isAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")))
            .should()
            .haveSimpleNameEndingWith("Consumer")
            .allowEmptyShould(true);

    /** An entity is named after the thing it records, without a technical suffix. */
    public static final ArchRule ENTITIES = noClasses()
            .that()
            .areAnnotatedWith("jakarta.persistence.Entity")
            .should()
            .haveSimpleNameEndingWith("Entity")
            .orShould()
            .haveSimpleNameEndingWith("Dto")
            .allowEmptyShould(true);

    /** Feature packages depend on each other in one direction only. */
    public static ArchRule noPackageCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true);
    }
}
