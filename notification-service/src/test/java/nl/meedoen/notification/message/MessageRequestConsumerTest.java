package nl.meedoen.notification.message;

import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitMail;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.emailTenant;
import static nl.meedoen.notification.TestData.invitation;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.notification.Smtp;
import nl.meedoen.notification.delivery.Delivery;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageRequestConsumerTest {

    private static int deliveries(String requestId) {
        return as("ops")
                .queryParam("requestId", requestId)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items")
                .size();
    }

    @Test
    void aRequestFromKafkaIsSentOnceEvenWhenRedeliveredOrRepublished() {
        String ref = emailTenant("nl");
        String requestId = "consultation-42-" + UUID.randomUUID();
        try (var events = Events.consumer(NotificationEventV1.TOPIC)) {
            String eventId = UUID.randomUUID().toString();
            Events.publish(MessageRequestV1.TOPIC, ref, eventId, MessageRequestV1.TYPE, invitation(requestId, ref));
            Events.publish(
                    MessageRequestV1.TOPIC,
                    ref,
                    eventId,
                    MessageRequestV1.TYPE,
                    invitation(requestId, ref)); // redelivery
            Events.publish(
                    MessageRequestV1.TOPIC,
                    ref,
                    UUID.randomUUID().toString(),
                    MessageRequestV1.TYPE,
                    invitation(requestId, ref)); // producer retry

            assertEquals(1, awaitMail(emailFor(ref), 1).size());
            List<ConsumerRecord<String, String>> sent = Events.await(
                    events,
                    r -> ref.equals(r.key()) && r.value() != null && r.value().contains("\"status\":\"SENT\""),
                    1,
                    Duration.ofSeconds(20));
            assertEquals(1, sent.size());
            ConsumerRecord<String, String> event = sent.get(0);
            assertEquals(NotificationEventV1.DELIVERY_UPDATED, Events.header(event, "ce_type"));
            assertTrue(event.value().contains("\"requestId\":\"" + requestId + "\""), event.value());
            assertTrue(event.value().contains("\"channel\":\"EMAIL\""), event.value());
            assertFalse(event.value().contains("@"), "no email address in events: " + event.value());
            assertTrue(Events.matchesSchema("delivery-updated.v1.schema.json", event.value()), event.value());
            assertTrue(Events.matchesSchema("message-requested.v1.schema.json", invitation(requestId, ref)));
            assertFalse(Events.matchesSchema(
                    "message-requested.v1.schema.json",
                    invitation(requestId, ref).replace("consultation\",", "marketing\",")));
        }
        assertEquals(1, deliveries(requestId));
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> awaitMail(emailFor(ref), 1).size() == 1);
    }

    @Test
    void malformedRequestsGoToTheDeadLetterTopicWithNothingWrittenAndTheConsumerCarriesOn() {
        String ref = emailTenant("nl");
        String unknownTemplate = "bad-template-" + UUID.randomUUID();
        String missingData = "bad-data-" + UUID.randomUUID();
        String good = "good-" + UUID.randomUUID();
        try (var dlq = Events.consumer(MessageRequestV1.TOPIC + ".dlq")) {
            Events.publish(
                    MessageRequestV1.TOPIC, ref, UUID.randomUUID().toString(), MessageRequestV1.TYPE, "{not json");
            Events.publish(
                    MessageRequestV1.TOPIC,
                    ref,
                    UUID.randomUUID().toString(),
                    MessageRequestV1.TYPE,
                    invitation(unknownTemplate, ref).replace("consultation.invitation", "consultation.unknown"));
            Events.publish(
                    MessageRequestV1.TOPIC,
                    ref,
                    UUID.randomUUID().toString(),
                    MessageRequestV1.TYPE,
                    invitation(missingData, ref).replace("\"goal\":\"samen kiezen\",", ""));
            Events.publish(
                    MessageRequestV1.TOPIC, ref, null, MessageRequestV1.TYPE, invitation("no-id", ref)); // no ce_id
            Events.publish(
                    MessageRequestV1.TOPIC,
                    ref,
                    UUID.randomUUID().toString(),
                    MessageRequestV1.TYPE,
                    invitation(good, ref));

            List<ConsumerRecord<String, String>> parked =
                    Events.await(dlq, r -> ref.equals(r.key()), 4, Duration.ofSeconds(30));
            assertEquals(4, parked.size());
            assertTrue(parked.stream().anyMatch(r -> r.value().contains(unknownTemplate)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(good) == 1);
        assertEquals(0, deliveries(unknownTemplate));
        assertEquals(0, deliveries(missingData));
    }

    @Test
    void aRequestArrivingAfterTheTenantsErasureStoresNothingOfHersAndSendsNothing() {
        String ref = emailTenant("nl");
        as("corporation").delete("/api/v1/tenants/" + ref).then().statusCode(204);
        // asked for before her erasure (a sender names her in the request id too), consumed after it
        String requestPrefix = "recruitment:" + UUID.randomUUID() + ":outcome:";
        Events.publish(
                MessageRequestV1.TOPIC,
                ref,
                UUID.randomUUID().toString(),
                MessageRequestV1.TYPE,
                invitation(requestPrefix + ref, ref));

        // recorded as her deliveries were at the erasure: held back under a pseudonym, without its data
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        count("SELECT count(*) FROM delivery WHERE starts_with(request_id, ?1)", requestPrefix) == 1);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) Delivery.getEntityManager()
                .createNativeQuery("SELECT tenant_ref, request_id, status, reason, data, recipient FROM delivery"
                        + " WHERE starts_with(request_id, ?1)")
                .setParameter(1, requestPrefix)
                .getSingleResult());
        assertTrue(((String) row[0]).startsWith("erased-"), (String) row[0]);
        assertEquals(requestPrefix + row[0], row[1]);
        assertEquals("SUPPRESSED", row[2]);
        assertEquals("ERASED", row[3]);
        assertNull(row[4]);
        assertNull(row[5]);
        assertEquals(0, count("SELECT count(*) FROM delivery WHERE strpos(tenant_ref || request_id, ?1) > 0", ref));
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM outbox_event WHERE type = '" + NotificationEventV1.DELIVERY_UPDATED
                                + "' AND (event_key = ?1 OR strpos(payload, ?1) > 0)",
                        ref),
                "no delivery event names her");
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> Smtp.messagesTo(emailFor(ref)).isEmpty());
    }

    private static long count(String query, String parameter) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Delivery.getEntityManager()
                                .createNativeQuery(query)
                                .setParameter(1, parameter)
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void aRequestForAnUnknownTenantIsHeldBackWithTheReason() {
        String requestId = "ghost-" + UUID.randomUUID();
        String ref = "T-ghost-" + UUID.randomUUID().toString().substring(0, 6);
        Events.publish(
                MessageRequestV1.TOPIC,
                ref,
                UUID.randomUUID().toString(),
                MessageRequestV1.TYPE,
                invitation(requestId, ref));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(requestId) == 1);
        as("ops")
                .queryParam("requestId", requestId)
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].status", equalTo("SUPPRESSED"))
                .body("items[0].reason", equalTo("UNKNOWN_TENANT"));
    }

    @Test
    void aRequestForEmailToATenantWithoutEmailBecomesALetterAndTheEventSaysSo() {
        String ref =
                nl.meedoen.notification.TestData.tenant(nl.meedoen.notification.TestData.newRef(), null, "nl", "EMAIL");
        String requestId = "recruitment-outreach-" + UUID.randomUUID();
        String campaign = "campaign:" + UUID.randomUUID();
        String request = invitation(requestId, ref)
                .replace("\"purpose\"", "\"channel\":\"EMAIL\",\"source\":\"" + campaign + "\",\"purpose\"");
        assertTrue(Events.matchesSchema("message-requested.v1.schema.json", request), "source is part of the contract");
        try (var events = Events.consumer(NotificationEventV1.TOPIC)) {
            Events.publish(MessageRequestV1.TOPIC, ref, UUID.randomUUID().toString(), MessageRequestV1.TYPE, request);
            var told = Events.await(
                    events,
                    r -> ref.equals(r.key()) && r.value() != null && r.value().contains(requestId),
                    1,
                    Duration.ofSeconds(20));
            String event = told.get(0).value();
            assertTrue(event.contains("\"channel\":\"LETTER\"") && event.contains("\"status\":\"QUEUED\""), event);
            assertTrue(Events.matchesSchema("delivery-updated.v1.schema.json", event), event);
        }
        as("ops")
                .queryParam("requestId", requestId)
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].channel", equalTo("LETTER"))
                .body("items[0].status", equalTo("QUEUED"))
                .body("items[0].source", equalTo(campaign));
    }
}
