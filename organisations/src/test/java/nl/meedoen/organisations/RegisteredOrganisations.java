package nl.meedoen.organisations;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.contracts.OrganisationV1;
import nl.meedoen.devinfra.Events;

/**
 * Test fixture for a consuming service: registers an organisation the way notification-service does, by an
 * {@code organisations.v1} record on the real broker, and waits until this service's read model has it.
 */
public final class RegisteredOrganisations {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegisteredOrganisations() {}

    /** An active tenant organisation acted for by its id (the register's default client) and {@code otherClients}; returns the id. */
    public static String register(String id, String... otherClients) {
        List<String> clients = new ArrayList<>(List.of(id));
        clients.addAll(Arrays.asList(otherClients));
        publish(new OrganisationV1(
                id, "Huurdersorganisatie " + id, OrganisationV1.TENANT_ORGANISATION, List.of(), clients, true));
        return id;
    }

    /** Publishes the organisation (unless the read model already holds exactly this) and waits until it is consumed. */
    public static void publish(OrganisationV1 organisation) {
        if (!organisation.id().matches("[a-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("the register would never publish the id " + organisation.id());
        }
        if (holds(organisation)) {
            return;
        }
        try {
            Events.publish(
                    OrganisationV1.TOPIC,
                    organisation.id(),
                    UUID.randomUUID().toString(),
                    OrganisationV1.CHANGED,
                    MAPPER.writeValueAsString(organisation));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> holds(organisation));
    }

    private static boolean holds(OrganisationV1 o) {
        return QuarkusTransaction.requiringNew().call(() -> {
            KnownOrganisation known = KnownOrganisation.findById(o.id());
            return known != null
                    && known.active == o.active()
                    && known.name.equals(o.name())
                    && Arrays.asList(known.clients).equals(o.clients())
                    && Arrays.asList(known.complexIds).equals(o.complexIds());
        });
    }
}
