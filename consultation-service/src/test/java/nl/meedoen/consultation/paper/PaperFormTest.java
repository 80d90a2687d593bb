package nl.meedoen.consultation.paper;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.meedoen.consultation.Api;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** Paper questionnaires read back as staff and tenants read them: the PDF's text, extracted with PDFBox. */
@QuarkusTest
class PaperFormTest {

    static final String JOBS = "/api/v1/jobs/consultation/";
    static final Pattern CODE = Pattern.compile("Code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})");

    /** Every question type: the survey's six, conditions, and a PWE block with every rule stated in words. */
    static final String EVERY_TYPE = """
            {"questions":[
              {"id":"kids","type":"SINGLE_CHOICE","text":{"nl":"Heeft u kinderen?","en":"Do you have children?"},"required":true,
               "options":[{"value":"yes","text":{"nl":"Ja","en":"Yes"}},{"value":"no","text":{"nl":"Nee","en":"No"}}]},
              {"id":"howMany","type":"NUMBER","text":{"nl":"Hoeveel kinderen?","en":"How many children?"},"min":1,"max":12,"integer":true,
               "visibleIf":{"question":"kids","op":"equals","value":"yes"}},
              {"id":"use","type":"MULTIPLE_CHOICE","text":{"nl":"Wat gebruikt u?"},"help":{"nl":"Denk aan de laatste maand."},"min":1,"max":2,
               "options":[{"value":"swings","text":{"nl":"Schommels"}},{"value":"slide","text":{"nl":"Glijbaan"}},{"value":"sandpit","text":{"nl":"Zandbak"}}]},
              {"id":"satisfaction","type":"SCALE","text":{"nl":"Hoe tevreden bent u?","en":"How satisfied are you?"},"min":1,"max":5,
               "minLabel":{"nl":"Ontevreden"},"maxLabel":{"nl":"Tevreden"}},
              {"id":"remarks","type":"TEXT","text":{"nl":"Opmerkingen"},"maxLength":300},
              {"id":"priority","type":"RANKING","text":{"nl":"Zet in volgorde"},
               "options":[{"value":"safety","text":{"nl":"Veiligheid"}},{"value":"green","text":{"nl":"Groen"}},{"value":"play","text":{"nl":"Spelen"}}]},
              {"id":"plan","type":"PWE","text":{"nl":"Verdeel het budget","en":"Spend the budget"},"required":true,
               "pwe":{"constraint":{"type":"BUDGET","budget":100000,"allowUnspent":false},"minOptions":1,"maxOptions":3,
                      "exclusiveGroups":[["playground","football"]],"requiredTogether":[["benches","bins"]],
                      "requires":[{"option":"lights","requires":"benches"}],
                      "optionMotivation":"REQUIRED","overallMotivation":"OPTIONAL",
                      "options":[{"id":"playground","text":{"nl":"Speeltuin","en":"Playground"},"cost":60000,
                                  "description":{"nl":"Een nieuwe speeltuin bij de school"},"pros":[{"nl":"Voor kinderen"}],"cons":[{"nl":"Lawaai"}]},
                                 {"id":"football","text":{"nl":"Voetbalveldje","en":"Football pitch"},"cost":50000},
                                 {"id":"benches","text":{"nl":"Bankjes","en":"Benches"},"cost":20000},
                                 {"id":"bins","text":{"nl":"Afvalbakken","en":"Bins"},"cost":10000},
                                 {"id":"lights","text":{"nl":"Lantaarns","en":"Lights"},"cost":5000}]}}]}""";

    /** A valid online answer: three options (the most), motivated. */
    static final String ONLINE = "{\"kids\":\"no\",\"plan\":{\"chosen\":[\"playground\",\"benches\",\"bins\"],"
            + "\"motivations\":{\"playground\":\"a\",\"benches\":\"b\",\"bins\":\"c\"}}}";

