package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SurveyJS reference frontend (examples/surveyjs-frontend) in a real browser against the packaged
 * platform: the sample consultation is seeded through the gateway as {@code ./meedoen seed-survey} does,
 * the page is served by the gateway, and examples/surveyjs-frontend/test/browser-test.mjs drives Debian's
 * Chromium with playwright-core through every question type, a draft, a PWE portfolio the server refuses
 * and the corrected submission. Then the results API must count the response.
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
        SurveySeed.Seeded seeded = seed.seed(
                1,
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
        NodeScripts.npmCi(example, out, "playwright-core", "survey-js-ui");
        given().baseUri(platform.gatewayUrl())
                .get(SurveySeed.PAGE + "node_modules/survey-core/survey.core.min.js")
                .then()
                .statusCode(200);

        NodeScripts.browserTest(example, out, Map.of("PAGE_URL", pageUrl), BROWSER_TEST_MINUTES);

        seed.close(seeded.consultationId()); // one ANONYMOUS response is counted when released: here, at closing
        JsonNode results = seed.results(seeded.consultationId());
        assertEquals(1, results.path("invited").asInt(), results.toString());
        assertEquals(1, results.path("respondents").asInt(), "the browser's response is counted: " + results);
        List<String> answered = new ArrayList<>();
        results.path("questions").forEach(q -> {
            if (q.path("answered").asInt() == 1) {
                answered.add(q.path("type").asText());
            }
        });
        assertEquals(
                List.of("SINGLE_CHOICE", "NUMBER", "MULTIPLE_CHOICE", "SCALE", "RANKING", "TEXT", "PWE"),
                answered,
                "every question type answered once: " + results);
        // What the browser answered (browser-test.mjs), as the results report it.
        assertEquals(1, option(results, "kids", "yes").path("count").asInt(), results.toString());
        assertEquals(2.0, question(results, "howMany").path("mean").asDouble(), results.toString());
        assertEquals(1, option(results, "use", "meet").path("count").asInt(), results.toString());
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
                .body("completed", equalTo(1));
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
