package nl.meedoen.panel.member;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.inbox.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The right to be forgotten: a tombstone on {@code tenants.profile.v1} removes the tenant's panel
 * memberships, links, consents and interests. Their rows in wave and churn history keep only a
 * random pseudonym, so response rates and churn stay right without naming anyone. (The population
 * read model drops the profile through its own consumer.)
 */
@ApplicationScoped
public class ErasureConsumer {

    @Inject
    InboundEvents inbound;

    @Inject
    EntityManager em;

    @Incoming("tenants-erasure")
    @Blocking
    public void onProfile(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            return; // a profile change: not ours (the population model handles it, and parks what is malformed)
        }
        inbound.process("panel-erasure", record, this::apply);
    }

    void apply(CloudEvent event) {
        erase(event.key());
    }

    void erase(String tenantRef) {
        for (String table : new String[] {"member_token", "member_interest", "consent_record", "panel_member"}) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE tenant_ref = ?1")
                    .setParameter(1, tenantRef)
                    .executeUpdate();
        }
        for (String table : new String[] {"member_change", "wave_member"}) {
            em.createNativeQuery("UPDATE " + table
                            + " SET tenant_ref = 'erased-' || gen_random_uuid() WHERE tenant_ref = ?1")
                    .setParameter(1, tenantRef)
                    .executeUpdate();
        }
    }
}
