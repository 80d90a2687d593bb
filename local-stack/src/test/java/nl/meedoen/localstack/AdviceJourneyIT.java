package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18's journey (a) through the gateway: the corporation asks the tenant organisation for advice on a
 * rent-policy change; the tenant organisation appoints a focus group and runs its own constituency poll,
 * links both to the trajectory and gives an advice of three recommendations; the corporation answers each,
 * and everyone who took part hears the answers by mail, while the focus group's term has ended.
 */
@ExtendWith({PlatformExtension.class, ContractExtension.class})
class AdviceJourneyIT {

    static final String ADVICE = "/api/v1/advice-trajectories";
    static final String CAMPAIGNS = "/api/v1/campaigns";
    static final String CONSULTATIONS = "/api/v1/consultations";

    @Test
    void aRequestForAdvicePreparedByAFocusGroupAndAPollEndsWithEveryParticipantHearingTheAnswers(Platform platform) {
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refs.add(Journeys.register(
                    platform, "AJ-" + tag + "-" + i, complex, Journeys.neighbourhood(), 1960 + 6 * i, 60 + i));
        }
        Journeys.awaitPopulation(platform, "campaigns", refs);
        Journeys.awaitPopulation(platform, "consultations", refs);
        String organisation = "hv-" + tag;
        Supplier<RequestSpecification> board = () -> platform.as(organisation, "tenant-organisation");
        Supplier<RequestSpecification> corporation = platform::api;

        // the tenant organisation is a party of the register; consultation-service knows it once it has consumed it
        corporation
                .get()
                .body(Map.of("name", "Huurdersvereniging " + tag, "kind", "TENANT_ORGANISATION"))
                .put("/api/v1/organisations/" + organisation)
                .then()
                .statusCode(201);

        // the corporation asks for advice (gevraagd advies), with a document and a deadline
        String subject = "Huurbeleid 2027 " + tag;
        Map<String, Object> request = Map.of(
                "organisation",
                organisation,
                "subject",
                subject,
                "description",
                "Wij vragen advies over de huurverhoging van 2027.",
                "documents",
                List.of(Map.of(
                        "title", "Concept huurbeleid 2027", "url", "https://corporatie.example/huurbeleid-2027.pdf")),
                "deadline",
                LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        String[] created = new String[1];
        await().atMost(Journeys.PATIENCE)
                .pollInterval(java.time.Duration.ofMillis(500))
                .untilAsserted(() -> created[0] = corporation
                        .get()
                        .body(request)
                        .post(ADVICE)
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("REQUESTED"))
                        .body("origin", equalTo("REQUESTED"))
                        .extract()
                        .path("id"));
        String trajectory = created[0];
        platform.as("hv-other-" + tag, "tenant-organisation")
                .get(ADVICE + "/" + trajectory)
                .then()
                .statusCode(404);

