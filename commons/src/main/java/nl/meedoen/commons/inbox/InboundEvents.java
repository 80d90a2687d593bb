package nl.meedoen.commons.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import nl.meedoen.commons.correlation.CorrelationId;
import nl.meedoen.commons.events.CloudEvent;
import nl.meedoen.commons.events.CloudEventHeaders;
import nl.meedoen.commons.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The idempotent consumer: runs a handler for a consumed record in a transaction that also records
 * the event id as processed, so a redelivered event changes nothing. Transient failures are retried
 * a bounded number of times; then (or at once, for a malformed event) the exception propagates and
 * the channel's {@code dead-letter-queue} failure strategy parks the record on {@code <topic>.dlq}
 * with the reason in its headers, and the consumer carries on.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "meedoen.inbox.max-attempts", defaultValue = "3")
    int maxAttempts;

    /**
     * @param consumer a stable name for this handler (its processed ids are kept apart from others')
     * @param handler  the business change; throw {@link MalformedEventException} for content that can never work
     */
    public void process(String consumer, ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        CloudEvent event = CloudEventHeaders.read(record);
        String previousCorrelation = CorrelationId.current();
        CorrelationId.set(event.correlationId());
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        if (markProcessed(consumer, event.id())) {
                            handler.accept(event);
                        }
                    });
                    return;
                } catch (MalformedEventException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (attempt >= maxAttempts) {
                        throw e;
                    }
                    LOG.warnf("event %s (%s) failed on attempt %d, retrying: %s", event.id(), event.type(), attempt, e.toString());
                    sleep(100L << attempt);
                }
            }
        } finally {
            CorrelationId.set(previousCorrelation);
        }
    }

    /** True when this is the first time; the insert is part of the handler's transaction. */
    private boolean markProcessed(String consumer, String eventId) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }
}
