package nl.meedoen.panel.member;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.Set;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.panel.panel.Panel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A tenant who opts out of panel messages (or of everything) through the unsubscribe link in any
 * mail has left every panel they were on: a panel member nobody may write to is no member. Open wave
 * invitations are cancelled as on any other opt-out.
 */
@ApplicationScoped
public class OptOutConsumer {

    private static final Set<String> PANEL_PURPOSES = Set.of("panel", "all");

    @Inject
    InboundEvents inbound;

    @Inject
    Memberships memberships;

    @Incoming("notification-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        inbound.process("panel-opt-outs", record, this::apply);
    }

    void apply(CloudEvent event) {
        if (!NotificationEventV1.OPTED_OUT.equals(event.type())) {
            return; // delivery updates are not this service's concern
        }
        NotificationEventV1 optOut = event.payloadAs(NotificationEventV1.class, "an opt-out");
        if (optOut == null || optOut.tenantRef() == null || optOut.purpose() == null) {
            throw new MalformedEventException("an opt-out needs a tenantRef and a purpose");
        }
        if (!PANEL_PURPOSES.contains(optOut.purpose())) {
            return;
        }
        PanelMember.<PanelMember>find("tenantRef = ?1 and status <> 'LEFT'", optOut.tenantRef())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .forEach(m -> memberships.leave(Panel.findById(m.panelId), m, PanelMember.LeaveReason.OPTED_OUT));
    }
}
