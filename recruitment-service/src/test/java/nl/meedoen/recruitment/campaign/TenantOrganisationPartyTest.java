package nl.meedoen.recruitment.campaign;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.Events;
import nl.meedoen.devinfra.TestInfra;
import nl.meedoen.organisations.RegisteredOrganisations;
import nl.meedoen.recruitment.Fixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The tenant organisation as an equal party (issue 18 item 4): it sees every formal-participation campaign of the corporation
 * (read-only, no personal texts), records sign-ups from its own events, and confirms or declines the corporation's appointments
 * in a co-owned campaign; another organisation's campaign is a 404, audited when it asked for the sign-ups.
 */
@QuarkusTest
class TenantOrganisationPartyTest {
    private static final String AUDIT = "/api/v1/audit/recruitment";

    private static RequestSpecification asClient(String client) {
        java.nio.file.Path dir = java.nio.file.Path.of(java.net.URI.create(TestInfra.publicKeyLocation()))
                .getParent();
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(DevTokens.inDirectory(dir).token(client, "tenant-organisation"))
                .contentType(io.restassured.http.ContentType.JSON);
    }

    @Test
    void everyFormalCampaignOfTheCorporationIsVisibleReadOnlyAndOthersAre404Audited() {
        String complex = "C-" + UUID.randomUUID();
        String ref = Fixtures.tenants(complex, 1).get(0);
        String own = "hv-" + UUID.randomUUID();
        String other = "hv-" + UUID.randomUUID();
        String workGroup = as("corporation")
                .body(Fixtures.campaign("WORK_GROUP", "corporation", 3, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String council = as("corporation")
                .body(Fixtures.campaign("TENANT_COUNCIL_ONE_OFF", "corporation", 3, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ownFocusGroup = asClient(own)
                .body(Fixtures.campaign("FOCUS_GROUP", "tenant-organisation", 3, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Fixtures.open("corporation", workGroup).then().statusCode(200);
        as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE", "motivation", "Ik ken de galerijen"))
                .post(BASE + "/" + workGroup + "/signups")
                .then()
                .statusCode(201);

        // the list: the corporation's formal campaign, not its tenant council (§5.1), not another organisation's focus
        // group
        asClient(other)
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(workGroup))
                .body("id", not(hasItem(council)))
                .body("id", not(hasItem(ownFocusGroup)));
        asClient(own)
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(workGroup))
                .body("id", hasItem(ownFocusGroup));
        // read-only: the campaign and its pseudonymous seating, never the motivation, never a change
        asClient(other).get(BASE + "/" + workGroup).then().statusCode(200).body("form", equalTo("WORK_GROUP"));
        asClient(other)
                .get(BASE + "/" + workGroup + "/seating")
                .then()
                .statusCode(200)
                .body("signups", equalTo(1));
        asClient(other)
                .get(BASE + "/" + workGroup + "/signups")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asClient(other)
                .body(Map.of("tenantRef", ref, "source", "EVENT"))
                .post(BASE + "/" + workGroup + "/signups")
                .then()
                .statusCode(404);
        asClient(other)
                .body(Map.of("title", "x"))
                .patch(BASE + "/" + workGroup)
                .then()
                .statusCode(404);
        asClient(other).get(BASE + "/" + council).then().statusCode(404);
        asClient(other).get(BASE + "/" + ownFocusGroup + "/signups").then().statusCode(404);
        as("corporation")
                .get(BASE + "/" + workGroup + "/signups")
                .then()
                .statusCode(200)
                .body("motivation", hasItem("Ik ken de galerijen"));

        // the refusals where personal texts were asked are in the audit log, with who asked; a plain read is not
        for (String id : List.of(workGroup, ownFocusGroup)) {
            JsonPath refused = as("ops")
                    .queryParam("subjectId", id)
                    .queryParam("action", Campaigns.SIGNUPS_REFUSED)
                    .get(AUDIT)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(List.of(other), refused.getList("items.actor"), refused.prettify());
        }
        JsonPath none = as("ops")
                .queryParam("subjectId", council)
                .queryParam("action", Campaigns.SIGNUPS_REFUSED)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(none.getList("items").isEmpty(), none.prettify());
    }

    @Test
    void thePartnerRecordsEventSignupsAndConfirmsOrDeclinesTheCorporationsAppointments() {
        String complex = "C-" + UUID.randomUUID();
        List<String> t = Fixtures.tenants(complex, 4);
        String partner = RegisteredOrganisations.register("hv-" + UUID.randomUUID());
        String other = "hv-" + UUID.randomUUID();
        Map<String, Object> body = Fixtures.campaign("WORK_GROUP", "corporation", 3, complex, "NONE", 0);
        body.put("partnerOrganisation", partner);
        String id = as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("corporation")
                .body(Fixtures.statement())
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200);
        as("corporation").post(BASE + "/" + id + "/statement/signatures").then().statusCode(200);
        asClient(partner).post(BASE + "/" + id + "/statement/signatures").then().statusCode(200);
        as("corporation").post(BASE + "/" + id + "/open").then().statusCode(200);

        // sign-ups from the partner's own evening (EVENT only); another organisation does not reach the campaign
        asClient(partner)
                .body(Map.of("tenantRef", t.get(0), "source", "EVENT", "motivation", "Sprak op de themaavond"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201)
                .body("source", equalTo("EVENT"));
        asClient(partner)
                .body(Map.of("tenantRef", t.get(1), "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("source"));
        asClient(other)
                .body(Map.of("tenantRef", t.get(1), "source", "EVENT"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(404);
        for (String ref : t.subList(1, 4)) {
            as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation").get(BASE + "/" + id + "/signups").then().body("size()", equalTo(4));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        // the corporation's appointments wait for the partner; the partner's own do not
        as("corporation")
                .body(Map.of("tenantRef", t.get(1), "reason", "Kent het onderhoudsplan"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200)
                .body("awaitingPartner", equalTo(true));
        asClient(partner)
                .body(Map.of("tenantRef", t.get(0), "reason", "Bracht de galerijen ter sprake"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200)
                .body("awaitingPartner", equalTo(false))
                .body("outcome", equalTo("SELECTED"));
        as("corporation")
                .body(Map.of("tenantRef", t.get(2), "reason", "Bouwkundige"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200)
                .body("awaitingPartner", equalTo(true));
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("appointments-unconfirmed"))
                .body("detail", containsString(t.get(1)))
                .body("detail", containsString(t.get(2)))
                .body("detail", not(containsString(t.get(0))));
        as("corporation").get(BASE + "/" + id).then().body("status", equalTo("CLOSED"));

        // only the partner answers; an answer is given once
        as("corporation")
                .post(BASE + "/" + id + "/appointments/" + t.get(1) + "/confirm")
                .then()
                .statusCode(403);
        asClient(other)
                .post(BASE + "/" + id + "/appointments/" + t.get(1) + "/confirm")
                .then()
                .statusCode(404);
        asClient(partner)
                .body(Map.of("reason", "Akkoord"))
                .post(BASE + "/" + id + "/appointments/" + t.get(1) + "/confirm")
                .then()
                .statusCode(200)
                .body("awaitingPartner", equalTo(false))
                .body("outcome", equalTo("SELECTED"));
        asClient(partner)
                .body(Map.of("reason", "Liever iemand uit het complex zelf"))
                .post(BASE + "/" + id + "/appointments/" + t.get(2) + "/decline")
                .then()
                .statusCode(200)
                .body("outcome", nullValue())
                .body("selectionReason", nullValue());
        asClient(partner)
                .post(BASE + "/" + id + "/appointments/" + t.get(2) + "/confirm")
                .then()
                .statusCode(409)
                .body("detail", containsString("campaign is CLOSED"));
        asClient(partner)
                .post(BASE + "/" + id + "/appointments/" + t.get(0) + "/decline")
                .then()
                .statusCode(409);
        asClient(partner)
                .body(Map.of("seats", 9))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(403); // the rest stays the corporation's

        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", equalTo("APPOINTED"))
                .body("seated", equalTo(2));
        // the partner sees the reasons; another organisation reads the seating without them
        asClient(partner)
                .get(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("participants.selectionReason", hasItem("Kent het onderhoudsplan"));
        asClient(other)
                .get(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("participants.size()", equalTo(4))
                .body("participants.selectionReason", not(hasItem(org.hamcrest.Matchers.notNullValue())));

        // told once, when the partner had confirmed: the two appointed are seated, the declined one is not (read from
        // the topic's
        // beginning; subscribed only now so the topic exists even when this class runs alone)
        KafkaConsumer<String, String> messages = Events.consumer(MessageRequestV1.TOPIC);
        Predicate<ConsumerRecord<String, String>> seatMessage = r -> r.value() != null
                && (r.value().contains("recruitment:" + id + ":recruitment.seated:")
                        || r.value().contains("recruitment:" + id + ":recruitment.not-seated:"));
        // a fresh consumer group may take long to join on a loaded machine; await returns as soon as all four arrived
        var found = new ArrayList<>(Events.await(messages, seatMessage, 4, Duration.ofSeconds(60)));
        found.addAll(Events.restOnceRelayed(
                messages,
                seatMessage,
                Arc.container().instance(AgroalDataSource.class).get())); // one per tenant and kind: no more arrive
        assertEquals(new TreeSet<>(List.of(t.get(0), t.get(1))), refs(found, "recruitment.seated"), found.toString());
        assertEquals(
                new TreeSet<>(List.of(t.get(2), t.get(3))), refs(found, "recruitment.not-seated"), found.toString());
        assertEquals(4, found.size(), found.toString());
        messages.close();
    }

    private static TreeSet<String> refs(List<ConsumerRecord<String, String>> found, String kind) {
        TreeSet<String> refs = new TreeSet<>();
        found.stream()
                .map(r -> JsonPath.from(r.value()))
                .filter(j -> kind.equals(j.getString("templateKey")))
                .forEach(j -> refs.add(j.getString("tenantRef")));
        return refs;
    }
}
