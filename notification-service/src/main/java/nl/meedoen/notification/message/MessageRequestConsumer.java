package nl.meedoen.notification.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.MalformedEventException;
import nl.meedoen.commons.inbox.InboundEvents;
import nl.meedoen.commons.problem.ProblemException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code notification.requests.v1}: each request becomes one delivery. A request that can
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

    @Incoming("notification-requests")
    @Blocking // ordered: one record at a time
    public void onRequest(ConsumerRecord<String, String> record) {
        inbound.process("notification-requests", record, this::apply);
    }

    void apply(CloudEvent event) {
        if (!MessageRequestV1.TYPE.equals(event.type())) {
            throw new MalformedEventException("unexpected event type " + event.type() + " on " + MessageRequestV1.TOPIC);
        }
        if (event.isTombstone()) {
            throw new MalformedEventException("a message request needs a payload");
        }
        MessageRequestV1 request;
        String source;
        try {
            // the optional "source" (added to the v1 schema compatibly) is read beside the commons record, which does not carry it
            if (!(mapper.readTree(event.payload()) instanceof com.fasterxml.jackson.databind.node.ObjectNode node)) {
                throw new MalformedEventException("payload is not a JSON object");
            }
            com.fasterxml.jackson.databind.JsonNode s = node.remove("source");
            if (s != null && !s.isNull() && !s.isTextual()) {
                throw new MalformedEventException("source is not a string");
            }
            source = s == null || s.isNull() ? null : s.asText();
            request = mapper.treeToValue(node, MessageRequestV1.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not a message request: " + e.getOriginalMessage(), e);
        }
        if (!event.key().equals(request.tenantRef())) {
            throw new MalformedEventException("record key " + event.key() + " differs from tenantRef " + request.tenantRef());
        }
        try {
            messages.accept(request, source, false);
        } catch (ProblemException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new MalformedEventException("rejected message request: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
