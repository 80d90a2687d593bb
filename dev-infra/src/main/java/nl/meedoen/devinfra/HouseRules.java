package nl.meedoen.devinfra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

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

    private static final java.util.List<String> HTTP_METHODS = java.util.stream.Stream.of(
                    "GET", "POST", "PUT", "PATCH", "DELETE")
            .map(m -> "jakarta.ws.rs." + m)
            .toList();

    /**
     * A body a resource takes is a record of a feature's {@code …Requests} (or a {@code …Request}); a body it returns is
     * one of its {@code …Views} (or a {@code …View}), or the body it took: the wire shapes of a feature are found in two
     * places by name.
     */
    public static final ArchRule WIRE_RECORDS = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveSimpleNameEndingWith("Resource")
            .and()
            .arePublic()
            .and(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "answer an HTTP method", m -> HTTP_METHODS.stream().anyMatch(m::isAnnotatedWith)))
            .should(new ArchCondition<JavaMethod>("take …Requests records and return …Views records") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    for (JavaParameter p : method.getParameters()) {
                        if (p.getAnnotations().isEmpty() && !wire(p.getRawType(), "Request")) {
                            events.add(SimpleConditionEvent.violated(
                                    method,
                                    method.getFullName() + " takes "
                                            + p.getRawType().getName()));
                        }
                    }
                    boolean echo = method.getRawParameterTypes().contains(method.getRawReturnType());
                    if (!echo && !wire(method.getRawReturnType(), "View")) {
                        events.add(SimpleConditionEvent.violated(
                                method,
                                method.getFullName() + " returns "
                                        + method.getRawReturnType().getName()));
                    }
                }
            })
            .allowEmptyShould(true);

    private static boolean wire(JavaClass type, String role) {
        if (!type.isRecord() || !type.getPackageName().startsWith("nl.meedoen")) {
            return true; // JAX-RS responses, streams, strings, collections: not a wire record of ours
        }
        return type.getSimpleName().endsWith(role)
                || type.getEnclosingClass()
                        .map(c -> c.getSimpleName().endsWith(role + "s"))
                        .orElse(false);
    }

    /** Feature packages depend on each other in one direction only. */
    public static ArchRule noPackageCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true);
    }
}
