package nl.meedoen.recruitment.advice;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.recruitment.Fixtures;
import nl.meedoen.recruitment.feedback.Feedback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Feedback for every campaign (principle 5): the organiser's outcome, and the answer to an advice the campaign was the basis of. */
@QuarkusTest
class AdviceFeedbackTest {

    private static void signUp(String id, String ref) {
        as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201);
    }

    /** A focus group (or another appointment form) of the tenant organisation: the first {@code seated} appointed, the rest not. */
    private static String appointed(String form, String complex, List<String> signups, int seated) {
        String id = as("tenant-organisation")
                .body(Fixtures.campaign(form, "tenant-organisation", 5, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Fixtures.open("tenant-organisation", id).then().statusCode(200);
        signups.forEach(ref -> signUp(id, ref));
        as("tenant-organisation").post(BASE + "/" + id + "/close").then().statusCode(200);
        for (String ref : signups.subList(0, seated)) {
            as("tenant-organisation")
                    .body(Map.of("tenantRef", ref, "reason", "Kent het huurbeleid"))
                    .post(BASE + "/" + id + "/appointments")
                    .then()
                    .statusCode(200);
        }
        as("tenant-organisation").post(BASE + "/" + id + "/seating").then().statusCode(200);
        return id;
    }

    /** Every feedback message whose request id starts with {@code prefix}: exactly n, and no more once the outbox has relayed everything. */
    private static List<ConsumerRecord<String, String>> feedback(
            KafkaConsumer<String, String> consumer, String prefix, int n) {
        Predicate<ConsumerRecord<String, String>> match =
                r -> r.value() != null && r.value().contains("\"requestId\":\"" + prefix);
        var found = new ArrayList<>(Events.await(consumer, match, n, Duration.ofSeconds(20)));
        found.addAll(Events.restOnceRelayed(
                consumer,
                match,
                Arc.container().instance(AgroalDataSource.class).get()));
        assertEquals(n, found.size(), found.toString());
        for (var r : found) {
            JsonPath m = JsonPath.from(r.value());
            assertEquals(MessageRequestV1.FEEDBACK, m.getString("purpose"), r.value());
            assertEquals(Feedback.MESSAGE, m.getString("templateKey"), r.value());
            assertEquals(r.key(), m.getString("tenantRef"));
        }
        return found;
    }

    private static TreeSet<String> keys(List<ConsumerRecord<String, String>> records) {
        return new TreeSet<>(records.stream().map(ConsumerRecord::key).toList());
    }

    @Test
    void theOrganisersOutcomeGoesToEveryoneWhoSignedUpOnce() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 4);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = Fixtures.openCampaign(
                Fixtures.campaign("NEIGHBOURHOOD_INSPECTION", "corporation", 2, complex, "NONE", 0));
        refs.forEach(ref -> signUp(id, ref)); // two seated, two waitlisted
        as("corporation")
                .delete(BASE + "/" + id + "/signups/" + refs.get(3))
                .then()
                .statusCode(200); // withdrew: not told
        as("corporation")
                .body(Map.of("outcome", "Te vroeg"))
                .post(BASE + "/" + id + "/outcome")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is OPEN"));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation")
                .body(Map.of("outcome", " "))
                .post(BASE + "/" + id + "/outcome")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("outcome"));
        as("ops")
                .body(Map.of("outcome", "x"))
                .post(BASE + "/" + id + "/outcome")
                .then()
                .statusCode(403);
        String outcome =
                "Bevindingen van de schouw:\n- de verlichting in de brandgang is kapot\n- het speeltuintje wordt in juni hersteld";
        as("corporation")
                .body(Map.of("outcome", outcome))
                .post(BASE + "/" + id + "/outcome")
                .then()
                .statusCode(200)
                .body("feedbackSent", equalTo(3))
                .body("outcome", equalTo(outcome));
        as("corporation")
                .body(Map.of("outcome", "nogmaals"))
                .post(BASE + "/" + id + "/outcome")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CLOSED"));
        var sent = feedback(messages, "recruitment:" + id + ":" + Feedback.MESSAGE + ":", 3);
        assertEquals(new TreeSet<>(refs.subList(0, 3)), keys(sent));
        sent.forEach(r -> assertEquals(outcome, JsonPath.from(r.value()).getString("data.outcome")));
        messages.close();
        as("ops").get(BASE + "/" + id).then().body("outcome", equalTo(outcome));
    }

    @Test
    void anAdviceGivenDissolvesTheLinkedFocusGroupAndItsAnswerIsTheFeedbackOncePerTenant() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 4);
        // refs[1] is in both campaigns
        String focus = appointed("FOCUS_GROUP", complex, refs.subList(0, 3), 2);
        String work = appointed("WORK_GROUP", complex, List.of(refs.get(1), refs.get(3)), 1);
        UUID trajectory = UUID.randomUUID();
        String links = "\"linkedCampaignIds\":[\"" + focus + "\",\"" + work + "\",\"" + UUID.randomUUID()
                + "\"],\"linkedConsultationIds\":[]";

        String given = UUID.randomUUID().toString();
        String givenPayload = "{\"trajectoryId\":\"" + trajectory + "\",\"subject\":\"Huurbeleid 2027\"," + links
                + ",\"givenAt\":\"2027-03-01T10:00:00Z\"}";
        Events.publish(
                "consultation.events.v1", trajectory.toString(), given, AdviceEventConsumer.ADVICE_GIVEN, givenPayload);
        Events.publish(
                "consultation.events.v1",
                trajectory.toString(),
                given,
                AdviceEventConsumer.ADVICE_GIVEN,
                givenPayload); // redelivered
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("ops").get(BASE + "/" + focus).then().body("status", equalTo("ENDED")));
        as("ops").get(BASE + "/" + work).then().body("status", equalTo("SEATED")); // not a focus group: goes on

        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String answered = UUID.randomUUID().toString();
        String answeredPayload = "{\"trajectoryId\":\"" + trajectory + "\",\"subject\":\"Huurbeleid 2027\"," + links
                + ",\"recommendations\":["
                + "{\"number\":1,\"text\":\"Geen huurverhoging boven inflatie\",\"answer\":\"ADOPTED\",\"reason\":\"Past in de begroting\"},"
                + "{\"number\":2,\"text\":\"Huurbevriezing voor lage inkomens\",\"answer\":\"ADOPTED_IN_PART\",\"reason\":\"Alleen voor 2027\"},"
                + "{\"number\":3,\"text\":\"Geen inkomensafhankelijke verhoging\",\"answer\":\"NOT_ADOPTED\",\"reason\":\"Wettelijk kader\"}],"
                + "\"answeredAt\":\"2027-04-01T10:00:00Z\",\"someLaterField\":true}";
        Events.publish(
                "consultation.events.v1",
                trajectory.toString(),
                answered,
                AdviceEventConsumer.ADVICE_ANSWERED,
                answeredPayload);
        Events.publish(
                "consultation.events.v1",
                trajectory.toString(),
                answered,
                AdviceEventConsumer.ADVICE_ANSWERED,
                answeredPayload); // redelivered
        // every sign-up of both campaigns, seated or not, once — refs[1] was in both
        var sent = feedback(messages, "recruitment:advice:" + trajectory + ":" + Feedback.MESSAGE + ":", 4);
        assertEquals(new TreeSet<>(refs), keys(sent));
        String text = JsonPath.from(sent.get(0).value()).getString("data.outcome");
        assertTrue(text.startsWith("Huurbeleid 2027"), text);
        assertTrue(text.contains("1. Geen huurverhoging boven inflatie\n   Overgenomen: Past in de begroting"), text);
        assertTrue(
                text.contains("Deels overgenomen: Alleen voor 2027")
                        && text.contains("Niet overgenomen: Wettelijk kader"),
                text);
        messages.close();
    }

    @Test
    void aMalformedAdviceEventIsParkedOnTheDeadLetterTopicAndTheConsumerGoesOn() {
        var dlq = Events.consumer("consultation.events.v1.dlq");
        String bad = UUID.randomUUID().toString();
        Events.publish(
                "consultation.events.v1",
                bad,
                bad,
                AdviceEventConsumer.ADVICE_ANSWERED,
                "{\"trajectoryId\":\"" + bad + "\",\"linkedCampaignIds\":[]}");
        var parked = Events.await(dlq, r -> bad.equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, parked.size());
        dlq.close();
        // the consumer goes on: a later advice-given still ends its focus group
        String complex = "C-" + UUID.randomUUID();
        String focus = appointed("FOCUS_GROUP", complex, Fixtures.tenants(complex, 1), 1);
        UUID trajectory = UUID.randomUUID();
        Events.publish(
                "consultation.events.v1",
                trajectory.toString(),
                UUID.randomUUID().toString(),
                AdviceEventConsumer.ADVICE_GIVEN,
                "{\"trajectoryId\":\"" + trajectory + "\",\"subject\":\"x\",\"linkedCampaignIds\":[\"" + focus
                        + "\"],\"linkedConsultationIds\":[]," + "\"givenAt\":\"2027-03-01T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("ops").get(BASE + "/" + focus).then().body("status", equalTo("ENDED")));
    }
}
