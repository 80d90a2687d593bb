package nl.meedoen.notification.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.meedoen.commons.contracts.MailingRequestV1;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.mailing.MailingService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code notification.requests.v1}: each message request becomes one delivery (attached to its mailing when it
 * names one), each mailing request opens or updates a mailing fed by such requests. A request that can
 * never work (bad JSON, unknown template, missing data) goes to {@code notification.requests.v1.dlq}
 * with nothing written, and the consumer carries on.
 */
@ApplicationScoped
public class MessageRequestConsumer {

    @Inject
    InboundEvents inbound;

    @Inject
    MessageService messages;

    @Inject
    ObjectMapper mapper;

    @Inject
    MailingService mailings;

    @Incoming("notification-requests")
    @Blocking // ordered: one record at a time
    public void onRequest(ConsumerRecord<String, String> record) {
        inbound.process("notification-requests", record, this::apply);
    }

    void apply(CloudEvent event) {
        if (event.isTombstone()) {
            throw new MalformedEventException("a request needs a payload");
        }
        if (MailingRequestV1.TYPE.equals(event.type())) {
            MailingRequestV1 request = read(event, MailingRequestV1.class);
            if (request.mailingId() == null
                    || !event.key().equals(request.mailingId().toString())) {
                throw new MalformedEventException(
                        "record key " + event.key() + " differs from mailingId " + request.mailingId());
            }
            rejectAsMalformed(() -> mailings.openByRequest(request));
            return;
        }
        if (!MessageRequestV1.TYPE.equals(event.type())) {
            throw new MalformedEventException(
                    "unexpected event type " + event.type() + " on " + MessageRequestV1.TOPIC);
        }
        MessageRequestV1 request = read(event, MessageRequestV1.class);
        if (!event.key().equals(request.tenantRef())) {
            throw new MalformedEventException(
                    "record key " + event.key() + " differs from tenantRef " + request.tenantRef());
        }
        rejectAsMalformed(() -> messages.accept(request, false));
    }

    private <T> T read(CloudEvent event, Class<T> type) {
        try {
            if (!(mapper.readTree(event.payload()) instanceof com.fasterxml.jackson.databind.node.ObjectNode node)) {
                throw new MalformedEventException("payload is not a JSON object");
            }
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    "payload is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A request this service refuses (4xx) can never work: the dead-letter topic, and the consumer carries on. */
    private static void rejectAsMalformed(Runnable step) {
        try {
            step.run();
        } catch (ProblemException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new MalformedEventException("rejected request: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
