package nl.meedoen.recruitment.campaign;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static nl.meedoen.recruitment.campaign.CampaignApiTest.asClient;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.organisations.RegisteredOrganisations;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Tenant organisations are parties of the register (organisations.v1, consumed into the read model on the real broker):
 * a campaign's partnerOrganisation names an active one, and every client of an organisation acts for it.
 */
@QuarkusTest
class RegisteredPartnerCampaignTest {

    private static String newId() {
        return "hv-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> withPartner(String partner) {
        // not a formal-participation form, which every tenant organisation may read
        Map<String, Object> body = Fixtures.campaign("TENANT_COUNCIL_ONE_OFF", "corporation", 3, "C-x", "NONE", 0);
        body.put("partnerOrganisation", partner);
        return body;
    }

    @Test
    void aPartnerOrganisationMustBeARegisteredActiveOrganisation() {
        String unregistered = newId();
        as("corporation")
                .body(withPartner(unregistered))
                .post(BASE)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("partnerOrganisation"))
                .body(
                        "errors.find { it.field == 'partnerOrganisation' }.message",
                        containsString("unknown tenant organisation " + unregistered));

        String registered = RegisteredOrganisations.register(newId());
        String id = as("corporation")
                .body(withPartner(registered))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("partnerOrganisation", equalTo(registered))
                .extract()
                .path("id");
        as("corporation")
                .body(Map.of("partnerOrganisation", newId()))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("partnerOrganisation"));
        as("corporation")
                .body(Map.of("seats", 4))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("partnerOrganisation", equalTo(registered));
    }

    @Test
    void everyClientOfAnOrganisationActsForIt() {
        String organisation = newId();
        String secretary = organisation + "-secretaris";
        RegisteredOrganisations.register(organisation, secretary);
        String coOwned = as("corporation")
                .body(withPartner(organisation))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("corporation")
                .body(Fixtures.statement())
                .put(BASE + "/" + coOwned + "/statement")
                .then()
                .statusCode(200);

        // the second client reads the co-owned campaign and signs for the organisation; who signed is the client itself
        asClient(secretary, "tenant-organisation")
                .get(BASE + "/" + coOwned)
                .then()
                .statusCode(200);
        asClient(secretary, "tenant-organisation")
                .post(BASE + "/" + coOwned + "/statement/signatures")
                .then()
                .statusCode(200)
                .body("statementSignatures.tenant-organisation.client", equalTo(secretary))
                .body("statementUnsignedBy", equalTo(List.of("corporation")));
        asClient("someone-else-" + organisation, "tenant-organisation")
                .get(BASE + "/" + coOwned)
                .then()
                .statusCode(404);

        // a campaign one client organises belongs to the organisation: the other client sees and changes it
        String own = asClient(secretary, "tenant-organisation")
                .body(Fixtures.campaign("FOCUS_GROUP", "tenant-organisation", 3, "C-x", "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asClient(organisation, "tenant-organisation")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(own))
                .body("id", hasItem(coOwned));
        asClient(organisation, "tenant-organisation")
                .body(Map.of("seats", 5))
                .patch(BASE + "/" + own)
                .then()
                .statusCode(200);
        asClient("someone-else-" + organisation, "tenant-organisation")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", not(hasItem(own)));
    }
}