    static final List<String> QUESTIONS = List.of(
            "Heeft u kinderen?",
            "Hoeveel kinderen?",
            "Wat gebruikt u?",
            "Hoe tevreden bent u?",
            "Opmerkingen",
            "Zet in volgorde",
            "Verdeel het budget");
    static final List<String> OPTIONS = List.of(
            "Ja",
            "Nee",
            "Schommels",
            "Glijbaan",
            "Zandbak",
            "Veiligheid",
            "Groen",
            "Spelen",
            "Speeltuin (kost 60.000)",
            "Voetbalveldje (kost 50.000)",
            "Bankjes (kost 20.000)",
            "Afvalbakken (kost 10.000)",
            "Lantaarns (kost 5.000)");

    @Test
    void theFormsOfTheUnansweredInvitationsHoldEveryQuestionTheBudgetAndEachInvitationsOwnCode() throws IOException {
        List<String> refs = List.of(Api.prefix() + "-a", Api.prefix() + "-b", Api.prefix() + "-c");
        String id = Api.ready("PWE", EVERY_TYPE, Api.list(refs), "PSEUDONYMOUS");
        OffsetDateTime closes = OffsetDateTime.of(2031, 3, 14, 12, 0, 0, 0, ZoneOffset.UTC);
        Api.json(
                        as("corporation").header("If-Match", Api.etag(as("ops"), id)),
                        Map.of("closesAt", closes.toString(), "reminders", List.of()))
                .put(BASE + "/" + id + "/schedule")
                .then()
                .statusCode(200);
        Map<String, JsonNode> invitations = open(id, refs);
        Map<String, String> codes = new LinkedHashMap<>();
        invitations.forEach((ref, request) ->
                codes.put(ref, request.path("data").path("shortCode").asText()));
        // the first tenant answers online: her invitation gets no paper form
        Api.submit(Api.token(invitations.get(refs.get(0))), ONLINE).then().statusCode(201);

        JsonPath job = finished(start(id, "", "{}"));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        assertEquals(2, job.getInt("result.forms"));
        assertEquals(2, job.getLong("done"));
        String download = job.getString("resultLocation");
        assertTrue(download.matches(BASE + "/" + id + "/paper-forms/[0-9a-f-]{36}"), download);

        byte[] pdf = as("corporation")
                .get(download)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", containsString("attachment"))
                .extract()
                .asByteArray();
        List<String> pages = pages(pdf);
        String all = String.join("\n", pages);
        for (String text : QUESTIONS) {
            assertTrue(all.contains(text), text + " missing in\n" + all);
        }
        for (String text : OPTIONS) {
            assertTrue(all.contains(text), text + " missing in\n" + all);
        }
        for (String rule : List.of(
                "Budget: 100.000. Kies opties die samen niet meer kosten.",
                "Gebruik het hele budget",
                "Kies 1 tot 3 opties.",
                "Hoogstens één van: Speeltuin, Voetbalveldje.",
                "Alleen samen: Bankjes, Afvalbakken.",
                "Lantaarns alleen als u ook Bankjes kiest.",
                "Een nieuwe speeltuin bij de school",
                "Voordelen: Voor kinderen.",
                "Waarom kiest u dit? (verplicht als u het kiest)",
                "Alleen beantwoorden als uw antwoord op vraag 1 ‘Ja’ is.",
                "Kruis 1 tot 2 vakjes aan.",
                "1 = Ontevreden, 5 = Tevreden.",
                "Nieuwe speeltuin",
                "14 maart 2031",
                "Doel",
                "Samen kiezen wat er in de speeltuin komt")) {
            assertTrue(all.contains(rule), rule + " missing in\n" + all);
        }

        // every page names its invitation; each unanswered invitation has its own form, in the order of the codes
        List<String> onPages = new ArrayList<>();
        for (String page : pages) {
            Matcher m = CODE.matcher(page);
            assertTrue(m.find(), "a page without a code:\n" + page);
            onPages.add(m.group(1));
        }
        List<String> forms = onPages.stream().distinct().toList();
        assertEquals(
                List.of(codes.get(refs.get(1)), codes.get(refs.get(2))).stream()
                        .sorted()
                        .toList(),
                forms);
        assertEquals(
                pages.size() / 2, onPages.stream().filter(forms.get(0)::equals).count(), "two forms alike");
        assertFalse(all.contains(codes.get(refs.get(0))), "the answered invitation gets no form");

        // the code read from the form enters the tenant's answers
        Api.json(
                        as("corporation"),
                        Map.of(
                                "shortCode",
                                forms.get(0),
                                "channel",
                                "PAPER",
                                "answers",
                                Map.of(
                                        "kids",
                                        "no",
                                        "plan",
                                        Map.of(
                                                "chosen",
                                                List.of("football", "benches", "bins"),
                                                "motivations",
                                                Map.of("football", "x", "benches", "x", "bins", "x")))))
                .post(BASE + "/" + id + "/paper-responses")
                .then()
                .statusCode(201);

        // in another of the consultation's languages, for the tenant named (the one not answered yet)
        String unanswered = codes.get(refs.get(1)).equals(forms.get(1)) ? refs.get(1) : refs.get(2);
        String answered = unanswered.equals(refs.get(1)) ? refs.get(2) : refs.get(1);
        JsonPath english = finished(start(id, "?lang=en", "{\"tenantRefs\":[\"" + unanswered + "\"]}"));
        assertEquals(1, english.getInt("result.forms"), english.prettify());
        String en = String.join(
                "\n",
                pages(as("corporation")
                        .get(english.getString("resultLocation"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray()));
        for (String text : List.of(
                "Do you have children?",
                "Yes",
                "Spend the budget",
                "Budget: 100,000. Choose options that together cost no more.",
                "Playground (costs 60,000)",
                "March 14, 2031",
                "Code " + codes.get(unanswered))) {
            assertTrue(en.contains(text), text + " missing in\n" + en);
        }
        assertFalse(en.contains(codes.get(answered)), "only the tenant named");

        // the download is for who enters responses; the response exports' download does not serve it
        as("ops").get(download).then().statusCode(403).contentType("application/problem+json");
        Api.asClient("some-other-organisation", "tenant-organisation")
                .get(download)
                .then()
                .statusCode(404);
        as("corporation")
                .get(download.replace("/paper-forms/", "/exports/"))
                .then()
                .statusCode(404);
        as("corporation")
                .get(BASE + "/" + id + "/paper-forms/4f0e2a8c-1b7d-4c1e-9a55-0d3c6b2e7f10")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void eachFormIsInItsTenantsLanguageUnlessOneIsAsked() throws IOException {
        // the profiles' languages: en for the first tenant, nl for the second
        List<String> refs = Api.population(Api.prefix(), 2, "BU" + Api.prefix());
        String id = Api.ready("PWE", EVERY_TYPE, Api.list(refs), "PSEUDONYMOUS");
        Map<String, JsonNode> invitations = open(id, refs);
        String english =
                invitations.get(refs.get(0)).path("data").path("shortCode").asText();
        String dutch =
                invitations.get(refs.get(1)).path("data").path("shortCode").asText();
        JsonPath job = finished(start(id, "", "{}"));
        List<String> pages = pages(as("corporation")
                .get(job.getString("resultLocation"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        String first = pages.get(0);
        String other = pages.get(pages.size() / 2);
        String en = first.contains(english) ? first : other;
        String nl = first.contains(english) ? other : first;
        assertTrue(en.contains("Code " + english) && en.contains("Do you have children?"), en);
        assertTrue(nl.contains("Code " + dutch) && nl.contains("Heeft u kinderen?"), nl);
    }

    @Test
    void aBlankFormHasABoxForTheCodeAndPrintsForADraftInAnyOfItsLanguages() throws IOException {
        String id = Api.ready("PWE", EVERY_TYPE, Api.list(List.of(Api.prefix())), "ANONYMOUS");
        String nl = String.join("\n", pages(blank(id, "").extract().asByteArray()));
        assertTrue(nl.contains("Schrijf hier de code van uw brief:"), nl);
        assertFalse(CODE.matcher(nl).find(), "no code on a blank form");
        for (String text : QUESTIONS) {
            assertTrue(nl.contains(text), text + " missing in\n" + nl);
        }
        String en = String.join("\n", pages(blank(id, "?lang=en").extract().asByteArray()));
        assertTrue(en.contains("Write the code from your letter here:"), en);
        assertTrue(en.contains("Spend the budget"), en);
        as("ops").get(BASE + "/" + id + "/paper-forms/blank").then().statusCode(200);
    }

    /** EVERY_TYPE with some of its texts in Arabic too (the others fall back to Dutch). */
    static final String ARABIC = EVERY_TYPE
            .replace("\"en\":\"Do you have children?\"", "\"en\":\"Do you have children?\",\"ar\":\"هل لديكم أطفال؟\"")
            .replace("\"en\":\"Yes\"", "\"en\":\"Yes\",\"ar\":\"نعم\"")
            .replace("\"en\":\"Spend the budget\"", "\"en\":\"Spend the budget\",\"ar\":\"وزعوا الميزانية\"");

    @Test
    void anArabicFormReadsFromTheRightMarginAndItsCodeStillReadsLeftToRight() throws IOException {
        List<String> refs = List.of(Api.prefix() + "-ar");
        Map<String, Object> body = Api.consultation("PWE", Api.list(refs));
        body.put("languages", List.of("nl", "en", "ar"));
        body.put("title", Map.of("nl", "Nieuwe speeltuin", "en", "A new playground", "ar", "ملعب جديد"));
        body.put("anonymity", "PSEUDONYMOUS");
        String id = Api.create(as("corporation"), body);
        Api.putQuestionnaire(as("corporation"), id, ARABIC).then().statusCode(200);
        Api.putStatement(as("corporation"), id);
        String code =
                open(id, refs).get(refs.get(0)).path("data").path("shortCode").asText();
        byte[] arabic = as("corporation")
                .get(finished(start(id, "?lang=ar", "{}")).getString("resultLocation"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        List<String> pages = pages(arabic);
        String all = String.join("\n", pages);
        for (String text : List.of(
                "ملعب جديد", // the title
                "هل لديكم أطفال", // a question
                "نعم", // an option
                "وزعوا الميزانية",
                "ضعوا علامة في مربع واحد", // how to answer it
                "أجيبوا فقط إذا كانت إجابتكم عن السؤال", // its condition
                "المجموع", // a PWE block's sum
                "اكتبوا إجابتكم على الأسطر",
                "لماذا تختارون هذا",
                "الهدف")) { // a heading of the statement
            assertTrue(all.contains(text), text + " missing in\n" + all);
        }
        for (String page : pages) {
            assertTrue(page.contains(code), "every page has the code, as it is typed:\n" + page);
        }
        assertFalse(all.contains("Tick") || all.contains("Kruis"), "no English or Dutch instructions:\n" + all);

        float left = 20 * PaperForm.MM;
        float right = PDRectangle.A4.getWidth() - 20 * PaperForm.MM;
        try (PDDocument document = Loader.loadPDF(arabic)) {
            List<float[]> lines = bodyLines(document, 1);
            assertTrue(lines.size() > 10, "the intro and the first questions: " + lines.size());
            for (float[] line : lines) {
                assertTrue(
                        line[1] <= right + 0.5f && line[1] > right - 20 * PaperForm.MM,
                        "an Arabic line ends at the right margin, or indented from it: " + line[0] + "-" + line[1]);
            }
            assertTrue(
                    lines.stream().filter(l -> Math.abs(l[1] - right) < 0.5f).count() >= 3,
                    "title, description and intro end at the margin");
            assertTrue(
                    lines.stream().anyMatch(l -> l[0] > left + 60 * PaperForm.MM),
                    "short lines start far from the left");
        }
        // the same consultation's Dutch form is left to right, as ever
        try (PDDocument document =
                Loader.loadPDF(blank(id, "?lang=nl").extract().asByteArray())) {
            for (float[] line : bodyLines(document, 1)) {
                assertTrue(
                        line[0] >= left - 0.5f && line[0] < left + 20 * PaperForm.MM,
                        "a Dutch line starts at the left margin, or indented from it: " + line[0]);
            }
        }
    }

    @Test
    void badRequestsAreProblemsAndQueueNothing() {
        List<String> refs = List.of(Api.prefix() + "-a", Api.prefix() + "-b");
        String id = Api.ready("PWE", EVERY_TYPE, Api.list(refs), "PSEUDONYMOUS");

        // not open yet: the codes answer nothing
        start(id, "", "{}")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/wrong-status"))
                .body("detail", containsString("DRAFT"));
        Map<String, JsonNode> invitations = open(id, refs);

        // a language the consultation has not got
        blank(id, "?lang=de")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("lang"));
        start(id, "?lang=de", "{}").then().statusCode(400).body("errors.field", hasItem("lang"));
        // the tenants named: none, someone not invited, not a tenantRef; malformed bodies
        start(id, "", "{\"tenantRefs\":[]}").then().statusCode(422).body("errors.field", hasItem("tenantRefs"));
        start(id, "", "{\"tenantRefs\":[\"" + refs.get(0) + "\",\"T-nobody\"]}")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("tenantRefs[1]"));
        start(id, "", "{\"tenantRefs\":[\"no spaces!\"]}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tenantRefs[0]"));
        start(id, "", "{\"tenantRefs\":\"T-1\"}").then().statusCode(400).contentType("application/problem+json");
        start(id, "", "{\"tenantRefs\":[").then().statusCode(400).contentType("application/problem+json");
        start(id, "", "{\"tenantRefs\":[null]}").then().statusCode(422);
        // not the caller's to print
        Api.json(as("ops"), Map.of())
                .post(BASE + "/" + id + "/paper-forms")
                .then()
                .statusCode(403);
        Api.json(Api.asClient("some-other-organisation", "tenant-organisation"), Map.of())
                .post(BASE + "/" + id + "/paper-forms")
                .then()
                .statusCode(404);
        Api.json(as("corporation"), Map.of())
                .post(BASE + "/" + java.util.UUID.randomUUID() + "/paper-forms")
                .then()
                .statusCode(404);

        // only answered invitations named: nothing to print
        Api.submit(Api.token(invitations.get(refs.get(0))), ONLINE).then().statusCode(201);
        start(id, "", "{\"tenantRefs\":[\"" + refs.get(0) + "\"]}")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/no-open-invitations"));

        // closed: 409 naming the status
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        start(id, "", "{}")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/wrong-status"))
                .body("detail", containsString("CLOSED"));
        blank(id, "").statusCode(200);
    }

    // ---- helpers ----

    private static Map<String, JsonNode> open(String id, List<String> refs) {
        try (var requests = Api.requests()) {
            Api.open(id);
            Map<String, JsonNode> invitations =
                    Api.messages(requests, "consultation.invitation", refs, Duration.ofSeconds(30));
            assertEquals(refs.size(), invitations.size());
            return invitations;
        }
    }

    private static io.restassured.response.Response start(String id, String query, String body) {
        return as("corporation")
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + "/" + id + "/paper-forms" + query);
    }

    private static io.restassured.response.ValidatableResponse blank(String id, String query) {
        return as("corporation")
                .get(BASE + "/" + id + "/paper-forms/blank" + query)
                .then();
    }

    private static String location(io.restassured.response.Response started) {
        return started.then()
                .statusCode(202)
                .header("Location", matchesPattern(JOBS + "[0-9a-f-]{36}"))
                .body("kind", equalTo(PaperFormJob.KIND))
                .extract()
                .header("Location");
    }

    private static JsonPath finished(io.restassured.response.Response started) {
        String location = location(started);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String status = as("corporation")
                            .get(location)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
                    return !"QUEUED".equals(status) && !"RUNNING".equals(status);
                });
        return as("corporation").get(location).then().statusCode(200).extract().jsonPath();
    }

    /** Each line of text between the header and the footer as {leftmost x, rightmost x}, top to bottom. */
    static List<float[]> bodyLines(PDDocument document, int page) throws IOException {
        Map<Integer, float[]> lines = new TreeMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                float y = text.getYDirAdj(); // from the top
                if (y > 25 * PaperForm.MM
                        && y < PDRectangle.A4.getHeight() - 15 * PaperForm.MM
                        && !text.getUnicode().isBlank()) {
                    float[] line = lines.computeIfAbsent(Math.round(y), k -> new float[] {Float.MAX_VALUE, 0});
                    line[0] = Math.min(line[0], text.getXDirAdj());
                    line[1] = Math.max(line[1], text.getXDirAdj() + text.getWidthDirAdj());
                }
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        return List.copyOf(lines.values());
    }

    /** The text of each page, as PDFBox extracts it. */
    static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }
}
