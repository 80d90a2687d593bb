package nl.meedoen.consultation.lifecycle;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.asClient;
import static nl.meedoen.consultation.Api.consultation;
import static nl.meedoen.consultation.Api.create;
import static nl.meedoen.consultation.Api.etag;
import static nl.meedoen.consultation.Api.json;
import static nl.meedoen.consultation.Api.putQuestionnaire;
import static nl.meedoen.consultation.Api.putStatement;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import nl.meedoen.organisations.RegisteredOrganisations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class LifecycleTest {

    private static final Map<String, Object> ALL = Map.of("type", "LIST", "tenantRefs", List.of("T-nobody"));

    @Test
    void aDraftIsCreatedWithAnETagAndSaysWhatItStillNeeds() {
        String id = as("corporation")
                .contentType(ContentType.JSON)
                .body(Api.write(consultation("SURVEY", ALL)))
                .post(BASE)
                .then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .header("Location", org.hamcrest.Matchers.matchesPattern(BASE + "/[0-9a-f-]{36}"))
                .body("status", equalTo("DRAFT"))
                .body("initiator.party", equalTo("corporation"))
                .body("alignment.status", equalTo("NOT_APPLICABLE"))
                .body("readiness.field", hasItem("statement"))
                .body("readiness.field", hasItem("questionnaire"))
                .extract()
                .jsonPath()
                .getString("id");
        as("ops")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("audience.listSize", equalTo(1));
    }

    /** Malformed JSON, a value of the wrong type or an unknown property: 400. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"kind\":\"SURVEY\"", // truncated
                "{\"kind\":\"POLL\",\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"ALL\"}}", // not an enum value
                "{\"kind\":\"SURVEY\",\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"ALL\"},\"colour\":1}", // unknown field
                "null",
                ""
            })
    void badInputIsA400Problem(String body) {
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    /** A well-formed body whose value breaks a rule: 422 naming the field, nothing stored. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "title|{\"kind\":\"SURVEY\",\"title\":{\"en\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"ALL\"}}", // no Dutch title
                "audience|{\"kind\":\"SURVEY\",\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"SEGMENT\",\"filter\":{\"shoeSize\":[\"42\"]}}}",
                "audience|{\"kind\":\"SURVEY\",\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"LIST\"}}",
                "audience|{\"kind\":\"SURVEY\",\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"PANEL_WAVE\",\"waveId\":\"w\"}}", // no panel
                "closesAt|{\"kind\":\"SURVEY\",\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"ALL\"},\"closesAt\":\"2001-01-01T00:00:00Z\"}",
                "languages|{\"kind\":\"SURVEY\",\"languages\":[\"dutch\"],\"title\":{\"nl\":\"x\"},\"anonymity\":\"ANONYMOUS\",\"audience\":{\"type\":\"ALL\"}}"
            })
    void aFieldRuleIsA422NamingTheField(String fieldAndBody) {
        String field = fieldAndBody.substring(0, fieldAndBody.indexOf('|'));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(fieldAndBody.substring(field.length() + 1))
                .post(BASE)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors[0].field", org.hamcrest.Matchers.startsWith(field));
    }

    @Test
    void aMissingRequiredValueIsA422NamingIt() {
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"SURVEY\",\"title\":{\"nl\":\"x\"},\"audience\":{\"type\":\"ALL\"}}")
                .post(BASE)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("anonymity"));
    }

    @Test
    void rolesDecideWhoMayCreateAndRead() {
        String body = Api.write(consultation("SURVEY", ALL));
        given().contentType(ContentType.JSON)
                .body(body)
                .post(BASE)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as("ops").contentType(ContentType.JSON).body(body).post(BASE).then().statusCode(403);
        String id = create(as("tenant-organisation"), consultation("SURVEY", ALL));
        given().get(BASE + "/" + id).then().statusCode(401);
        as("survey-frontend").get(BASE + "/" + id).then().statusCode(403);
        as("ops")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("initiator.party", equalTo("tenant-organisation"))
                .body("alignment.status", equalTo("PENDING"));
        as("ops")
                .header("If-Match", "\"0\"")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(403);
    }

    @Test
    void aTenantOrganisationSeesOnlyWhatItInitiatedOrCoOwns() {
        String own = create(asClient("ho-noord", "tenant-organisation"), consultation("SURVEY", ALL));
        Map<String, Object> shared = consultation("SURVEY", ALL);
        shared.put("partnerOrganisation", RegisteredOrganisations.register("ho-noord"));
        String coOwned = create(as("corporation"), shared);
        String corporationOnly = create(as("corporation"), consultation("SURVEY", ALL));

        asClient("ho-noord", "tenant-organisation").get(BASE + "/" + own).then().statusCode(200);
        asClient("ho-noord", "tenant-organisation")
                .get(BASE + "/" + coOwned)
                .then()
                .statusCode(200);
        asClient("ho-noord", "tenant-organisation")
                .get(BASE + "/" + corporationOnly)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asClient("ho-zuid", "tenant-organisation").get(BASE + "/" + own).then().statusCode(404);
        asClient("ho-zuid", "tenant-organisation")
                .get(BASE + "/" + coOwned)
                .then()
                .statusCode(404);

        List<String> listed = asClient("ho-noord", "tenant-organisation")
                .queryParam("limit", 500)
                .get(BASE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        assertEquals(
                true,
                listed.contains(own) && listed.contains(coOwned) && !listed.contains(corporationOnly),
                listed.toString());
        List<String> zuid = asClient("ho-zuid", "tenant-organisation")
                .queryParam("limit", 500)
                .get(BASE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        assertEquals(false, zuid.contains(own) || zuid.contains(coOwned));

        // the corporation sees the tenant organisation's own poll but does not change it; the co-owner changes the
        // shared one
        as("corporation").get(BASE + "/" + own).then().statusCode(200);
        json(as("corporation").header("If-Match", "\"0\""), consultation("SURVEY", ALL))
                .put(BASE + "/" + own)
                .then()
                .statusCode(403);
        json(asClient("ho-noord", "tenant-organisation").header("If-Match", "\"0\""), Api.STATEMENT)
                .put(BASE + "/" + coOwned + "/statement")
                .then()
                .statusCode(200);
        json(asClient("ho-zuid", "tenant-organisation").header("If-Match", "\"1\""), Api.STATEMENT)
                .put(BASE + "/" + coOwned + "/statement")
                .then()
                .statusCode(404);
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String id = create(as("corporation"), consultation("SURVEY", ALL));
        Map<String, Object> changed = consultation("SURVEY", ALL);
        changed.put("title", Map.of("nl", "Andere titel"));
        json(as("corporation"), changed)
                .put(BASE + "/" + id)
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        json(as("corporation").header("If-Match", "\"5\""), changed)
                .put(BASE + "/" + id)
                .then()
                .statusCode(412);
        json(as("corporation").header("If-Match", "\"0\""), changed)
                .put(BASE + "/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("title.nl", equalTo("Andere titel"));
        json(as("corporation").header("If-Match", "\"0\""), Api.STATEMENT)
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(412);
    }

    @Test
    void openingNeedsAStatementQuestionsAndTheOtherPartysAlignment() {
        Map<String, Object> body = consultation("SURVEY", ALL);
        body.put("partnerOrganisation", RegisteredOrganisations.register("ho-west"));
        String id = create(as("corporation"), body);
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/not-ready"))
                .body("errors.field", hasItem("statement"))
                .body("errors.field", hasItem("questionnaire"));

        putStatement(as("corporation"), id);
        putQuestionnaire(as("corporation"), id, Api.SURVEY)
                .then()
                .statusCode(200)
                .header("X-Questionnaire-Version", "1");
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .body("errors.field", hasItem("alignment"));

        // only the other party aligns
        json(as("corporation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(403);
        json(asClient("ho-oost", "tenant-organisation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(404);
        json(asClient("ho-west", "tenant-organisation"), "{\"decision\":\"MAYBE\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(400); // not a value of the type
        json(asClient("ho-west", "tenant-organisation"), "{\"decision\":\"PENDING\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("decision")); // a value of the type, but not a decision
        json(
                        asClient("ho-west", "tenant-organisation"),
                        "{\"decision\":\"DISAGREED\",\"comment\":\"vraag 3 is sturend\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(200)
                .body("alignment.status", equalTo("DISAGREED"))
                .body("alignment.by", equalTo("ho-west"))
                .body("alignment.questionnaireVersion", equalTo(1));

        // on disagreement every question must say who asks it; saying so does not undo the decision
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .body("errors.field", hasItem("questionnaire.questions[0].askedBy"));
        String withAskedBy = Api.SURVEY.replace("\"type\":", "\"askedBy\":\"corporation\",\"type\":");
        putQuestionnaire(as("corporation"), id, withAskedBy).then().statusCode(200);
        as("ops").get(BASE + "/" + id).then().body("alignment.status", equalTo("DISAGREED"));

        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("openedAt", notNullValue())
                .body("readiness", nullValue());
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/wrong-status"));
    }

    @Test
    void changingTheQuestionsAsksForANewAlignment() {
        String id = create(asClient("ho-centrum", "tenant-organisation"), consultation("SURVEY", ALL));
        putQuestionnaire(asClient("ho-centrum", "tenant-organisation"), id, Api.SURVEY)
                .then()
                .statusCode(200);
        json(asClient("ho-centrum", "tenant-organisation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(403);
        json(as("corporation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(200)
                .body("alignment.status", equalTo("AGREED"));
        putQuestionnaire(
                        asClient("ho-centrum", "tenant-organisation"),
                        id,
                        Api.SURVEY.replace("Opmerkingen", "Nog iets?"))
                .then()
                .statusCode(200);
        as("ops")
                .get(BASE + "/" + id)
                .then()
                .body("alignment.status", equalTo("PENDING"))
                .body("questionnaireVersion", equalTo(2));
    }

    @Test
    void theQuestionnaireIsFrozenOnceOpen() {
        String id = Api.ready("SURVEY", Api.SURVEY, ALL, "ANONYMOUS");
        Api.open(id);
        putQuestionnaire(as("corporation"), id, Api.SURVEY)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/questionnaire-frozen"));
        json(as("corporation").header("If-Match", etag(as("ops"), id)), Api.STATEMENT)
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(409);
        json(as("corporation").header("If-Match", etag(as("ops"), id)), consultation("SURVEY", ALL))
                .put(BASE + "/" + id)
                .then()
                .statusCode(409);
        as("ops").get(BASE + "/" + id + "/questionnaire").then().statusCode(200).body("questions.id", hasItem("kids"));
    }

    @Test
    void transitionsFollowTheLifecycle() {
        String id = Api.ready("SURVEY", Api.SURVEY, ALL, "ANONYMOUS");
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(409);
        as("corporation").post(BASE + "/" + id + "/results/publish").then().statusCode(409);
        try (var events = Events.consumer(ConsultationEventV1.TOPIC)) {
            Api.open(id);
            as("corporation")
                    .header("If-Match", "\"0\"")
                    .post(BASE + "/" + id + "/close")
                    .then()
                    .statusCode(412);
            as("corporation")
                    .post(BASE + "/" + id + "/close")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("CLOSED"));
            as("corporation")
                    .post(BASE + "/" + id + "/results/publish")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RESULTS_PUBLISHED"));
            List<ConsumerRecord<String, String>> got =
                    Events.await(events, r -> r.key().equals(id), 3, Duration.ofSeconds(20));
            assertEquals(
                    List.of(
                            ConsultationEventV1.OPENED,
                            ConsultationEventV1.CLOSED,
                            ConsultationEventV1.RESULTS_PUBLISHED),
                    got.stream().map(r -> Events.header(r, "ce_type")).toList());
            assertEquals(
                    "ANONYMOUS", Api.read(got.get(1).value()).path("anonymity").asText());
            assertEquals(0, Api.read(got.get(1).value()).path("completed").asInt());
        }
    }

    @Test
    void itOpensAndClosesOnSchedule() {
        Map<String, Object> body = consultation("SURVEY", ALL);
        body.put("opensAt", Api.inSeconds(1).toString());
        String id = create(as("corporation"), body);
        await().pollDelay(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> as("ops").get(BASE + "/" + id).jsonPath().getString("scheduleProblem") != null);
        as("ops")
                .get(BASE + "/" + id)
                .then()
                .body("status", equalTo("DRAFT"))
                .body("scheduleProblem", org.hamcrest.Matchers.containsString("statement"));
        putQuestionnaire(as("corporation"), id, Api.SURVEY).then().statusCode(200);
        // the save cleared scheduleProblem and the scheduler writes it again (a new ETag): let it, so the statement's
        // If-Match holds
        await().atMost(Duration.ofSeconds(5))
                .until(() -> as("ops").get(BASE + "/" + id).jsonPath().getString("scheduleProblem") != null);
        putStatement(as("corporation"), id);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        "OPEN".equals(as("ops").get(BASE + "/" + id).jsonPath().getString("status")));
        // once open only the closing time and reminders may change
        String opensAt = as("ops").get(BASE + "/" + id).jsonPath().getString("schedule.opensAt");
        json(
                        as("corporation").header("If-Match", etag(as("ops"), id)),
                        Map.of("opensAt", Api.inSeconds(60).toString()))
                .put(BASE + "/" + id + "/schedule")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("opensAt"));
        json(
                        as("corporation").header("If-Match", etag(as("ops"), id)),
                        Map.of("opensAt", opensAt, "closesAt", Api.inSeconds(2).toString()))
                .put(BASE + "/" + id + "/schedule")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "CLOSED"
                        .equals(as("ops").get(BASE + "/" + id).jsonPath().getString("status")));
    }

    @Test
    void unknownConsultationsAndBadIdsAreProblems() {
        as("corporation")
                .get(BASE + "/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("corporation").get(BASE + "/not-a-uuid").then().statusCode(404);
        as("corporation")
                .queryParam("status", "SLEEPING")
                .get(BASE)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
        as("corporation").queryParam("after", "!!").get(BASE).then().statusCode(400);
        as("corporation").get(BASE + "?limit=1").then().statusCode(200).body("items.size()", not(equalTo(2)));
    }
}
