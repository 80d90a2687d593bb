package nl.meedoen.population;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletionStage;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.commons.privacy.TenantErased;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this service's population read model in step with {@code tenants.profile.v1}. A tombstone is an erasure: the
 * member goes and {@link TenantErased} tells the rest of the service, in the same transaction.
 */
@ApplicationScoped
public class PopulationConsumer {

    @Inject
    InboundEvents inbound;

    @Inject
    ObjectMapper mapper;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    Event<TenantErased> erased;

    @Incoming("tenants-profile")
    @Blocking // ordered: one batch at a time, its records in order, so per-tenant order holds
    public CompletionStage<Void> onProfiles(KafkaRecordBatch<String, String> batch) {
        return inbound.processBatch("population", batch, this::apply);
    }

    void apply(CloudEvent event) {
        if (event.isTombstone()) {
            PopulationMember.deleteById(event.key());
            erased.fire(new TenantErased(event.key())); // the service's own tables, in this transaction
            audit.record(
                    "tenant.erased", "tenant", event.key(), java.util.Map.of("by", "tenants.profile.v1 tombstone"));
            return;
        }
        TenantProfileV1 profile = parse(event);
        PopulationMember member = PopulationMember.findById(event.key());
        if (member == null) {
            member = new PopulationMember();
            member.tenantRef = event.key();
        }
        member.take(profile);
        member.updatedAt = event.time() == null ? OffsetDateTime.now() : event.time();
        member.persist();
    }

    private TenantProfileV1 parse(CloudEvent event) {
        if (!TenantProfileV1.CHANGED.equals(event.type())) {
            throw new MalformedEventException("unexpected event type " + event.type() + " on " + TenantProfileV1.TOPIC);
        }
        TenantProfileV1 profile;
        try {
            profile = mapper.readValue(event.payload(), TenantProfileV1.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not a tenant profile: " + e.getOriginalMessage(), e);
        }
        if (!event.key().equals(profile.tenantRef())) {
            throw new MalformedEventException(
                    "record key " + event.key() + " differs from tenantRef " + profile.tenantRef());
        }
        return profile;
    }
}
