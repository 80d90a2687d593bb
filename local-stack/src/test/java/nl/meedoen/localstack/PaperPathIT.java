package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 20's paper path through the gateway: tenants who get their post on paper are invited by letter; the
 * corporation prints their paper questionnaires (a job), each form carrying the short code of the tenant's letter;
 * staff read a code off a returned form and enter her answers with it, once: the same code again is refused as
 * answered already; the results count the paper response.
 */
@ExtendWith({PlatformExtension.class, ContractExtension.class})
class PaperPathIT {

    static final String BASE = "/api/v1/consultations";
    static final Pattern FORM_CODE = Pattern.compile("Code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})");
    static final Pattern LETTER_CODE = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\\b");
    /** A letter's opt-out line (a code of notification-service's own, to type on the preferences page). */
    static final Pattern OPT_OUT_LINE = Pattern.compile(
            "Afmelden:\\s+ga\\s+naar\\s+\\S+\\s+en\\s+typ\\s+de\\s+code\\s+[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}");

    static final String QUESTIONS = """
            {"questions":[
              {"id":"bench","type":"SINGLE_CHOICE","text":{"nl":"Wilt u een bankje bij de voordeur?"},"required":true,
               "options":[{"value":"yes","text":{"nl":"Ja"}},{"value":"no","text":{"nl":"Nee"}}]},
              {"id":"why","type":"TEXT","text":{"nl":"Waarom?"},"maxLength":200}]}""";

    @Test
    void aFormReturnedOnPaperIsEnteredByItsCodeOnce(Platform platform) throws IOException {
        String tag = Journeys.tag();
        String neighbourhood = Journeys.neighbourhood();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            refs.add(Journeys.register(
                    platform, "PP-" + tag + "-" + i, "C-" + tag, neighbourhood, 1950, 30 + i, "nl", "LETTER"));
        }
        Journeys.awaitPopulation(platform, "consultations", refs);
        String id = Journeys.openConsultation(
                platform, """
                        {"kind":"SURVEY","languages":["nl","en"],"title":{"nl":"Bankjes %s","en":"Benches %s"},"anonymity":"PSEUDONYMOUS",
                         "audience":{"type":"SEGMENT","filter":{"neighbourhoodCode":["%s"]}}}""".formatted(tag, tag, neighbourhood), QUESTIONS, ConsultationJourneyIT.STATEMENT);
        await().atMost(Journeys.PATIENCE)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> platform.polling()
                                .get(BASE + "/" + id + "/invitations/counts")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("invited")
                        == 2);

        // the paper forms of every unanswered invitation, printed by a job and downloaded through the gateway
        JsonPath job = Journeys.awaitJob(
                platform,
                platform.api()
                        .body("{}")
                        .post(BASE + "/" + id + "/paper-forms")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        String forms = text(platform.api()
                .accept("application/pdf")
                .get(job.getString("resultLocation"))
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray());
        assertTrue(forms.contains("Wilt u een bankje bij de voordeur?"), forms);
        TreeSet<String> codes = codes(FORM_CODE, forms);
        assertEquals(2, codes.size(), forms);

        // the letters notification-service prints carry the same codes: a form goes into its tenant's envelope
        String batch = Journeys.printLetters(platform, "consultation:" + id, 2);
        String letters = text(platform.api()
                .accept("application/pdf")
                .get(batch + "/letters.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertEquals(
                2, codes(LETTER_CODE, letters).size() - codes.size(), "an opt-out code on each letter: " + letters);
        assertEquals(codes, codes(LETTER_CODE, OPT_OUT_LINE.matcher(letters).replaceAll("")), letters);

        // a returned form: staff type the code as read (lower case, spaces) and enter her answers, once
        String code = codes.first();
        String typed = code.toLowerCase().replace('-', ' ');
        String body = "{\"shortCode\":\"" + typed
                + "\",\"channel\":\"PAPER\",\"answers\":{\"bench\":\"yes\",\"why\":\"Ik loop slecht\"}}";
        platform.api()
                .body(body)
                .post(BASE + "/" + id + "/paper-responses")
                .then()
                .statusCode(201)
                .body("status", equalTo("SUBMITTED"));
        platform.api()
                .body(body)
                .post(BASE + "/" + id + "/paper-responses")
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://meedoen.nl/problems/invitation-used"))
                .body("detail", containsString("already submitted"));
        platform.api()
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("invited", equalTo(2))
                .body("respondents", equalTo(1));
    }

    private static TreeSet<String> codes(Pattern pattern, String text) {
        TreeSet<String> codes = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
