package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example pages (examples/) in a real browser against the packaged platform, served by the gateway, each driven by
 * its test/browser-test.mjs on Debian's Chromium with playwright-core (examples/surveyjs-frontend/test/chromium.mjs,
 * the set-up both share; the packages come from the SurveyJS example's npm ci).
 * <ul>
 * <li>The SurveyJS reference frontend: the sample consultation is seeded through the gateway as {@code ./meedoen
 * seed-survey} does; every question type, a draft, a PWE portfolio the server refuses and the corrected submission.
 * A second respondent answers the whole survey by keyboard alone. Then the results API must count both responses.</li>
 * <li>The same page from the invitation mails at the SMTP sink of a five-language consultation: a Dutch and an
 * Arabic reader (right to left), each in a browser asking for her language, axe-core clean.</li>
 * <li>The public draw page: a lottery with a seed ceremony, drawn through the gateway; a selected tenant opens the
 * link from their mail, finds their own number from it, in Dutch and in Arabic (right to left), axe-core clean and
 * reflowing in every language; the record the browser downloads verifies.</li>
 * </ul>
 * Needs node and npm (the script installs chromium with apt when missing); fails, never skips, without them.
 */
@ExtendWith(PlatformExtension.class)
class SurveyJsBrowserIT {

    private static final long BROWSER_TEST_MINUTES = 5;

    @Test
    void aRespondentAnswersEveryQuestionTypeInChromiumAndTheResultsCountIt(Platform platform) throws Exception {
        Stack stack = platform.stack();
        Path example = stack.settings().repoRoot().resolve("examples/surveyjs-frontend");
        Path out = Path.of("target/surveyjs-browser-test").toAbsolutePath();
        Files.createDirectories(out);

        SurveySeed seed = new SurveySeed(platform.gatewayUrl(), stack.tokens().tokenForRole("corporation"));
        // two respondents: one answers with mouse and keyboard, the other by keyboard alone, the same answers
        int respondents = 2;
        SurveySeed.Seeded seeded = seed.seed(
                respondents,
                stack.jdbcUrl("consultation"),
                SurveySeed.tokenSecret(stack.settings().dataDir()));
        String pageUrl = seed.pageUrl(seeded.tokens().get(0));

        // The gateway serves the page (the local stack switches that on) and its SurveyJS packages after npm ci.
        given().baseUri(platform.gatewayUrl())
                .get(SurveySeed.PAGE)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("survey-js-ui"));
        NodeScripts.npmCi(example, out, "playwright-core", "survey-js-ui", "axe-core");
        given().baseUri(platform.gatewayUrl())
                .get(SurveySeed.PAGE + "node_modules/survey-core/survey.core.min.js")
                .then()
                .statusCode(200);

        // a letter's way in: the gateway's /c (here: this page without a token) and the short code typed by hand
        NodeScripts.browserTest(
                example,
                out,
                Map.of(
                        "PAGE_URL",
                        pageUrl,
                        "CODE_URL",
                        platform.gatewayUrl() + "/c",
                        "SHORT_CODE",
                        seeded.shortCodes().get(0),
                        "KEYBOARD_URL",
                        seed.pageUrl(seeded.tokens().get(1))),
                BROWSER_TEST_MINUTES);

