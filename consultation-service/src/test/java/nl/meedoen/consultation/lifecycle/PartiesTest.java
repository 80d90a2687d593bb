package nl.meedoen.consultation.lifecycle;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.asClient;
import static nl.meedoen.consultation.Api.respondent;
import static nl.meedoen.consultation.Api.submit;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.Api;
import nl.meedoen.organisations.RegisteredOrganisations;
import org.junit.jupiter.api.Test;

/**
 * The tenant organisation as an equal party: its own poll (§3.5) is private to it — the corporation is refused on its
 * responses, exports and unpublished results unless access is granted — and never waits for the corporation; a
 * corporation's consultation waits for its co-owning tenant organisation only for the alignment period (PT8S in the
 * test profile), then opens with the missing alignment shown to respondents. Both owners of a co-owned consultation
 * see its progress and participation.
 */
@QuarkusTest
class PartiesTest {

    private static final String ANSWER = "{\"kids\":\"no\"}";
    private static final String AUDIT = "/api/v1/audit/consultation";

    @Test
    void aTenantOrganisationsOwnPollIsPrivateToItUnlessItGrantsTheCorporationAccess() {
        String ho = "ho-" + Api.prefix();
        java.util.function.Supplier<RequestSpecification> poll = () -> asClient(ho, "tenant-organisation");
        String other = "ho-other-" + Api.prefix();
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2");
        // PSEUDONYMOUS: a response counts at once, so the results read while the poll is open show it (an
        // ANONYMOUS one waits to be released with k others)
        Map<String, Object> body = Api.consultation("SURVEY", Api.list(refs));
        body.put("anonymity", "PSEUDONYMOUS");
        String id = Api.create(poll.get(), body);
        Api.putQuestionnaire(poll.get(), id, Api.SURVEY).then().statusCode(200);
        Api.putStatement(poll.get(), id);
        as("corporation")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("ownPoll", equalTo(true))
                .body("corporationAccess.granted", equalTo(false))
                .body("alignment.status", equalTo("PENDING"))
                .body("alignment.required", equalTo(false))
                .body("alignment.openableWithoutFrom", nullValue())
                .body("readiness", empty());

        // the corporation's help is an option, never a veto: even its disagreement does not hold the poll back
        Api.json(as("corporation"), "{\"decision\":\"DISAGREED\",\"comment\":\"vraag 2 liever anders\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(200)
                .body("alignment.status", equalTo("DISAGREED"))
                .body("readiness", empty());
        as("corporation").post(BASE + "/" + id + "/open").then().statusCode(403); // and it does not run the poll
        Map<String, String> tokens = Api.openAndCollectTokens(poll.get(), id, refs);
        submit(tokens.get(refs.get(0)), ANSWER).then().statusCode(201);

        // progress is no secret; the responses and unpublished results are
        as("corporation")
                .get(BASE + "/" + id + "/invitations/counts")
                .then()
                .statusCode(200)
                .body("completed", equalTo(1));
        poll.get().get(BASE + "/" + id + "/results").then().statusCode(200).body("respondents", equalTo(1));
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/private-poll"))
                .body("detail", containsString("OPEN"));
        as("ops")
                .get(BASE + "/" + id + "/results/breakdown?attribute=ageBand")
                .then()
                .statusCode(403);
        as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/private-poll"));
        Api.json(as("corporation"), Map.of("format", "responses.csv"))
                .post(BASE + "/" + id + "/exports")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://meedoen.nl/problems/private-poll"));
        String location = Api.json(poll.get(), Map.of("format", "responses.csv"))
                .post(BASE + "/" + id + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        String download = finished(poll.get(), location).getString("resultLocation");
        String csv = poll.get().get(download).then().statusCode(200).extract().asString();
        assertTrue(csv.contains("kids"), csv);
        as("corporation")
                .get(download)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://meedoen.nl/problems/private-poll"));

        // another tenant organisation does not even see it, and leaves a trace
        asClient(other, "tenant-organisation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.json(asClient(other, "tenant-organisation"), Map.of("format", "responses.csv"))
                .post(BASE + "/" + id + "/exports")
                .then()
                .statusCode(404);
        asClient(other, "tenant-organisation").get(download).then().statusCode(404);
        asClient(other, "tenant-organisation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(404);
        asClient(other, "tenant-organisation")
                .put(BASE + "/" + id + "/corporation-access")
                .then()
                .statusCode(404);
        JsonPath refused = as("ops")
                .queryParam("subjectId", id)
                .queryParam("action", ConsultationService.RESPONSES_REFUSED)
                .queryParam("limit", 100)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> actors = refused.getList("items.actor");
        assertTrue(actors.stream().filter(other::equals).count() >= 3, actors.toString());
        assertTrue(
                actors.stream().filter(a -> !other.equals(a)).count() >= 3,
                "the corporation's refusals too: " + actors);

        // granted: the corporation reads the responses, the exports and the results; revoked: refused again
        as("corporation").put(BASE + "/" + id + "/corporation-access").then().statusCode(403);
        poll.get()
                .put(BASE + "/" + id + "/corporation-access")
                .then()
                .statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("corporationAccess.granted", equalTo(true))
                .body("corporationAccess.grantedBy", equalTo(ho));
        as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .body(containsString("kids"));
        as("corporation").get(download).then().statusCode(200);
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", equalTo(1));
        String corporationJob = Api.json(as("corporation"), Map.of("format", "responses.csv"))
                .post(BASE + "/" + id + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        String corporationDownload = finished(as("corporation"), corporationJob).getString("resultLocation");
        as("corporation").get(corporationDownload).then().statusCode(200);

        poll.get()
                .delete(BASE + "/" + id + "/corporation-access")
                .then()
                .statusCode(200)
                .body("corporationAccess.granted", equalTo(false));
        as("corporation").get(BASE + "/" + id + "/exports/responses.csv").then().statusCode(403);
        as("corporation").get(corporationDownload).then().statusCode(403);
        as("corporation").get(BASE + "/" + id + "/results").then().statusCode(403);
        for (String action :
                List.of("consultation.corporation-access.granted", "consultation.corporation-access.revoked")) {
            as("ops")
                    .queryParam("subjectId", id)
                    .queryParam("action", action)
                    .get(AUDIT)
                    .then()
                    .statusCode(200)
                    .body("items.actor", hasItem(ho));
        }

        // published results are the corporation's to read; the raw responses stay private
        poll.get().post(BASE + "/" + id + "/close").then().statusCode(200);
        poll.get().post(BASE + "/" + id + "/results/publish").then().statusCode(200);
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", equalTo(1));
        as("corporation").get(BASE + "/" + id + "/exports/responses.csv").then().statusCode(403);
    }

    @Test
    void onlyATenantOrganisationsOwnPollHasCorporationAccessToGrant() {
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        Map<String, Object> body = Api.consultation("SURVEY", Api.list(List.of("T-nobody")));
        body.put("partnerOrganisation", ho);
        String id = Api.create(as("corporation"), body);
        asClient(ho, "tenant-organisation")
                .put(BASE + "/" + id + "/corporation-access")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/not-own-poll"));
        as("corporation")
                .get(BASE + "/" + id)
                .then()
                .body("ownPoll", equalTo(false))
                .body("corporationAccess", nullValue());
    }

    @Test
    void aCorporationsConsultationWaitsForItsPartnerOnlyForTheAlignmentPeriod() {
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2");
        Map<String, Object> body = Api.consultation("SURVEY", Api.list(refs));
        body.put("partnerOrganisation", ho);
        body.put("anonymity", "PSEUDONYMOUS");
        String id = Api.create(as("corporation"), body);
        Api.putStatement(asClient(ho, "tenant-organisation"), id); // both parties write the statement
        Api.putQuestionnaire(as("corporation"), id, Api.SURVEY).then().statusCode(200);
        JsonPath draft = as("corporation")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("alignment.status", equalTo("PENDING"))
                .body("alignment.required", equalTo(true))
                .extract()
                .jsonPath();
        OffsetDateTime openable = OffsetDateTime.parse(draft.getString("alignment.openableWithoutFrom"));
        OffsetDateTime requested = OffsetDateTime.parse(draft.getString("alignment.requestedAt"));
        assertTrue(!openable.isBefore(requested.plusSeconds(8)), draft.prettify());

        // before the period: 409 naming the pending alignment
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/not-ready"))
                .body("errors.field", hasItem("alignment"))
                .body("detail", containsString("PENDING"));

        // after it: it opens without the alignment, recorded as NOT_GIVEN
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> as("corporation")
                        .get(BASE + "/" + id)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("readiness")
                        .isEmpty());
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        as("ops")
                .get(BASE + "/" + id)
                .then()
                .body("status", equalTo("OPEN"))
                .body("alignment.status", equalTo("NOT_GIVEN"));
        Api.json(asClient(ho, "tenant-organisation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/wrong-status"))
                .body("detail", containsString("OPEN"));

        // respondents are told that the tenant organisation did not align
        respondent(tokens.get(refs.get(0)))
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("alignment", equalTo("NOT_GIVEN"))
                .body("missingAlignment.party", equalTo("tenant-organisation"))
                .body("missingAlignment.organisation", equalTo(ho))
                .body("missingAlignment.requestedAt", org.hamcrest.Matchers.notNullValue());
        submit(tokens.get(refs.get(0)), ANSWER).then().statusCode(201);

        // both owners see the progress, the (pseudonymous) participation and the responses
        for (RequestSpecification party : List.of(as("corporation"), asClient(ho, "tenant-organisation"))) {
            party.get(BASE + "/" + id + "/invitations/counts")
                    .then()
                    .statusCode(200)
                    .body("invited", equalTo(2))
                    .body("completed", equalTo(1));
        }
        for (RequestSpecification party : List.of(as("corporation"), asClient(ho, "tenant-organisation"))) {
            party.get(BASE + "/" + id + "/results").then().statusCode(200).body("respondents", equalTo(1));
        }
        asClient(ho, "tenant-organisation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .body(containsString("kids"));
    }

    @Test
    void bothPartiesSignTheStatementAndAConsultationWhosePartnerAgreedShowsNoMissingAlignment() {
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        List<String> refs = List.of(Api.prefix() + "-1");
        Map<String, Object> body = Api.consultation("SURVEY", Api.list(refs));
        body.put("partnerOrganisation", ho);
        String id = Api.create(as("corporation"), body);
        Api.putStatement(as("corporation"), id);
        Api.putQuestionnaire(as("corporation"), id, Api.SURVEY).then().statusCode(200);

        // both parties sign the statement; a different statement needs new signatures
        String signatures = BASE + "/" + id + "/statement/signatures";
        as("corporation")
                .get(BASE + "/" + id)
                .then()
                .body("statementUnsignedBy", equalTo(List.of("corporation", "tenant-organisation")));
        as("corporation")
                .post(signatures)
                .then()
                .statusCode(200)
                .body("statementSignatures.corporation.at", notNullValue())
                .body("statementUnsignedBy", equalTo(List.of("tenant-organisation")));
        asClient("ho-other-" + Api.prefix(), "tenant-organisation")
                .post(signatures)
                .then()
                .statusCode(404);
        as("ops").post(signatures).then().statusCode(403);
        asClient(ho, "tenant-organisation")
                .post(signatures)
                .then()
                .statusCode(200)
                .body("statementSignatures.'tenant-organisation'.client", equalTo(ho))
                .body("statementUnsignedBy", empty());
        Api.json(
                        asClient(ho, "tenant-organisation").header("If-Match", Api.etag(as("ops"), id)),
                        Api.STATEMENT.replace("ADVISE", "CO_DECIDE"))
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200)
                .body("statementUnsignedBy", equalTo(List.of("corporation", "tenant-organisation")));
        as("corporation").post(signatures).then().statusCode(200);
        asClient(ho, "tenant-organisation")
                .post(signatures)
                .then()
                .statusCode(200)
                .body("statementUnsignedBy", empty());

        Api.json(asClient(ho, "tenant-organisation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(200)
                .body("alignment.openableWithoutFrom", nullValue());
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        respondent(tokens.get(refs.get(0)))
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("alignment", equalTo("AGREED"))
                .body("missingAlignment", nullValue())
                .body("statement.signedBy", equalTo(List.of("corporation", "tenant-organisation")));
        as("corporation")
                .post(signatures)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/wrong-status"))
                .body("detail", containsString("OPEN"));
    }

    private static JsonPath finished(RequestSpecification caller, String location) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String status = caller.get(location)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
                    return !"QUEUED".equals(status) && !"RUNNING".equals(status);
                });
        JsonPath job = caller.get(location).then().statusCode(200).extract().jsonPath();
        assertTrue("SUCCEEDED".equals(job.getString("status")), job.prettify());
        return job;
    }
}
