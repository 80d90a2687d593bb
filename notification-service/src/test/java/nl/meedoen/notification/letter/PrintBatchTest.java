package nl.meedoen.notification.letter;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitJob;
import static nl.meedoen.notification.TestData.delivery;
import static nl.meedoen.notification.TestData.invitation;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.printBatch;
import static nl.meedoen.notification.TestData.send;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.meedoen.commons.contracts.NotificationEventV1;
import nl.meedoen.devinfra.Events;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrintBatchTest {

    static String letterTenant(String name, String street, int number, String postcode, String city, String language) {
        String ref = newRef();
        as("corporation")
                .contentType(ContentType.JSON)
                .body("""
                {"name":"%s","address":{"street":"%s","houseNumber":%d,"postcode":"%s","city":"%s"},"language":"%s","preferredChannel":"LETTER"}""".formatted(name, street, number, postcode, city, language))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(201);
        return ref;
    }

    @Test
    void lettersArePrintedOnePerPageWithTheRightAddressAndFollowedToThePostBox() throws Exception {
        String renee = letterTenant("Renée Öztürk", "Kerkstraat", 5, "3511 AB", "Utrecht", "nl");
        String john = letterTenant("John Smith", "Stationsweg", 120, "2312 AV", "Leiden", "en");
        String d1 = send(invitation("req-" + UUID.randomUUID(), renee))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .extract()
                .jsonPath()
                .getString("id");
        String d2 = send(invitation("req-" + UUID.randomUUID(), john))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");

        var started = as("corporation")
                .post("/api/v1/print-batches")
                .then()
                .statusCode(202)
                .header("Retry-After", "1")
                .body("kind", equalTo("print-batch"))
                .extract();
        String job = started.header("Location");
        var finished = awaitJob(job);
        assertEquals("SUCCEEDED", finished.getString("status"), finished.prettify());
        assertTrue(
                finished.getLong("total") >= 2 && finished.getLong("done") == finished.getLong("total"),
                "letters rendered: " + finished.prettify());
        String id = finished.getString("result.batch");
        assertEquals("/api/v1/print-batches/" + id, finished.getString("resultLocation"));
        var batch = as("corporation")
                .get(finished.getString("resultLocation"))
                .then()
                .statusCode(200)
                .body("status", equalTo("CREATED"))
                .body("job", equalTo(job))
                .extract()
                .jsonPath();
        int letters = batch.getInt("letters");
        assertEquals("BATCHED", delivery(d1).getString("status"));
        as("corporation").post("/api/v1/print-batches").then().statusCode(409).contentType("application/problem+json");

        String csv = as("corporation")
                .get("/api/v1/print-batches/" + id + "/manifest.csv")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        List<CSVRecord> manifest = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertEquals(letters, manifest.size());
        Map<String, CSVRecord> byDelivery =
                manifest.stream().collect(Collectors.toMap(r -> r.get("deliveryId"), r -> r));

        byte[] pdf = as("corporation")
                .get("/api/v1/print-batches/" + id + "/letters.pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(letters, document.getNumberOfPages(), "one page per letter");
            PDFTextStripper stripper = new PDFTextStripper();
            int reneePage = Integer.parseInt(byDelivery.get(d1).get("page"));
            stripper.setStartPage(reneePage);
            stripper.setEndPage(reneePage);
            String page = stripper.getText(document);
            assertTrue(page.contains("Renée Öztürk\nKerkstraat 5\n3511 AB  UTRECHT"), page);
            assertTrue(
                    page.contains("Uw mening gevraagd: Nieuwe speeltuin") && page.contains("Beste Renée Öztürk,"),
                    page);
            assertTrue(
                    page.replace("\n", " ").contains("Afmelden: ga naar ") && !page.contains("/api/v1/unsubscribe/"),
                    "the opt-out is printed too, as a page and a code to type there (OptOutCodeLetterTest): " + page);
            int johnPage = Integer.parseInt(byDelivery.get(d2).get("page"));
            stripper.setStartPage(johnPage);
            stripper.setEndPage(johnPage);
            String other = stripper.getText(document);
            assertTrue(
                    other.contains("John Smith\nStationsweg 120\n2312 AV  LEIDEN")
                            && other.contains("Your opinion wanted"),
                    other);
            assertTrue(!other.contains("Renée"), other);
        }
        assertEquals("Leiden", byDelivery.get(d2).get("city"));

        try (var events = Events.consumer(NotificationEventV1.TOPIC)) {
            as("corporation")
                    .post("/api/v1/print-batches/" + id + "/printed")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PRINTED"));
            as("corporation")
                    .post("/api/v1/print-batches/" + id + "/printed")
                    .then()
                    .statusCode(409);
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"deliveryIds\":[\"" + d2 + "\"]}")
                    .post("/api/v1/print-batches/" + id + "/returned")
                    .then()
                    .statusCode(422); // not posted yet
            as("corporation")
                    .post("/api/v1/print-batches/" + id + "/posted")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("POSTED"));
            assertEquals("POSTED", delivery(d1).getString("status"));
            // posted: the letters' personal links are kept nowhere any more, neither in their data nor in the PDF
            assertNull(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() ->
                            nl.meedoen.notification.delivery.Delivery
                                    .<nl.meedoen.notification.delivery.Delivery>findById(UUID.fromString(d1))
                                    .data));
            as("corporation")
                    .get("/api/v1/print-batches/" + id + "/letters.pdf")
                    .then()
                    .statusCode(410)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://meedoen.nl/problems/letters-posted"));
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"deliveryIds\":[\"" + d2 + "\"]}")
                    .post("/api/v1/print-batches/" + id + "/returned")
                    .then()
                    .statusCode(200);
            assertEquals("RETURNED", delivery(d2).getString("status"));
            var posted = Events.await(
                    events,
                    r -> renee.equals(r.key()) && r.value() != null && r.value().contains("\"status\":\"POSTED\""),
                    1,
                    Duration.ofSeconds(20));
            assertEquals(1, posted.size());
            assertTrue(posted.get(0).value().contains("\"channel\":\"LETTER\""));
        }
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"deliveryIds\":[\"" + UUID.randomUUID() + "\"]}")
                .post("/api/v1/print-batches/" + id + "/returned")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("deliveryIds[0]"));
    }

    static String letterWith(String tenantRef, String template, String purpose, String data) {
        return send("""
                {"requestId":"req-%s","tenantRef":"%s","purpose":"%s","templateKey":"%s","data":%s}""".formatted(UUID.randomUUID(), tenantRef, purpose, template, data))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .extract()
                .jsonPath()
                .getString("id");
    }

    @Test
    void everyNameIsPrintedAsWrittenAndEachLetterCarriesItsLinkAsQrCodeAndItsShortCode() throws Exception {
        Map<String, String> links = new java.util.LinkedHashMap<>();
        for (String name : List.of("Łukasz Żółć", "Nguyễn Văn An", "İlkay Şahin", LetterPdfTest.ARABIC)) {
            String ref = letterTenant(name, "Kerkstraat", 5, "3511 AB", "Utrecht", "nl");
            String link = "https://meedoen.example/raadpleging#" + UUID.randomUUID();
            letterWith(ref, "consultation.invitation", "consultation", """
                    {"consultationTitle":"Speeltuin","goal":"kiezen","closesOn":"15 maart","invitationUrl":"%s","shortCode":"K7QM-3XTR-9P"}""".formatted(link));
            links.put(name, link);
        }
        String panel = letterTenant("Zoë Ćosić", "Stationsweg", 1, "2312 AV", "Leiden", "en");
        String joinUrl = "https://meedoen.example/p/join/" + UUID.randomUUID();
        letterWith(
                panel,
                "panel.invitation",
                "panel",
                "{\"panelName\":\"Huurderspanel\",\"joinUrl\":\"" + joinUrl + "\"}");
        links.put("Zoë Ćosić", joinUrl);

        byte[] pdf = printedLetters();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (Map.Entry<String, String> e : links.entrySet()) {
                int page = 0;
                String text = "";
                for (int p = 1; p <= document.getNumberOfPages() && page == 0; p++) {
                    text = LetterPdfTest.page(document, p);
                    page = text.replace("\n", "").contains(e.getValue()) ? p : 0; // a long link breaks at the margin
                }
                assertTrue(page > 0, "a page links to " + e.getValue());
                assertTrue(text.startsWith(e.getKey() + "\n"), "the name in the window, as written: " + text);
                assertTrue(
                        text.contains((e.getKey().equals("Zoë Ćosić") ? "Dear " : "Beste ") + e.getKey() + ",\n"),
                        text);
                assertEquals(e.getValue(), LetterPdfTest.qr(document, page), "the QR code is the letter's own link");
                if (e.getKey().equals("Zoë Ćosić")) {
                    assertTrue(
                            text.contains("Scan the code with your phone\n")
                                    && !text.contains("Scan the code with your phone,")
                                    && !text.contains("or go to "),
                            "no short code, no line beside the QR code (the opt-out line has its own): " + text);
                } else {
                    String base = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getValue("meedoen.public-base-url", String.class);
                    assertTrue(
                            text.contains("of ga naar " + LetterPdf.typable(base.replaceAll("/$", "") + "/c") + "\n"),
                            text);
                    assertTrue(text.contains("en typ de code\nK7QM-3XTR-9P"), text);
                }
            }
        }
    }

    /**
     * A paper tenant's feedback letter: by then the consultation is closed, and the code of her invitation (which
     * consultation-service sends with the feedback) typed at …/c leads to the feedback. The letter prints it beside the QR
     * code of her feedback link, with where to type it, in her language, as her invitation letter did.
     */
    @Test
    void aFeedbackLetterPrintsTheCodeToTypeBesideTheQrCodeOfItsLink() throws Exception {
        Map<String, String> links = new java.util.LinkedHashMap<>();
        Map<String, String> codes = Map.of("nl", "W4HN-7KQD-2M", "ar", "R9TC-5VJX-8B");
        for (String language : List.of("nl", "ar")) {
            String ref = letterTenant(
                    language.equals("ar") ? LetterPdfTest.ARABIC : "Fatma de Wit",
                    "Kerkstraat",
                    7,
                    "3511 AB",
                    "Utrecht",
                    language);
            String link =
                    "https://meedoen.example/raadpleging/" + UUID.randomUUID() + "/terugkoppeling#" + UUID.randomUUID();
            letterWith(ref, "consultation.feedback-published", "feedback", """
                    {"consultationTitle":"Binnentuin","feedbackUrl":"%s","shortCode":"%s"}""".formatted(link, codes.get(language)));
            links.put(language, link);
        }
        byte[] pdf = printedLetters();
        String codeUrl = LetterPdf.typable(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("meedoen.public-base-url", String.class)
                        .replaceAll("/$", "")
                + "/c");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (Map.Entry<String, String> e : links.entrySet()) {
                int page = 0;
                String text = "";
                for (int p = 1; p <= document.getNumberOfPages() && page == 0; p++) {
                    text = LetterPdfTest.page(document, p);
                    page = text.contains(codes.get(e.getKey())) ? p : 0;
                }
                assertTrue(page > 0, "a letter prints the code " + codes.get(e.getKey()));
                assertEquals(e.getValue(), LetterPdfTest.qr(document, page), "beside the QR code of her feedback link");
                assertTrue(text.contains(codeUrl), "where to type it: " + text);
                if (e.getKey().equals("nl")) {
                    assertTrue(text.contains("Dit hebben we gedaan met uw mening over Binnentuin"), text);
                    assertTrue(text.contains("of ga naar " + codeUrl + "\n"), text);
                    assertTrue(text.contains("en typ de code\n" + codes.get("nl")), text);
                }
            }
        }
    }

    /**
     * A campaign's outreach letter: its code is typed on the campaign's sign-up page, not at …/c, so the message names
     * where (codeUrl) and the letter prints that beside the QR code of the personal sign-up link.
     */
    @Test
    void anOutreachLetterSaysToTypeItsCodeOnTheSignUpPageItNames() throws Exception {
        String ref = letterTenant("Fatma de Wit", "Kerkstraat", 9, "3511 AB", "Utrecht", "nl");
        String signUpPage = "https://meedoen.example/huurders/aanmelden.html";
        String link = signUpPage + "#" + UUID.randomUUID();
        letterWith(ref, "recruitment.outreach", "recruitment", """
                {"campaignTitle":"Klankbordgroep Oost","description":"Denk mee over de galerijen.","signUpDeadline":"2027-03-01",
                 "signUpUrl":"%s","shortCode":"Q4ZT-8MKW-3D","codeUrl":"%s"}""".formatted(link, signUpPage));
        byte[] pdf = printedLetters();
        String typed = LetterPdf.typable(signUpPage);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int page = 0;
            String text = "";
            for (int p = 1; p <= document.getNumberOfPages() && page == 0; p++) {
                text = LetterPdfTest.page(document, p);
                page = text.contains("Q4ZT-8MKW-3D") ? p : 0;
            }
            assertTrue(page > 0, "the letter prints its code");
            assertEquals(link, LetterPdfTest.qr(document, page), "beside the QR code of the personal sign-up link");
            assertTrue(text.contains("Gezocht: huurders voor Klankbordgroep Oost"), text);
            assertTrue(text.contains("of ga naar " + typed + "\n"), "typed on the sign-up page: " + text);
            assertTrue(text.contains("en typ de code\nQ4ZT-8MKW-3D"), text);
            String atC = LetterPdf.typable(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getValue("meedoen.public-base-url", String.class)
                            .replaceAll("/$", "")
                    + "/c");
            assertTrue(!text.contains("of ga naar " + atC + "\n"), "not at /c: " + text);
        }
    }

    @Test
    void rolesAndBadInput() {
        given().post("/api/v1/print-batches").then().statusCode(401);
        as("ops").post("/api/v1/print-batches").then().statusCode(403);
        as("tenant-organisation").get("/api/v1/print-batches").then().statusCode(403);
        as("corporation")
                .queryParam("limit", "lots")
                .post("/api/v1/print-batches")
                .then()
                .statusCode(400);
        as("corporation")
                .get("/api/v1/print-batches/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("corporation")
                .get("/api/v1/print-batches/" + UUID.randomUUID() + "/letters.pdf")
                .then()
                .statusCode(404);
        as("ops")
                .get("/api/v1/print-batches/" + UUID.randomUUID() + "/letters.pdf")
                .then()
                .statusCode(403);
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @jakarta.inject.Inject
    nl.meedoen.commons.job.Jobs jobs;

    @jakarta.inject.Inject
    PrintBatchService batches;

    @Test
    void aBatchWithoutAStoredPdfHasItRenderedByAJobAndAnErasureDropsIt() throws Exception {
        String ref = letterTenant("Sanne Bakker", "Laan", 3, "3511 AB", "Utrecht", "nl");
        String other = letterTenant("Bram Visser", "Laan", 4, "3511 AB", "Utrecht", "nl");
        send(invitation("req-" + UUID.randomUUID(), ref)).then().statusCode(202);
        send(invitation("req-" + UUID.randomUUID(), other)).then().statusCode(202);
        String id = printBatch();
        as("corporation")
                .get("/api/v1/print-batches/" + id + "/letters.pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf");

        as("corporation")
                .delete("/api/v1/tenants/" + other)
                .then()
                .statusCode(204); // erasure drops the stored PDF that names Bram
        var render = as("corporation")
                .get("/api/v1/print-batches/" + id + "/letters.pdf")
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/jobs/notification/"))
                .body("kind", equalTo("print-batch-pdf"))
                .extract()
                .header("Location");
        var done = awaitJob(render);
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals("/api/v1/print-batches/" + id + "/letters.pdf", done.getString("resultLocation"));
        byte[] pdf = as("corporation")
                .get(done.getString("resultLocation"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Sanne Bakker") && !text.contains("Bram Visser"), text);
        }
    }

    @Test
    void aPrintBatchJobCutOffAfterCollectingRendersTheBatchItMadeWhenResumed() throws Exception {
        // the state a crash leaves: the job RUNNING on a worker gone silent, its batch collected, no PDF yet
        String ref = letterTenant("Fleur de Jong", "Laan", 8, "3511 AB", "Utrecht", "nl");
        String delivery = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        UUID job = UUID.randomUUID();
        PrintBatchService.BatchView made = batches.create(5000, null, job); // what the stopped worker had done
        assertEquals("BATCHED", delivery(delivery).getString("status"));
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                        INSERT INTO job (id, kind, subject, status, phase, input, started_by, attempts, worker, heartbeat_at, created_at, started_at, updated_at)
                        VALUES (?1, 'print-batch', 'waiting-letters', 'RUNNING', 'rendering letters', '{"limit":5000}', 'system', 1, 'a-stopped-worker',
                                ?2, ?2, ?2, ?2)""")
                        .setParameter(1, job)
                        .setParameter(2, java.time.OffsetDateTime.now().minusMinutes(2))
                        .executeUpdate());

        var done = awaitJob(
                "/api/v1/jobs/notification/" + job); // the runner queues it again; it renders the batch it made
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals("/api/v1/print-batches/" + made.id(), done.getString("resultLocation"));
        byte[] pdf = as("corporation")
                .get("/api/v1/print-batches/" + made.id() + "/letters.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(made.letters(), document.getNumberOfPages());
            assertTrue(new PDFTextStripper().getText(document).contains("Fleur de Jong"));
        }
        assertEquals(
                1L,
                ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                                .call(() -> em.createNativeQuery("SELECT count(*) FROM print_batch WHERE job_id = ?1")
                                        .setParameter(1, job)
                                        .getSingleResult()))
                        .longValue(),
                "collected once");
    }

    @Test
    void aPrintBatchJobWithBadInputFailsWithItsProblemAndWritesNothing() {
        String ref = letterTenant("Daan Mulder", "Laan", 9, "3511 AB", "Utrecht", "nl");
        String delivery = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        UUID job = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> jobs.submit(PrintBatchJob.KIND, PrintBatchJob.SUBJECT, new PrintBatchJob.Input(0, null))
                        .id());
        var done = awaitJob("/api/v1/jobs/notification/" + job);
        assertEquals("FAILED", done.getString("status"));
        assertEquals(400, done.getInt("problem.status"));
        assertEquals("https://meedoen.nl/problems/validation", done.getString("problem.type"));
        assertTrue(done.getString("problem.detail").contains("limit"), done.prettify());
        assertEquals("QUEUED", delivery(delivery).getString("status"), "no letter was taken");
        assertEquals(null, batches.madeBy(job));
        printBatch(); // the letter still waits: a valid job takes it
    }

    @Test
    void aPrintBatchForOneSourceTakesOnlyItsLettersAndDeliveriesFilterBySource() {
        String campaign = "campaign:" + UUID.randomUUID();
        String consultation = "consultation:" + UUID.randomUUID();
        String ref = letterTenant("Piet Jansen", "Kerkstraat", 7, "3511 AB", "Utrecht", "nl");
        String ours = send(invitation("req-" + UUID.randomUUID(), ref)
                        .replace("\"purpose\"", "\"source\":\"" + campaign + "\",\"purpose\""))
                .then()
                .statusCode(202)
                .body("source", equalTo(campaign))
                .body("channel", equalTo("LETTER"))
                .extract()
                .jsonPath()
                .getString("id");
        String theirs = send(invitation("req-" + UUID.randomUUID(), ref)
                        .replace("\"purpose\"", "\"source\":\"" + consultation + "\",\"purpose\""))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");

        as("ops")
                .queryParam("source", campaign)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(ours)))
                .body("items[0].source", equalTo(campaign));

        String job = as("corporation")
                .queryParam("source", campaign)
                .post("/api/v1/print-batches")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        var finished = awaitJob(job);
        assertEquals("SUCCEEDED", finished.getString("status"), finished.prettify());
        as("corporation")
                .get(finished.getString("resultLocation"))
                .then()
                .statusCode(200)
                .body("letters", equalTo(1))
                .body("source", equalTo(campaign));
        assertEquals("BATCHED", delivery(ours).getString("status"));
        assertEquals("QUEUED", delivery(theirs).getString("status"), "another source's letter still waits");

        as("corporation")
                .queryParam("source", campaign)
                .post("/api/v1/print-batches")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(campaign));
        as("corporation")
                .queryParam("source", "no source")
                .post("/api/v1/print-batches")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("source"));
        as("ops")
                .queryParam("source", "campaign:<script>")
                .get("/api/v1/deliveries")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("source"));
        send(invitation("req-" + UUID.randomUUID(), ref)
                        .replace("\"purpose\"", "\"source\":\"a campaign\",\"purpose\""))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("source"));
    }

    /** A print batch of what waits, made and downloaded as one PDF. */
    private static byte[] printedLetters() {
        String id = printBatch();
        return as("corporation")
                .get("/api/v1/print-batches/" + id + "/letters.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }
}