        seed.close(seeded.consultationId()); // one ANONYMOUS response is counted when released: here, at closing
        JsonNode results = seed.results(seeded.consultationId());
        assertEquals(respondents, results.path("invited").asInt(), results.toString());
        assertEquals(
                respondents, results.path("respondents").asInt(), "both browsers' responses are counted: " + results);
        List<String> answered = new ArrayList<>();
        results.path("questions").forEach(q -> {
            if (q.path("answered").asInt() == respondents) {
                answered.add(q.path("type").asText());
            }
        });
        assertEquals(
                List.of("SINGLE_CHOICE", "NUMBER", "MULTIPLE_CHOICE", "SCALE", "RANKING", "TEXT", "PWE"),
                answered,
                "every question type answered by both: " + results);
        // What the browser answered (browser-test.mjs), as the results report it.
        assertEquals(respondents, option(results, "kids", "yes").path("count").asInt(), results.toString());
        assertEquals(2.0, question(results, "howMany").path("mean").asDouble(), results.toString());
        assertEquals(respondents, option(results, "use", "meet").path("count").asInt(), results.toString());
        assertEquals(4.0, question(results, "satisfaction").path("mean").asDouble(), results.toString());
        assertEquals(
                1.0,
                option(results, "priority", "green").path("meanRank").asDouble(),
                "ranked first by keyboard: " + results);
        JsonNode pwe = question(results, "plan").path("pwe");
        assertEquals(
                "[\"benches\",\"bins\",\"playground\"]",
                pwe.path("topPortfolios").path(0).path("options").toString(),
                "the fixed portfolio: " + pwe);
        assertEquals(
                0,
                option(results, "plan", "football").path("count").asInt(),
                "the refused portfolio left nothing: " + results);
        assertEquals(80000.0, pwe.path("meanMeasure").asDouble(), pwe.toString());
        assertEquals(
                "For the children",
                pwe.path("motivations").path("playground").path(0).asText(),
                pwe.toString());
        platform.api()
                .get("/api/v1/consultations/" + seeded.consultationId() + "/invitations/counts")
                .then()
                .statusCode(200)
                .body("completed", equalTo(respondents));
    }

    @Test
    void aDutchAndAnArabicReaderOpenTheirMailedInvitationInTheirOwnLanguage(Platform platform) throws Exception {
        Path example = platform.stack().settings().repoRoot().resolve("examples/surveyjs-frontend");
        Path out = Path.of("target/surveyjs-mailed-browser-test").toAbsolutePath();
        Files.createDirectories(out);
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        String neighbourhood = Journeys.neighbourhood();
        String dutch = Journeys.register(platform, "SJ-" + tag + "-nl", complex, neighbourhood, 1970, 1, "nl");
        String arabic = Journeys.register(platform, "SJ-" + tag + "-ar", complex, neighbourhood, 1990, 2, "ar");
        Journeys.awaitPopulation(platform, "consultations", List.of(dutch, arabic));
        Journeys.FiveLanguages consultation =
                Journeys.openFiveLanguageConsultation(platform, tag, List.of(dutch, arabic));
        String titleNl = consultation.text("/consultation/title", "nl");
        String titleAr = consultation.text("/consultation/title", "ar");
        String link = "(http\\S+" + java.util.regex.Pattern.quote(SurveySeed.PAGE) + "#\\S+)";
        NodeScripts.npmCi(example, out, "playwright-core", "survey-js-ui", "axe-core");
        NodeScripts.browserTest(
                example,
                out,
                Map.of(
                        "MAILED_NL",
                        Journeys.find(
                                Journeys.awaitMails(platform, List.of(dutch), titleNl)
                                        .get(dutch),
                                link),
                        "MAILED_AR",
                        Journeys.find(
                                Journeys.awaitMails(platform, List.of(arabic), titleAr)
                                        .get(arabic),
                                link),
                        "MAILED_TITLE_NL",
                        titleNl,
                        "MAILED_TITLE_AR",
                        titleAr),
                BROWSER_TEST_MINUTES);
        // both links were opened in the browser, as the invitations count them
        platform.api()
                .get("/api/v1/consultations/" + consultation.id() + "/invitations/counts")
                .then()
                .statusCode(200)
                .body("opened", equalTo(2));
    }

    @Test
    void aTenantFindsTheirOwnNumberOnThePublicDrawPageAndItsDownloadVerifies(Platform platform) throws Exception {
        Stack stack = platform.stack();
        Path out = Path.of("target/draw-page-browser-test").toAbsolutePath();
        Files.createDirectories(out);
        NodeScripts.npmCi( // the shared browser set-up
                stack.settings().repoRoot().resolve("examples/surveyjs-frontend"), out, "playwright-core", "axe-core");

        // a lottery for 2 seats among 4 tenants, one seat for the 18-34s, its seed from a two-party ceremony
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(Journeys.register(
                    platform, "DP-" + tag + "-" + i, complex, Journeys.neighbourhood(), i < 2 ? 1995 : 1980, 40 + i));
        }
        Journeys.awaitPopulation(platform, "campaigns", refs);
        String title = "Loting " + tag;
        String campaigns = "/api/v1/campaigns";
        String id = Journeys.openCampaign(platform, Journeys.campaign(title, 2, complex));
        for (String ref : refs) {
            platform.api()
                    .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                    .post(campaigns + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        platform.api().post(campaigns + "/" + id + "/close").then().statusCode(200);
        Map<String, String> secrets =
                Map.of("corporation", "a1f3c5e7b9d2-corporatie-" + tag, "witness:Buurtbewoner", "6-2-5 " + tag);
        Journeys.commitSeeds(platform::api, id, secrets);
        JsonPath job = Journeys.awaitJob(
                platform,
                platform.api()
                        .body(Map.of(
                                "algorithm",
                                "leximin",
                                "quotas",
                                List.of(Map.of("attribute", "ageBand", "value", "18-34", "min", 1, "max", 1))))
                        .post(campaigns + "/" + id + "/draw/commit")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        Journeys.revealSeeds(platform::api, id, secrets);
        JsonPath drawn = platform.api()
                .body(Map.of())
                .post(campaigns + "/" + id + "/draw/seed")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String ref = drawn.getString("participants.find { it.outcome == 'SELECTED' }.tenantRef");

        // the gateway's merged OpenAPI documents the page's two reads as public
        for (String path : List.of(
                "/api/v1/campaigns/public-draws/{publicId}", "/api/v1/campaigns/public-draws/{publicId}/record")) {
            given().baseUri(platform.gatewayUrl())
                    .get("/openapi")
                    .then()
                    .statusCode(200)
                    .body("paths.'" + path + "'.get.'x-meedoen-public'", equalTo("public draw id"));
        }

        // the tenant's mail: the page's link and their own number in the draw, nobody else's
        SmtpSink.Mail mail = Journeys.awaitMails(platform, List.of(ref), "U bent gekozen voor " + title)
                .get(ref);
        String pageUrl = Journeys.find(mail, "(https?://\\S+/examples/draw-page/#[0-9a-f-]{36})");
        String pseudonym = Journeys.find(mail, "Uw lotnummer is ([0-9a-f-]{36})");
        assertEquals(drawn.getString("participants.find { it.tenantRef == '" + ref + "' }.signupId"), pseudonym);

        NodeScripts.browserTest(
                stack.settings().repoRoot().resolve("examples/draw-page"),
                out,
                Map.of("PAGE_URL", pageUrl, "PSEUDONYM", pseudonym, "EXPECTED", "selected"),
                BROWSER_TEST_MINUTES);

        // what the browser downloaded is the parties' record, and it verifies against the commitment
        String downloaded = Files.readString(out.resolve("record.json"));
        assertEquals(
                platform.api()
                        .get(campaigns + "/" + id + "/draw/record")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                downloaded);
        platform.api()
                .queryParam("commitment", drawn.getString("commitment"))
                .body(downloaded)
                .post(campaigns + "/draws/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(true));
    }

    private static JsonNode question(JsonNode results, String id) {
        for (JsonNode q : results.path("questions")) {
            if (id.equals(q.path("id").asText())) {
                return q;
            }
        }
        return fail("no question " + id + " in " + results);
    }

    private static JsonNode option(JsonNode results, String questionId, String value) {
        for (JsonNode o : question(results, questionId).path("options")) {
            if (value.equals(o.path("value").asText())) {
                return o;
            }
        }
        return fail("no option " + value + " of " + questionId + " in " + results);
    }
}
