package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 end to end through the gateway: tenants registered at notification-service reach
 * consultation-service; a PWE consultation with participation statement and alignment by the tenant
 * organisation is opened; the invitations arrive at the SMTP server; tenants respond with the token
 * from their mail; results count them; the feedback mail reaches everyone invited.
 */
@ExtendWith({PlatformExtension.class, ContractExtension.class})
class ConsultationJourneyIT {

    static final String BASE = "/api/v1/consultations";

    /** Budget 100; playground and football exclude each other; benches and bins go together. */
    static final String PWE = """
            {"questions":[
              {"id":"plan","type":"PWE","text":{"nl":"Verdeel het budget","en":"Spend the budget"},"required":true,
               "pwe":{"constraint":{"type":"BUDGET","budget":100,"allowUnspent":true},"minOptions":1,"maxOptions":3,
                      "exclusiveGroups":[["playground","football"]],"requiredTogether":[["benches","bins"]],
                      "optionMotivation":"OPTIONAL","overallMotivation":"OPTIONAL",
                      "options":[{"id":"playground","text":{"nl":"Speeltuin","en":"Playground"},"cost":60},
                                 {"id":"football","text":{"nl":"Voetbalveldje","en":"Football pitch"},"cost":50},
                                 {"id":"benches","text":{"nl":"Bankjes","en":"Benches"},"cost":20},
                                 {"id":"bins","text":{"nl":"Afvalbakken","en":"Bins"},"cost":10}]}}]}""";

    static final String STATEMENT = """
            {"goal":{"nl":"Samen kiezen wat er in de speeltuin komt","en":"Choose together what the playground gets"},
             "canInfluence":{"nl":"Welke toestellen","en":"Which equipment"},
             "cannotInfluence":{"nl":"De plek en het budget","en":"The location and the budget"},
             "influenceLevel":"ADVISE",
             "outcomeUse":{"nl":"De corporatie volgt het advies","en":"The corporation follows the advice"},
             "outcomeBy":"2027-06-30"}""";

    @Test
    void fromParticipationStatementToFeedbackMailed(Platform platform) {
        String tag = Journeys.tag();
        String neighbourhood = Journeys.neighbourhood();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refs.add(Journeys.register(
                    platform, "CJ-" + tag + "-" + i, "C-" + tag, neighbourhood, i % 2 == 0 ? 1995 : 1960, 10 + i));
        }
        Journeys.awaitPopulation(platform, "consultations", refs);