        // the tenant organisation forms a focus group by appointment: outreach by mail, four sign up, the board seats
        // three
        String title = "Focusgroep huurbeleid " + tag;
        String focus = board.get()
                .body(Journeys.campaign("FOCUS_GROUP", null, title, 3, complex)
                        .replace("\"organiserParty\":\"corporation\"", "\"organiserParty\":\"tenant-organisation\""))
                .post(CAMPAIGNS)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("APPOINTMENT"))
                .extract()
                .path("id");
        Journeys.agreeAndOpen(board, focus);
        JsonPath outreach = Journeys.awaitJob(
                board,
                board.get()
                        .body(Map.of("source", "MAILING"))
                        .post(CAMPAIGNS + "/" + focus + "/outreach")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals("SUCCEEDED", outreach.getString("status"), outreach.prettify());
        Map<String, SmtpSink.Mail> wanted = Journeys.awaitMails(platform, refs, "Gezocht: huurders voor " + title);
        List<String> signedUp = refs.subList(0, 4);
        for (String ref : signedUp) {
            Journeys.tenant(platform)
                    .body(Map.of(
                            "token",
                            Journeys.find(wanted.get(ref), Journeys.SIGNUP_TOKEN),
                            "motivation",
                            "Ik wil meedenken over de huur"))
                    .post(CAMPAIGNS + "/token-signups")
                    .then()
                    .statusCode(201);
        }
        board.get().post(CAMPAIGNS + "/" + focus + "/close").then().statusCode(200);
        List<String> members = signedUp.subList(0, 3);
        for (String ref : members) {
            board.get()
                    .body(Map.of("tenantRef", ref, "reason", "Kent het huurbeleid van dichtbij"))
                    .post(CAMPAIGNS + "/" + focus + "/appointments")
                    .then()
                    .statusCode(200);
        }
        board.get().post(CAMPAIGNS + "/" + focus + "/seating").then().statusCode(200);
        Journeys.awaitMails(platform, members, "U heeft een plaats in " + title);

        // and runs its own constituency poll (§3.5), private to it; four of the six answer
        String pollTitle = "Achterbanraadpleging huur " + tag;
        String poll = board.get()
                .body(Map.of(
                        "kind",
                        "SURVEY",
                        "languages",
                        List.of("nl"),
                        "title",
                        Map.of("nl", pollTitle),
                        "anonymity",
                        "PSEUDONYMOUS",
                        "audience",
                        Map.of("type", "LIST", "tenantRefs", refs)))
                .post(CONSULTATIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        board.get()
                .header("If-Match", ConsultationJourneyIT.etag(platform, poll))
                .body("""
                {"questions":[{"id":"raise","type":"SINGLE_CHOICE","text":{"nl":"Welke huurverhoging vindt u redelijk?"},"required":true,
                  "options":[{"value":"inflation","text":{"nl":"Gelijk aan de inflatie"}},{"value":"none","text":{"nl":"Geen"}}]}]}""")
                .put(CONSULTATIONS + "/" + poll + "/questionnaire")
                .then()
                .statusCode(200);
        board.get()
                .header("If-Match", ConsultationJourneyIT.etag(platform, poll))
                .body("""
                {"goal":{"nl":"Weten wat onze leden van de huurverhoging vinden"},"canInfluence":{"nl":"Ons advies"},
                 "cannotInfluence":{"nl":"De wettelijke maximale verhoging"},"influenceLevel":"ADVISE",
                 "outcomeUse":{"nl":"Het bestuur neemt de uitkomst mee in zijn advies"},"outcomeBy":"2030-06-30"}""")
                .put(CONSULTATIONS + "/" + poll + "/statement")
                .then()
                .statusCode(200);
        board.get()
                .post(CONSULTATIONS + "/" + poll + "/open")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"));
        Map<String, SmtpSink.Mail> invitations =
                Journeys.awaitMails(platform, refs, "Uw mening gevraagd: " + pollTitle);
        List<String> respondents = List.of(refs.get(0), refs.get(3), refs.get(4), refs.get(5));
        for (String ref : respondents) {
            Journeys.tenant(platform)
                    .header("Invitation-Token", Journeys.find(invitations.get(ref), "#([A-Za-z0-9_-]{22,})"))
                    .body("{\"answers\":{\"raise\":\"inflation\"}}")
                    .post(CONSULTATIONS + "/respondent/response")
                    .then()
                    .statusCode(201);
        }
        corporation
                .get()
                .get(CONSULTATIONS + "/" + poll + "/results")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://meedoen.nl/problems/private-poll"));
        board.get().post(CONSULTATIONS + "/" + poll + "/close").then().statusCode(200);

        // both are the basis of the advice; the board gives it: three recommendations
        board.get()
                .body(Map.of("consultationIds", List.of(poll), "campaignIds", List.of(focus)))
                .put(ADVICE + "/" + trajectory + "/links")
                .then()
                .statusCode(200);
        board.get()
                .post(ADVICE + "/" + trajectory + "/preparation")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PREPARATION"));
        corporation.get().get(ADVICE + "/overview").then().statusCode(200).body("trajectories.id", hasItem(trajectory));
        List<String> recommendations = List.of(
                "Huurverhoging niet hoger dan de inflatie " + tag,
                "Geen verhoging voor huishoudens met een laag inkomen " + tag,
                "Investeer de extra huur in onderhoud " + tag);
        board.get()
                .body(Map.of(
                        "recommendations",
                        recommendations.stream()
                                .map(text -> Map.of("text", text))
                                .toList()))
                .post(ADVICE + "/" + trajectory + "/advice")
                .then()
                .statusCode(200)
                .body("status", equalTo("ADVICE_GIVEN"));

        // a focus group ends when its advice is given (§3.1)
        await().atMost(Journeys.PATIENCE)
                .untilAsserted(() -> board.get()
                        .get(CAMPAIGNS + "/" + focus)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("ENDED")));

        // the corporation answers each recommendation, once
        List<Map<String, Object>> answers = List.of(
                Map.of("number", 1, "answer", "ADOPTED", "reason", "Past in de meerjarenbegroting"),
                Map.of("number", 2, "answer", "ADOPTED_IN_PART", "reason", "Alleen voor 2027"),
                Map.of("number", 3, "answer", "NOT_ADOPTED", "reason", "Onderhoud is al begroot"));
        corporation
                .get()
                .body(Map.of("answers", answers))
                .post(ADVICE + "/" + trajectory + "/response")
                .then()
                .statusCode(200)
                .body("status", equalTo("RESPONSE_GIVEN"))
                .body("recommendations.answer", equalTo(List.of("ADOPTED", "ADOPTED_IN_PART", "NOT_ADOPTED")));
        corporation
                .get()
                .body(Map.of("answers", answers))
                .post(ADVICE + "/" + trajectory + "/response")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));

        // everyone who signed up for the focus group and everyone who answered the poll hears the answers, once each
        Map<String, SmtpSink.Mail> campaignFeedback =
                Journeys.awaitMails(platform, signedUp, "Dit is er gedaan met " + title);
        Map<String, SmtpSink.Mail> pollFeedback =
                Journeys.awaitMails(platform, respondents, "Dit is er gedaan met uw mening over " + pollTitle);
        for (SmtpSink.Mail mail : List.of(campaignFeedback.get(refs.get(0)), pollFeedback.get(refs.get(5)))) {
            assertTrue(
                    mail.text().contains(recommendations.get(1)) && mail.text().contains("Alleen voor 2027"),
                    mail.text());
        }
        for (String ref : refs) {
            assertEquals(
                    signedUp.contains(ref) ? 1 : 0,
                    Journeys.mailsTo(platform, ref, "Dit is er gedaan met " + title)
                            .size(),
                    ref);
            assertEquals(
                    respondents.contains(ref) ? 1 : 0,
                    Journeys.mailsTo(platform, ref, "Dit is er gedaan met uw mening over " + pollTitle)
                            .size(),
                    ref);
        }
    }
}
