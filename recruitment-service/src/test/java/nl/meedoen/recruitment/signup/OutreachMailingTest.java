package nl.meedoen.recruitment.signup;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MailingRequestV1;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.recruitment.Fixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A campaign outreach as one notification-service mailing, seen from this side: what recruitment writes on
 * notification.requests.v1 (read back from the real broker and checked against notification-service's schemas), and
 * conversion from what notification reports. notification-service's RequestMailingTest feeds these records to the
 * mailing; only the local-stack journey runs both.
 */
@QuarkusTest
class OutreachMailingTest {

    static final Path SCHEMAS = Path.of("..", "notification-service", "src", "main", "resources", "events");

    /** The producer's records against the consumer's schema (not on this module's classpath). */
    static boolean matches(String schema, String json) throws Exception {
        var compiled = io.vertx.json.schema.JsonSchema.of(
                new io.vertx.core.json.JsonObject(Files.readString(SCHEMAS.resolve(schema))));
        return io.vertx.json.schema.Validator.create(
                        compiled,
                        new io.vertx.json.schema.JsonSchemaOptions()
                                .setDraft(io.vertx.json.schema.Draft.DRAFT202012)
                                .setBaseUri("https://meedoen.nl/"))
                .validate(new io.vertx.core.json.JsonObject(json))
                .getValid();
    }

    static void report(String campaignId, String tenantRef, UUID mailingId, String channel, String status) {
        String payload = "{\"deliveryId\":\"" + UUID.randomUUID() + "\",\"requestId\":\"recruitment:" + campaignId
                + ":outreach:MAILING:" + tenantRef
                + "\",\"mailingId\":\"" + mailingId + "\",\"tenantRef\":\"" + tenantRef
                + "\",\"purpose\":\"recruitment\",\"templateKey\":\"recruitment.outreach\","
                + "\"channel\":\"" + channel + "\",\"status\":\"" + status
                + "\",\"occurredAt\":\"2026-01-05T10:00:00Z\"}";
        Events.publish(
                "notification.events.v1",
                tenantRef,
                UUID.randomUUID().toString(),
                "nl.meedoen.notification.delivery-updated.v1",
                payload);
    }

    @Test
    void anOutreachIsOneMailingWhoseMessagesNameItAndItsCampaign() throws Exception {
        String complex = "C-" + UUID.randomUUID();
        List<String> tenants = Fixtures.tenants(complex, 8);
        String id =
                Fixtures.openCampaign(Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", 3, complex, "NONE", 0));
        String source = "campaign:" + id;
        try (var requests = Events.consumer(MessageRequestV1.TOPIC)) {
            JsonPath job = Fixtures.outreach("corporation", id, "MAILING");
            assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
            assertEquals(8, job.getInt("result.messaged"));
            String mailingId = job.getString("result.mailingId");
            assertEquals(job.getString("id"), mailingId, "the job's id is the mailing's");
            assertEquals("/api/v1/mailings/" + mailingId, job.getString("result.mailing"));

            // the mailing request opens it before the messages, and again with their number once all are written
            List<ConsumerRecord<String, String>> mailing =
                    Events.await(requests, r -> mailingId.equals(r.key()), 2, Duration.ofSeconds(20));
            assertEquals(2, mailing.size());
            for (ConsumerRecord<String, String> r : mailing) {
                assertEquals(MailingRequestV1.TYPE, Events.header(r, "ce_type"));
                assertTrue(matches("mailing-requested.v1.schema.json", r.value()), r.value());
                JsonPath m = JsonPath.from(r.value());
                assertEquals(source, m.getString("source"));
                assertEquals("recruitment", m.getString("purpose"));
                assertEquals("recruitment.outreach", m.getString("templateKey"));
                assertNull(m.getString("owner"), "the corporation's campaign: the corporation's mailing");
            }
            assertNull(JsonPath.from(mailing.get(0).value()).get("requested"));
            assertEquals(8, JsonPath.from(mailing.get(1).value()).getInt("requested"));
        }
        try (var requests = Events.consumer(MessageRequestV1.TOPIC)) {
            // read again from the start: the messages of this outreach, each naming the mailing and the campaign
            String mailingId = as("corporation")
                    .get(BASE + "/" + id + "/conversion")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getString("bySource.find { it.source == 'MAILING' }.mailings[0]")
                    .substring("/api/v1/mailings/".length());
            List<ConsumerRecord<String, String>> messages = Events.await(
                    requests,
                    r -> r.value() != null && r.value().contains("\"recruitment:" + id + ":outreach:MAILING:"),
                    8,
                    Duration.ofSeconds(20));
            assertEquals(8, messages.size());
            for (ConsumerRecord<String, String> r : messages) {
                assertEquals(MessageRequestV1.TYPE, Events.header(r, "ce_type"));
                assertTrue(matches("message-requested.v1.schema.json", r.value()), r.value());
                JsonPath m = JsonPath.from(r.value());
                assertEquals(mailingId, m.getString("mailingId"));
                assertEquals(source, m.getString("source"));
                assertTrue(m.getString("data.signUpUrl").contains("#"), "a personal link per tenant");
            }
            assertEquals(
                    8,
                    messages.stream()
                            .map(r -> JsonPath.from(r.value()).getString("data.signUpUrl"))
                            .distinct()
                            .count());

            // notification reports what happened: two emails sent, a letter queued then printed, a letter only queued,
            // one suppressed, one bounced — honestly 3 reached (2 by email, 1 by letter)
            UUID mailing = UUID.fromString(mailingId);
            report(id, tenants.get(0), mailing, "EMAIL", "SENT");
            report(id, tenants.get(1), mailing, "EMAIL", "SENT");
            report(id, tenants.get(2), mailing, "LETTER", "QUEUED");
            report(id, tenants.get(2), mailing, "LETTER", "PRINTED");
            report(id, tenants.get(3), mailing, "LETTER", "QUEUED");
            report(id, tenants.get(4), mailing, "EMAIL", "SUPPRESSED");
            report(id, tenants.get(5), mailing, "EMAIL", "BOUNCED_HARD");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> as("corporation")
                            .get(BASE + "/" + id + "/conversion")
                            .then()
                            .statusCode(200)
                            .body("bySource.find { it.source == 'MAILING' }.requested", equalTo(8))
                            .body("bySource.find { it.source == 'MAILING' }.reached", equalTo(3))
                            .body(
                                    "bySource.find { it.source == 'MAILING' }.reachedByChannel",
                                    equalTo(Map.of("EMAIL", 2, "LETTER", 1))));
        }

        // a letter round is a mailing of its own, its letters asked for by name of the same campaign
        try (var requests = Events.consumer(MessageRequestV1.TOPIC)) {
            JsonPath letters = Fixtures.outreach("corporation", id, "LETTER");
            assertEquals(8, letters.getInt("result.messaged"));
            String letterMailing = letters.getString("result.mailingId");
            List<ConsumerRecord<String, String>> messages = Events.await(
                    requests,
                    r -> r.value() != null && r.value().contains("\"recruitment:" + id + ":outreach:LETTER:"),
                    8,
                    Duration.ofSeconds(20));
            assertEquals(8, messages.size());
            messages.forEach(r -> {
                assertEquals(letterMailing, JsonPath.from(r.value()).getString("mailingId"));
                assertEquals("LETTER", JsonPath.from(r.value()).getString("channel"));
            });
            JsonPath conversion = as("corporation")
                    .get(BASE + "/" + id + "/conversion")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(
                    List.of("/api/v1/mailings/" + letterMailing),
                    conversion.getList("bySource.find { it.source == 'LETTER' }.mailings"));
            assertNotEquals(
                    letterMailing,
                    conversion
                            .getString("bySource.find { it.source == 'MAILING' }.mailings[0]")
                            .substring(17));
        }

        // a repeat messages nobody: no mailing is opened for it
        JsonPath again = Fixtures.outreach("corporation", id, "MAILING");
        assertEquals(0, again.getInt("result.messaged"));
        assertNull(again.get("result.mailingId"));
        assertEquals(
                1,
                as("corporation")
                        .get(BASE + "/" + id + "/conversion")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("bySource.find { it.source == 'MAILING' }.mailings")
                        .size());
    }

    @Test
    void aTenantOrganisationsOwnCampaignOutreachIsItsOwnMailing() {
        String complex = "C-" + UUID.randomUUID();
        Fixtures.tenants(complex, 2);
        String id = as("tenant-organisation")
                .body(Fixtures.campaign("FOCUS_GROUP", "tenant-organisation", 2, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Fixtures.open("tenant-organisation", id).then().statusCode(200);
        try (var requests = Events.consumer(MessageRequestV1.TOPIC)) {
            JsonPath job = Fixtures.outreach("tenant-organisation", id, "MAILING");
            assertEquals(2, job.getInt("result.messaged"), job.prettify());
            String mailingId = job.getString("result.mailingId");
            List<ConsumerRecord<String, String>> mailing =
                    Events.await(requests, r -> mailingId.equals(r.key()), 2, Duration.ofSeconds(20));
            assertEquals(2, mailing.size());
            // the organiser's client owns it in notification-service: it alone (and ops) sees, pauses and resumes it
            // there
            mailing.forEach(r -> {
                String owner = JsonPath.from(r.value()).getString("owner");
                assertTrue(owner != null && !owner.isBlank(), r.value());
            });
        }
    }
}