        String organisation = "ho-" + tag;
        String consultation = """
                {"kind":"PWE","languages":["nl","en"],"title":{"nl":"Speeltuin %s","en":"Playground %s"},"anonymity":"PSEUDONYMOUS",
                 "partnerOrganisation":"%s","audience":{"type":"SEGMENT","filter":{"neighbourhoodCode":["%s"]}}}""".formatted(tag, tag, organisation, neighbourhood);
        // the partner is a party of notification-service's register; until consultation-service has consumed it, it is
        // unknown
        platform.api()
                .body(consultation)
                .post(BASE)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("partnerOrganisation"));
        platform.api()
                .body("{\"name\":\"Huurdersorganisatie " + tag + "\",\"kind\":\"TENANT_ORGANISATION\"}")
                .put("/api/v1/organisations/" + organisation)
                .then()
                .statusCode(201);
        AtomicReference<String> created = new AtomicReference<>();
        await().atMost(Journeys.PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> created.set(platform.api()
                        .body(consultation)
                        .post(BASE)
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("DRAFT"))
                        .extract()
                        .path("id")));
        String id = created.get();
        platform.api()
                .header("If-Match", etag(platform, id))
                .body(PWE)
                .put(BASE + "/" + id + "/questionnaire")
                .then()
                .statusCode(200);
        // the tenant organisation writes the participation statement and agrees with the questions
        platform.as(organisation, "tenant-organisation")
                .header("If-Match", etag(platform, id))
                .body(STATEMENT)
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200);
        platform.as(organisation, "tenant-organisation")
                .body("{\"decision\":\"AGREED\"}")
                .post(BASE + "/" + id + "/alignment")
                .then()
                .statusCode(200);
        platform.api().post(BASE + "/" + id + "/open").then().statusCode(200).body("status", equalTo("OPEN"));

        // one invitation per tenant, delivered over SMTP, with the personal token after '#' in the link
        Map<String, SmtpSink.Mail> invitations =
                Journeys.awaitMails(platform, refs, "Uw mening gevraagd: Speeltuin " + tag);
        for (String ref : refs) {
            assertEquals(
                    1,
                    Journeys.mailsTo(platform, ref, "Uw mening gevraagd: Speeltuin " + tag)
                            .size(),
                    "one invitation for " + ref);
        }
        List<String> tokens = refs.stream()
                .map(r -> Journeys.find(invitations.get(r), "#([A-Za-z0-9_-]{22,})"))
                .toList();
        assertTrue(
                invitations.get(refs.get(0)).text().contains("Samen kiezen wat er in de speeltuin komt"),
                "the goal is in the mail");

        Journeys.tenant(platform)
                .header("Invitation-Token", tokens.get(0))
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("alignment", equalTo("AGREED"));
        // a portfolio over budget that breaks the exclusive group: refused, naming the rules, nothing stored
        submit(platform, tokens.get(0), "[\"playground\",\"football\"]")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("answers.plan.chosen"))
                .body("errors.message", hasItem(containsString("exclusive-group")))
                .body("errors.message", hasItem(containsString("budget")));
        String[] plans = {
            "[\"playground\",\"benches\",\"bins\"]",
            "[\"football\",\"benches\",\"bins\"]",
            "[\"playground\"]",
            "[\"playground\",\"benches\",\"bins\"]"
        };
        for (int i = 0; i < plans.length; i++) {
            submit(platform, tokens.get(i), plans[i]).then().statusCode(201).body("status", equalTo("SUBMITTED"));
        }
        submit(platform, tokens.get(0), plans[0])
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        submit(platform, "not-a-token-" + tag, plans[0])
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));

        platform.api().post(BASE + "/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        submit(platform, tokens.get(5), plans[2]).then().statusCode(409); // closed
        platform.api()
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("invited", equalTo(6))
                .body("respondents", equalTo(4))
                .body("questions[0].options.find { it.value == 'playground' }.count", equalTo(3))
                .body("questions[0].options.find { it.value == 'football' }.count", equalTo(1))
                .body("questions[0].options.find { it.value == 'bins' }.count", equalTo(3));
        platform.api()
                .get(BASE + "/" + id + "/results/representativeness")
                .then()
                .statusCode(200)
                .body(
                        "attributes.find { it.attribute == 'ageBand' }.rows.find { it.value == '18-34' }.invited",
                        equalTo(3));

        platform.api().post(BASE + "/" + id + "/results/publish").then().statusCode(200);
        platform.api()
                .body("{\"text\":{\"nl\":\"De speeltuin komt er in %s.\",\"en\":\"The playground is coming.\"}}"
                        .formatted(tag))
                .post(BASE + "/" + id + "/feedback")
                .then()
                .statusCode(201);
        platform.api().get(BASE + "/" + id).then().body("status", equalTo("FEEDBACK_PUBLISHED"));

        // everyone invited hears back, also who did not answer; the link opens the feedback page with her own token
        Map<String, SmtpSink.Mail> feedback =
                Journeys.awaitMails(platform, refs, "Dit hebben we gedaan met uw mening over Speeltuin " + tag);
        assertEquals(
                tokens.get(5), Journeys.find(feedback.get(refs.get(5)), "/terugkoppeling\\.html#([A-Za-z0-9_-]{22,})"));
        Journeys.tenant(platform)
                .header("Invitation-Token", tokens.get(5))
                .get(BASE + "/respondent/feedback?lang=nl")
                .then()
                .statusCode(200)
                .body("feedback", equalTo("De speeltuin komt er in %s.".formatted(tag)));
    }

    static io.restassured.response.Response submit(Platform platform, String token, String chosen) {
        return Journeys.tenant(platform)
                .header("Invitation-Token", token)
                .body("{\"answers\":{\"plan\":{\"chosen\":" + chosen + "}}}")
                .post(BASE + "/respondent/response");
    }

    static String etag(Platform platform, String id) {
        return platform.api()
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }
}
