package nl.meedoen.organisations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import nl.meedoen.commons.contracts.OrganisationV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps this service's organisations read model in step with {@code organisations.v1}. */
@ApplicationScoped
public class OrganisationConsumer {

    @Inject
    InboundEvents inbound;

    @Inject
    ObjectMapper mapper;

    @Incoming("organisations")
    @Blocking // ordered: one record at a time, so per-organisation order holds
    public void onOrganisation(ConsumerRecord<String, String> record) {
        inbound.process("organisations", record, this::apply);
    }

    void apply(CloudEvent event) {
        OrganisationV1 organisation = parse(event);
        KnownOrganisation known = KnownOrganisation.findById(event.key());
        if (known == null) {
            known = new KnownOrganisation();
            known.id = event.key();
        }
        known.name = organisation.name();
        known.kind = organisation.kind();
        known.complexIds = organisation.complexIds() == null
                ? new String[0]
                : organisation.complexIds().toArray(String[]::new);
        known.clients = organisation.clients().toArray(String[]::new);
        known.active = organisation.active();
        known.updatedAt = event.time() == null ? OffsetDateTime.now() : event.time();
        known.persist();
    }

    private OrganisationV1 parse(CloudEvent event) {
        if (event.isTombstone() || !OrganisationV1.CHANGED.equals(event.type())) {
            throw new MalformedEventException(
                    "unexpected event " + event.type() + (event.isTombstone() ? " (tombstone)" : "") + " on "
                            + OrganisationV1.TOPIC + ": organisations are deactivated, never deleted");
        }
        OrganisationV1 organisation;
        try {
            organisation = mapper.readValue(event.payload(), OrganisationV1.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not an organisation: " + e.getOriginalMessage(), e);
        }
        if (!event.key().equals(organisation.id())) {
            throw new MalformedEventException("record key " + event.key() + " differs from id " + organisation.id());
        }
        if (organisation.name() == null
                || organisation.kind() == null
                || organisation.clients() == null
                || organisation.clients().isEmpty()) {
            throw new MalformedEventException("organisation " + organisation.id() + " lacks a name, kind or client");
        }
        return organisation;
    }
}
