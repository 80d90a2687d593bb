package nl.meedoen.consultation.advice;

import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.asClient;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import nl.meedoen.organisations.RegisteredOrganisations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Advice trajectories on the real PostgreSQL and Kafka: lifecycle, parties, field rules, events and the feedback mails. */
@QuarkusTest
class AdviceTrajectoryTest {

    static final String BASE = "/api/v1/advice-trajectories";

    static Map<String, Object> request(
            String organisation, String deadline, List<String> consultationIds, List<String> campaignIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        body.put("subject", "Huurbeleid 2027");
        body.put("documents", List.of(Map.of("title", "Concept", "url", "https://example.org/huurbeleid.pdf")));
        body.put("deadline", deadline);
        body.put("consultationIds", consultationIds);
        body.put("campaignIds", campaignIds);
        return body;
    }

    static RequestSpecification org(String client) {
        return asClient(client, "tenant-organisation");
    }

    static String create(RequestSpecification caller, Map<String, Object> body) {
        return Api.json(caller, body)
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
    }

    static final String ADVICE = """
            {"recommendations":[{"text":"Geen verhoging boven 4%"},{"text":"Bevriezing voor lage inkomens"},{"text":"Jaarlijks overleg"}]}""";
    static final String ANSWERS = """
            {"answers":[{"number":1,"answer":"ADOPTED","reason":"Blijft onder 4%."},
                        {"number":2,"answer":"ADOPTED_IN_PART","reason":"Alleen de laagste inkomens."},
                        {"number":3,"answer":"NOT_ADOPTED","reason":"Staat al in de overeenkomst."}]}""";

    @Test
    void requestedAdviceIsGivenAnsweredAndMailedToTheLinkedConsultationsParticipantsEachOnce() {
        List<String> refs = Api.population(Api.prefix(), 6, "BU" + Api.prefix());
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        // PSEUDONYMOUS: only who responded hears back; ANONYMOUS: every invitee (a response is never linked to anyone)
        String pseudonymous = Api.ready("SURVEY", Api.SURVEY, Api.list(refs.subList(0, 4)), "PSEUDONYMOUS");
        String anonymous = Api.ready("SURVEY", Api.SURVEY, Api.list(List.of(refs.get(2), refs.get(4))), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(pseudonymous, refs.subList(0, 4));
        Api.openAndCollectTokens(anonymous, List.of(refs.get(2), refs.get(4)));
        for (String ref : refs.subList(0, 2)) {
            Api.submit(tokens.get(ref), "{\"kids\":\"no\"}").then().statusCode(201);
        }
        String campaign = UUID.randomUUID().toString();

        try (var events = Events.consumer(ConsultationEventV1.TOPIC);
                var requests = Api.requests()) {
            String id = create(
                    as("corporation"), request(ho, "2027-03-31", List.of(pseudonymous, anonymous), List.of(campaign)));
            as("corporation")
                    .get(BASE + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("origin", equalTo("REQUESTED"))
                    .body("status", equalTo("REQUESTED"))
                    .body("organisation", equalTo(ho))
                    .body("overdue", equalTo(false))
                    .body("linkedConsultationIds", equalTo(List.of(pseudonymous, anonymous)))
                    .body("documents[0].title", equalTo("Concept"));

            // out of order: no advice before preparation, no answer before advice
            Api.json(org(ho), ADVICE)
                    .post(BASE + "/" + id + "/advice")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("REQUESTED"));
            Api.json(as("corporation"), ANSWERS)
                    .post(BASE + "/" + id + "/response")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("REQUESTED"));
            org(ho).post(BASE + "/" + id + "/preparation")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("IN_PREPARATION"));
            org(ho).post(BASE + "/" + id + "/preparation")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("IN_PREPARATION"));

            // the parties: the corporation does not advise, the tenant organisation does not answer, another
            // organisation sees nothing
            Api.json(as("corporation"), ADVICE)
                    .post(BASE + "/" + id + "/advice")
                    .then()
                    .statusCode(403);
            org("other-" + Api.prefix()).get(BASE + "/" + id).then().statusCode(404);
            Api.json(org("other-" + Api.prefix()), ADVICE)
                    .post(BASE + "/" + id + "/advice")
                    .then()
                    .statusCode(404);
            as("ops").get(BASE + "/" + id).then().statusCode(200);

