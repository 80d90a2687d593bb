package nl.meedoen.consultation.response;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.Api;
import org.junit.jupiter.api.Test;

/** A response received on paper or by phone, entered by staff against the tenant's short code. */
@QuarkusTest
class PaperResponseTest {

    static final String VALID =
            "{\"kids\":\"yes\",\"howMany\":2,\"use\":[\"slide\"],\"satisfaction\":4,\"priority\":[\"green\",\"safety\",\"play\"]}";

    @Inject
    EntityManager em;

    /** tenantRef → short code of the opened consultation's invitations, read from the mailed requests. */
    static Map<String, String> openAndCollectCodes(String id, List<String> refs) {
        try (var requests = Api.requests()) {
            Api.open(id);
            Map<String, JsonNode> invitations =
                    Api.messages(requests, "consultation.invitation", refs, Duration.ofSeconds(30));
            return Map.of(
                    refs.get(0),
                    invitations.get(refs.get(0)).path("data").path("shortCode").asText(),
                    refs.get(1),
                    invitations.get(refs.get(1)).path("data").path("shortCode").asText(),
                    refs.get(2),
                    invitations.get(refs.get(2)).path("data").path("shortCode").asText(),
                    "token:" + refs.get(1),
                    Api.token(invitations.get(refs.get(1))));
        }
    }

    static RequestSpecification enter(String role, String id, String code, String channel, String answers) {
        return as(role).contentType(ContentType.JSON)
                .body("{\"shortCode\":\"" + code + "\",\"channel\":\"" + channel + "\",\"answers\":" + answers + "}")
                .basePath(BASE + "/" + id + "/paper-responses");
    }

    @Test
    void aPaperResponseCountsOnceAsItsChannelAndNeverBesideAnOnlineOne() {
        List<String> refs = List.of(Api.prefix() + "-p", Api.prefix() + "-o", Api.prefix() + "-x");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        Map<String, String> codes = openAndCollectCodes(id, refs);

        // typed from the paper form as people type it: lower case, spaces for dashes
        String typed = codes.get(refs.get(0)).toLowerCase().replace('-', ' ');
        enter("corporation", id, typed, "PAPER", VALID)
                .post()
                .then()
                .statusCode(201)
                .body("consultationId", equalTo(id))
                .body("status", equalTo("SUBMITTED"));
        enter("corporation", id, codes.get(refs.get(0)), "PHONE", VALID)
                .post()
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/invitation-used"));

        // answered online first: the paper one is refused, and the other way round
        submit(codes.get("token:" + refs.get(1)), VALID).then().statusCode(201);
        enter("corporation", id, codes.get(refs.get(1)), "PAPER", VALID)
                .post()
                .then()
                .statusCode(409);

        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", equalTo(2));
        assertEquals(List.of("PAPER"), channels(id), "the paper response says so; the online one says nothing");
        assertEquals(
                1L,
                scalar("SELECT count(*) FROM audit_log WHERE action = 'response.entered' AND subject_id = '" + id
                        + "' AND details NOT LIKE '%" + refs.get(0) + "%'"),
                "audited, without naming the tenant");

        // bad input changes nothing
        enter("corporation", id, codes.get(refs.get(2)), "FAX", VALID)
                .post()
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("channel"));
        enter("corporation", id, "ZZZZ-ZZZZ-ZZ", "PAPER", VALID)
                .post()
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        enter("corporation", id, codes.get(refs.get(2)), "PAPER", "{\"kids\":\"perhaps\"}")
                .post()
                .then()
                .statusCode(422);
        enter("ops", id, codes.get(refs.get(2)), "PAPER", VALID).post().then().statusCode(403);
        Api.asClient("some-other-organisation", "tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"shortCode\":\"" + codes.get(refs.get(2)) + "\",\"channel\":\"PAPER\",\"answers\":" + VALID
                        + "}")
                .post(BASE + "/" + id + "/paper-responses")
                .then()
                .statusCode(404);
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", equalTo(2));
    }

    @Test
    void anAnonymousPaperResponseDoesNotSayHowItCame() {
        List<String> refs = List.of(Api.prefix() + "-p", Api.prefix() + "-o", Api.prefix() + "-x");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        Map<String, String> codes = openAndCollectCodes(id, refs);
        enter("corporation", id, codes.get(refs.get(0)), "PAPER", VALID)
                .post()
                .then()
                .statusCode(201);
        submit(codes.get("token:" + refs.get(1)), VALID).then().statusCode(201);
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200); // releases what waits
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", equalTo(2));
        assertEquals(
                2L, scalar("SELECT count(*) FROM response WHERE consultation_id = '" + id + "' AND channel IS NULL"));
    }

    private List<String> channels(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT channel FROM response WHERE consultation_id = ?1 AND channel IS NOT NULL",
                                String.class)
                        .setParameter(1, java.util.UUID.fromString(id))
                        .getResultList());
    }

    private long scalar(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
