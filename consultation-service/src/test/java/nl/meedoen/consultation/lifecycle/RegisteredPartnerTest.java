package nl.meedoen.consultation.lifecycle;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.asClient;
import static nl.meedoen.consultation.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.OrganisationV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import nl.meedoen.organisations.RegisteredOrganisations;
import org.junit.jupiter.api.Test;

/**
 * Tenant organisations are parties of the register (organisations.v1, consumed into the read model on the real broker):
 * a partnerOrganisation names an active one, and every client of an organisation acts for it.
 */
@QuarkusTest
class RegisteredPartnerTest {

    private static final Map<String, Object> NOBODY = Map.of("type", "LIST", "tenantRefs", List.of("T-nobody"));

    private static String newId() {
        return "hv-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> withPartner(String partner) {
        Map<String, Object> body = Api.consultation("SURVEY", NOBODY);
        body.put("partnerOrganisation", partner);
        return body;
    }

    @Test
    void aPartnerOrganisationMustBeARegisteredActiveOrganisation() {
        String unregistered = newId();
        json(as("corporation"), withPartner(unregistered))
                .post(BASE)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("partnerOrganisation"))
                .body(
                        "errors.find { it.field == 'partnerOrganisation' }.message",
                        containsString("unknown tenant organisation " + unregistered));

        String registered = RegisteredOrganisations.register(newId());
        String id = Api.create(as("corporation"), withPartner(registered)); // 201
        as("corporation").get(BASE + "/" + id).then().statusCode(200).body("partnerOrganisation", equalTo(registered));

        // deactivated: no longer named on a new consultation; the draft that names it keeps it when changed otherwise
        RegisteredOrganisations.publish(new OrganisationV1(
                registered,
                "Huurdersorganisatie " + registered,
                OrganisationV1.TENANT_ORGANISATION,
                List.of(),
                List.of(registered),
                false));
        json(as("corporation"), withPartner(registered))
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("partnerOrganisation"));
        Map<String, Object> changed = withPartner(registered);
        changed.put("title", Map.of("nl", "Andere titel", "en", "Another title"));
        json(as("corporation").header("If-Match", Api.etag(as("ops"), id)), changed)
                .put(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("title.nl", equalTo("Andere titel"));
        // and naming an unknown one on an update is refused too
        json(as("corporation").header("If-Match", Api.etag(as("ops"), id)), withPartner(newId()))
                .put(BASE + "/" + id)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("partnerOrganisation"));
    }

    @Test
    void everyClientOfAnOrganisationActsForIt() {
        String organisation = newId();
        String secretary = organisation + "-secretaris";
        RegisteredOrganisations.register(organisation, secretary);
        String coOwned = Api.create(as("corporation"), withPartner(organisation));

        // the second client reads, signs and aligns the co-owned consultation in the organisation's name
        asClient(secretary, "tenant-organisation")
                .get(BASE + "/" + coOwned)
                .then()
                .statusCode(200);
        Api.putStatement(asClient(secretary, "tenant-organisation"), coOwned); // a co-owner writes the statement
        asClient(secretary, "tenant-organisation")
                .post(BASE + "/" + coOwned + "/statement/signatures")
                .then()
                .statusCode(200)
                .body(
                        "statementSignatures.'tenant-organisation'.client",
                        equalTo(secretary)); // who signed: the client itself
        Api.putQuestionnaire(as("corporation"), coOwned, Api.SURVEY)
                .then()
                .statusCode(200); // alignment is on the questions
        json(asClient(organisation, "tenant-organisation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + coOwned + "/alignment")
                .then()
                .statusCode(200);
        asClient("someone-else-" + organisation, "tenant-organisation")
                .get(BASE + "/" + coOwned)
                .then()
                .statusCode(404);

        // a poll one client starts belongs to the organisation: the other client sees and lists it, the initiator is
        // the organisation
        String poll = Api.create(asClient(secretary, "tenant-organisation"), Api.consultation("SURVEY", NOBODY));
        asClient(organisation, "tenant-organisation")
                .get(BASE + "/" + poll)
                .then()
                .statusCode(200)
                .body("initiator.party", equalTo("tenant-organisation"))
                .body("initiator.client", equalTo(organisation));
        List<String> listed = asClient(organisation, "tenant-organisation")
                .queryParam("limit", 500)
                .get(BASE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        assertTrue(listed.contains(poll) && listed.contains(coOwned), listed.toString());
        asClient("someone-else-" + organisation, "tenant-organisation")
                .get(BASE + "/" + poll)
                .then()
                .statusCode(404);
    }

    @Test
    void aClientOfNoRegisteredOrganisationActsForItself() {
        String client = "unregistered-" + UUID.randomUUID().toString().substring(0, 8);
        String poll = Api.create(asClient(client, "tenant-organisation"), Api.consultation("SURVEY", NOBODY));
        asClient(client, "tenant-organisation")
                .get(BASE + "/" + poll)
                .then()
                .statusCode(200)
                .body("initiator.client", equalTo(client));
    }

    @Test
    void aRecordTheReadModelCannotUseGoesToTheDeadLetterTopic() {
        String id = newId();
        try (var dlq = Events.consumer(OrganisationV1.TOPIC + ".dlq")) {
            Events.publish(
                    OrganisationV1.TOPIC,
                    id,
                    UUID.randomUUID().toString(),
                    OrganisationV1.CHANGED,
                    "{\"id\":\"" + newId()
                            + "\",\"name\":\"Ander\",\"kind\":\"TENANT_ORGANISATION\",\"complexIds\":[],\"clients\":[\"x\"],\"active\":true}");
            assertEquals(
                    1,
                    Events.await(dlq, r -> id.equals(r.key()), 1, Duration.ofSeconds(30))
                            .size(),
                    "a key that is not its id is parked");
        }
        json(as("corporation"), withPartner(id)).post(BASE).then().statusCode(422); // and nothing was registered
    }
}
