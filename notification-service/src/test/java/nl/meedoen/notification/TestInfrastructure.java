package nl.meedoen.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import nl.meedoen.devinfra.MeedoenTestResource;

/** Every test of this module runs against the real PostgreSQL and Kafka of dev-infra and a real SMTP server. */
@QuarkusTestResource(
        value = MeedoenTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpTestResource.class)
public class TestInfrastructure {}