            Api.json(org(ho), ADVICE)
                    .post(BASE + "/" + id + "/advice")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ADVICE_GIVEN"))
                    .body("recommendations[2].number", equalTo(3))
                    .body("recommendations[2].answer", nullValue());
            Api.json(org(ho), ADVICE)
                    .post(BASE + "/" + id + "/advice")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("ADVICE_GIVEN"));
            Api.json(org(ho), "{\"consultationIds\":[]}")
                    .put(BASE + "/" + id + "/links")
                    .then()
                    .statusCode(409);
            Api.json(org(ho), ANSWERS)
                    .post(BASE + "/" + id + "/response")
                    .then()
                    .statusCode(403);

            // every recommendation needs its answer; a wrong one names its field and changes nothing
            Api.json(as("corporation"), "{\"answers\":[{\"number\":1,\"answer\":\"MAYBE\",\"reason\":\"x\"}]}")
                    .post(BASE + "/" + id + "/response")
                    .then()
                    .statusCode(422)
                    .body("errors.field", hasItem("answers[0].answer"))
                    .body("errors.field", hasItem("answers"));
            as("corporation").get(BASE + "/" + id).then().body("status", equalTo("ADVICE_GIVEN"));
            Api.json(as("corporation"), ANSWERS)
                    .post(BASE + "/" + id + "/response")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RESPONSE_GIVEN"))
                    .body("recommendations[1].answer", equalTo("ADOPTED_IN_PART"))
                    .body("recommendations[1].reason", equalTo("Alleen de laagste inkomens."));
            Api.json(as("corporation"), ANSWERS)
                    .post(BASE + "/" + id + "/response")
                    .then()
                    .statusCode(409)
                    .body("type", containsString("wrong-status"))
                    .body("detail", containsString("RESPONSE_GIVEN"));

            List<ConsumerRecord<String, String>> facts =
                    Events.await(events, r -> r.key().equals(id), 2, Duration.ofSeconds(20));
            assertEquals(
                    List.of(AdviceEvents.ADVICE_GIVEN, AdviceEvents.ADVICE_ANSWERED),
                    facts.stream().map(r -> Events.header(r, "ce_type")).toList());
            facts.forEach(r ->
                    assertTrue(Api.matchesPublishedSchema(r), "payload violates the published schema: " + r.value()));
            JsonNode given = Api.read(facts.get(0).value());
            assertEquals(
                    List.of(campaign),
                    List.of(given.path("linkedCampaignIds").get(0).asText()));
            JsonNode answered = Api.read(facts.get(1).value());
            assertEquals(
                    "NOT_ADOPTED",
                    answered.path("recommendations").get(2).path("answer").asText());
            assertEquals("Huurbeleid 2027", answered.path("subject").asText());

            // feedback: the two respondents of the pseudonymous consultation and both invitees of the anonymous one,
            // refs[2] (in both) once; refs[3] (invited, no response, pseudonymous) and refs[5] (not invited) not at all
            List<String> expected = List.of(refs.get(0), refs.get(1), refs.get(2), refs.get(4));
            List<ConsumerRecord<String, String>> mails = new ArrayList<>(Events.await(
                    requests,
                    r -> refs.contains(r.key())
                            && AdviceFeedback.TEMPLATE.equals(
                                    Api.read(r.value()).path("templateKey").asText()),
                    4,
                    Duration.ofSeconds(30)));
            mails.addAll(Events.restOnceRelayed(
                    requests,
                    r -> refs.contains(r.key())
                            && AdviceFeedback.TEMPLATE.equals(
                                    Api.read(r.value()).path("templateKey").asText()),
                    Arc.container().instance(AgroalDataSource.class).get()));
            assertEquals(
                    expected, mails.stream().map(ConsumerRecord::key).sorted().toList());
            for (ConsumerRecord<String, String> mail : mails) {
                JsonNode m = Api.read(mail.value());
                assertEquals("feedback", m.path("purpose").asText(), m.toString());
                assertEquals("Huurbeleid 2027", m.path("data").path("subject").asText());
                assertTrue(
                        m.path("data").path("outcome").asText().contains("Bevriezing voor lage inkomens"),
                        m.toString());
                assertTrue(m.path("data").path("consultationTitle").asText().length() > 0, m.toString());
            }

            as("corporation")
                    .post(BASE + "/" + id + "/close")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("CLOSED"));
            org(ho).post(BASE + "/" + id + "/close").then().statusCode(409).body("detail", containsString("CLOSED"));
        }
    }

    @Test
    void bothPartiesSeeTheirOpenTrajectoriesWithDeadlinesAndWhatIsOverdue() {
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        String other = "ho-" + Api.prefix();
        String yesterday = LocalDate.now().minusDays(2).toString();
        String late = create(as("corporation"), request(ho, yesterday, List.of(), List.of()));
        String unsolicited = create(org(ho), request(null, "2099-01-01", List.of(), List.of()));
        String others = create(org(other), request(null, "2099-01-01", List.of(), List.of()));
        org(ho).get(BASE + "/" + unsolicited)
                .then()
                .statusCode(200)
                .body("origin", equalTo("UNSOLICITED"))
                .body("status", equalTo("IN_PREPARATION"));

        org(ho).get(BASE + "/overview")
                .then()
                .statusCode(200)
                .body("open", equalTo(2))
                .body("overdue", equalTo(1))
                .body("trajectories[0].id", equalTo(late))
                .body("trajectories[0].overdue", equalTo(true))
                .body("trajectories[1].id", equalTo(unsolicited))
                .body("trajectories[1].overdue", equalTo(false))
                .body("trajectories.id", not(hasItem(others)));
        as("corporation")
                .get(BASE + "/overview")
                .then()
                .statusCode(200)
                .body("trajectories.id", hasItem(late))
                .body("trajectories.id", hasItem(unsolicited))
                .body("trajectories.id", hasItem(others));
        as("corporation").get(BASE + "/" + late).then().body("overdue", equalTo(true));
        org(other).get(BASE + "/" + late).then().statusCode(404);
        as("survey-frontend").get(BASE + "/overview").then().statusCode(403);

        // once the advice is given it is no longer overdue
        org(ho).post(BASE + "/" + late + "/preparation").then().statusCode(200);
        Api.json(org(ho), ADVICE)
                .post(BASE + "/" + late + "/advice")
                .then()
                .statusCode(200)
                .body("overdue", equalTo(false));
    }

    @Test
    void fieldRulesAre422NamingTheFieldAndMalformedJsonIs400() {
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        Api.json(as("corporation"), request(null, "2027-03-31", List.of(), List.of()))
                .post(BASE)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("organisation")));
        // the organisation asked is a party of the register, not any name
        Api.json(
                        as("corporation"),
                        request("ho-unregistered-" + Api.prefix().toLowerCase(), "2027-03-31", List.of(), List.of()))
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("organisation")))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("unknown tenant organisation"));
        Api.json(as("corporation"), request(ho, "31-03-2027", List.of(), List.of()))
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("deadline")));
        Map<String, Object> badLink =
                request(ho, "2027-03-31", List.of(UUID.randomUUID().toString()), List.of());
        badLink.put("documents", List.of(Map.of("title", "Concept", "url", "javascript:alert(1)")));
        Api.json(as("corporation"), badLink)
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("documents[0].url", "consultationIds[0]")));
        Api.json(org(ho), request("someone-else", "2027-03-31", List.of(), List.of()))
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("organisation")));
        // a tenant organisation cannot link a consultation it cannot see
        String corporations = Api.create(as("corporation"), Api.consultation("SURVEY", Api.list(List.of("x"))));
        Api.json(org(ho), request(null, "2027-03-31", List.of(corporations), List.of()))
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("consultationIds[0]")));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"subject\":")
                .post(BASE)
                .then()
                .statusCode(400);

        String id = create(org(ho), request(null, "2027-03-31", List.of(), List.of()));
        Api.json(org(ho), "{\"recommendations\":[]}")
                .post(BASE + "/" + id + "/advice")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("recommendations")));
        Api.json(org(ho), "{\"recommendations\":[{\"text\":\" \"}]}")
                .post(BASE + "/" + id + "/advice")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("recommendations[0].text")));
        org(ho).get(BASE + "/" + id).then().body("status", equalTo("IN_PREPARATION"));
        as("ops").contentType(ContentType.JSON).body("{}").post(BASE).then().statusCode(403);
        org(ho).get(BASE + "/" + UUID.randomUUID()).then().statusCode(404);
    }
}
