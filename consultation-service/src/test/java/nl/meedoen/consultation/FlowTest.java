package nl.meedoen.consultation;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.asClient;
import static nl.meedoen.consultation.Api.respondent;
import static nl.meedoen.consultation.Api.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.organisations.RegisteredOrganisations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole journey inside the service, on the real broker: PWE with statement and alignment, open,
 * invitations requested from notification-service, responses by token, close, results and
 * representativeness, feedback mailed to everyone invited, and the events on the way.
 */
@QuarkusTest
class FlowTest {

    @Test
    void fromParticipationStatementToFeedback() {
        String neighbourhood = "BU" + Api.prefix();
        List<String> refs = Api.population(Api.prefix(), 6, neighbourhood, "18-34", "65-79");
        String ho = RegisteredOrganisations.register("ho-" + Api.prefix().toLowerCase());
        Map<String, Object> body = Api.consultation("PWE", Api.segment("neighbourhoodCode", neighbourhood));
        body.put("partnerOrganisation", ho);
        String id = Api.create(as("corporation"), body);
        Api.putQuestionnaire(as("corporation"), id, Api.PWE).then().statusCode(200);
        Api.putStatement(asClient(ho, "tenant-organisation"), id); // the co-owner may write the statement too
        Api.json(asClient(ho, "tenant-organisation"), "{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(200);

        try (var requests = Api.requests();
                var events = Events.consumer(ConsultationEventV1.TOPIC)) {
            Api.open(id);
            Map<String, JsonNode> invitations =
                    Api.messages(requests, "consultation.invitation", refs, Duration.ofSeconds(30));
            assertEquals(6, invitations.size());
            String[] plans = {
                "[\"playground\",\"benches\",\"bins\"]",
                "[\"football\",\"benches\",\"bins\"]",
                "[\"playground\"]",
                "[\"playground\",\"benches\",\"bins\"]",
                "[\"football\"]"
            };
            for (int i = 0; i < plans.length; i++) {
                String token = Api.token(invitations.get(refs.get(i)));
                respondent(token)
                        .get(BASE + "/respondent/questionnaire")
                        .then()
                        .statusCode(200)
                        .body("alignment", equalTo("AGREED"));
                submit(token, "{\"plan\":{\"chosen\":" + plans[i] + "}}").then().statusCode(201);
            }
            as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
            as("corporation")
                    .get(BASE + "/" + id + "/results")
                    .then()
                    .statusCode(200)
                    .body("respondents", equalTo(5))
                    .body("invited", equalTo(6))
                    .body("questions[1].options.find { it.value == 'playground' }.count", equalTo(3));
            as("corporation")
                    .get(BASE + "/" + id + "/results/representativeness")
                    .then()
                    .statusCode(200)
                    .body(
                            "attributes.find { it.attribute == 'ageBand' }.rows.find { it.value == '18-34' }.invited",
                            equalTo(3));

            Api.json(as("corporation"), "{\"text\":{\"nl\":\"De speeltuin komt er.\"}}")
                    .post(BASE + "/" + id + "/feedback")
                    .then()
                    .statusCode(409); // results first
            as("corporation").post(BASE + "/" + id + "/results/publish").then().statusCode(200);
            Api.json(as("corporation"), "{\"text\":{\"en\":\"only English\"}}")
                    .post(BASE + "/" + id + "/feedback")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", org.hamcrest.Matchers.startsWith("text"));
            as("survey-frontend")
                    .contentType(ContentType.JSON)
                    .body("{\"text\":{\"nl\":\"x\"}}")
                    .post(BASE + "/" + id + "/feedback")
                    .then()
                    .statusCode(403);
            Api.json(
                            as("corporation"),
                            "{\"text\":{\"nl\":\"De speeltuin komt er.\",\"en\":\"The playground is coming.\"}}")
                    .post(BASE + "/" + id + "/feedback")
                    .then()
                    .statusCode(201)
                    .body("text.en", equalTo("The playground is coming."));
            as("survey-frontend")
                    .get(BASE + "/" + id + "/feedback")
                    .then()
                    .statusCode(200)
                    .body("text.nl", equalTo("De speeltuin komt er."));
            respondent(Api.token(invitations.get(refs.get(0))))
                    .get(BASE + "/respondent/feedback?lang=en")
                    .then()
                    .statusCode(200)
                    .body("feedback", equalTo("The playground is coming."));
            as("ops").get(BASE + "/" + id).then().body("status", equalTo("FEEDBACK_PUBLISHED"));

            // everyone invited hears back, also the one who did not answer
            Map<String, JsonNode> feedback =
                    Api.messages(requests, "consultation.feedback-published", refs, Duration.ofSeconds(20));
            assertEquals(6, feedback.size());
            // the link names the consultation and carries the tenant's own token after '#', the one of her invitation
            for (String ref : refs) {
                String url = feedback.get(ref).path("data").path("feedbackUrl").asText();
                assertTrue(url.contains(id), url);
                assertTrue(url.endsWith("#" + Api.token(invitations.get(ref))), url);
                // her feedback letter prints her invitation's code; typed after closing, it leads to this page
                String code =
                        invitations.get(ref).path("data").path("shortCode").asText();
                assertEquals(
                        code, feedback.get(ref).path("data").path("shortCode").asText(), ref);
                respondent(code.toLowerCase(java.util.Locale.ROOT).replace("-", " "))
                        .get(BASE + "/respondent/questionnaire")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("FEEDBACK_PUBLISHED"))
                        .body("feedbackUrl", equalTo(url));
            }
            // feedback on one's own participation is a service message (budget and purpose opt-outs do not hold it
            // back;
            // an opt-out of everything does): purpose "feedback", while the invitations are "consultation"
            feedback.values()
                    .forEach(m -> assertEquals("feedback", m.path("purpose").asText(), m.toString()));
            invitations
                    .values()
                    .forEach(m -> assertEquals("consultation", m.path("purpose").asText(), m.toString()));

            List<ConsumerRecord<String, String>> facts =
                    Events.await(events, r -> r.key().equals(id), 4, Duration.ofSeconds(20));
            assertEquals(
                    List.of(
                            ConsultationEventV1.OPENED,
                            ConsultationEventV1.CLOSED,
                            ConsultationEventV1.RESULTS_PUBLISHED,
                            ConsultationEventV1.FEEDBACK_PUBLISHED),
                    facts.stream().map(r -> Events.header(r, "ce_type")).toList());
            facts.forEach(r ->
                    assertTrue(Api.matchesPublishedSchema(r), "payload violates the published schema: " + r.value()));
            JsonNode closed = Api.read(facts.get(1).value());
            assertEquals(6, closed.path("invited").asInt());
            assertEquals(5, closed.path("completed").asInt());
        }
    }
}
