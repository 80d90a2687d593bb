package nl.meedoen.commons;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import nl.meedoen.devinfra.MeedoenTestResource;

/** Every test of this module runs against the real PostgreSQL and Kafka of dev-infra. */
@QuarkusTestResource(value = MeedoenTestResource.class, initArgs = @ResourceArg(name = "database", value = "commons"))
public class TestInfrastructure {}
