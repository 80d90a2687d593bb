package nl.meedoen.notification.letter;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.printBatch;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.meedoen.notification.delivery.Delivery;
import nl.meedoen.notification.optout.OptOutCodes;
import nl.meedoen.notification.optout.UnsubscribeTokens;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A tenant who gets letters opts out without a link she cannot type: the letter prints, where a mail has its opt-out
 * link, the preferences page's address and a short code; the unsubscribe routes take the code as they take the link.
 */
@QuarkusTest
class OptOutCodeLetterTest {

    /**
     * A short code as printed (Crockford base32, grouped), standing alone: not a run of digits inside a link's UUID
     * (…-7712-4537-96c2-…), which matched once.
     */
    static final Pattern CODE = Pattern.compile(
            "(?<![0-9A-Za-z_-])[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}(?![0-9A-Za-z_-])");

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    OptOutCodes codes;

    @Test
    void theCodeOfAPrintedLetterOpensItsPreferencesAndOptsOutLikeItsLinkAndAWrongCodeChangesNothing() throws Exception {
        String dutch = PrintBatchTest.letterTenant("Els Brievenbus", "Kerkstraat", 11, "3511 AB", "Utrecht", "nl");
        String arabic = PrintBatchTest.letterTenant(LetterPdfTest.ARABIC, "Kerkstraat", 13, "3511 AB", "Utrecht", "ar");
        String dutchLetter =
                PrintBatchTest.letterWith(dutch, "panel.invitation", "panel", """
                {"panelName":"Huurderspanel","joinUrl":"https://meedoen.example/p/join/%s"}""".formatted(UUID.randomUUID()));
        String arabicLetter = PrintBatchTest.letterWith(
                arabic, "consultation.invitation", "consultation", """
                {"consultationTitle":"Speeltuin","goal":"kiezen","closesOn":"15 maart","invitationUrl":"https://meedoen.example/i/%s"}""".formatted(UUID.randomUUID()));
        String transactional = PrintBatchTest.letterWith(dutch, "recruitment.signup-confirmation", "service", """
                {"campaignTitle":"Klankbord","drawDate":"8 mei"}""");

        Map<String, String> pages = printedPages(List.of(dutchLetter, arabicLetter, transactional));
        String page = LetterPdf.typable(
                ConfigProvider.getConfig().getValue("meedoen.notification.preferences-page-url", String.class));

        String dutchText = pages.get(dutchLetter).replace("\n", " ");
        String dutchCode = onlyCode(dutchText);
        assertTrue(
                dutchText.contains("Afmelden: ga naar " + page + " en typ de code " + dutchCode),
                "the opt-out line names the page and the code: " + dutchText);
        assertTrue(!dutchText.contains("/api/v1/unsubscribe/"), "no link nobody types: " + dutchText);
        String arabicText = pages.get(arabicLetter);
        String arabicCode = onlyCode(arabicText);
        assertTrue(arabicText.contains(page), "where to type it: " + arabicText);
        assertTrue(arabicText.contains("واكتبوا الرمز"), "in Arabic: " + arabicText);
        String transactionalText = pages.get(transactional);
        assertTrue(transactionalText.contains("8 mei"), transactionalText);
        assertTrue(
                !CODE.matcher(transactionalText).find()
                        && !transactionalText.contains(page)
                        && !transactionalText.contains("/api/v1/unsubscribe/"),
                "a transactional letter has no opt-out: " + transactionalText);
        assertNull(stored(transactional).optOutCodeHash);
        assertNotNull(stored(dutchLetter).optOutCodeHash);
        assertTrue(
                !stored(dutchLetter).optOutCodeHash.contains(dutchCode.replace("-", "")),
                "only a keyed hash is stored");

        // the code opens the same preferences as the letter's link would
        String link = "/api/v1/unsubscribe/" + tokens.token(UUID.fromString(dutchLetter));
        String byLink = given().get(link + "/preferences")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String byCode = given().get("/api/v1/unsubscribe/" + dutchCode + "/preferences")
                .then()
                .statusCode(200)
                .body("language", equalTo("nl"))
                .body("messageScope", equalTo("panel"))
                .extract()
                .asString();
        assertEquals(byLink, byCode);
        given().get("/api/v1/unsubscribe/" + dutchCode)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("het huurderspanel"));

        // a wrong code (well formed, or not a code at all) is the same 404 problem as a bad link, and changes nothing
        String wrong = codes.code(UUID.randomUUID());
        for (String bad : List.of(wrong, dutchCode.substring(0, 11), dutchCode + "Q", dutchCode.replace('-', 'U'))) {
            given().get("/api/v1/unsubscribe/" + bad + "/preferences")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            given().post("/api/v1/unsubscribe/" + bad)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("this unsubscribe link is not valid"));
            given().contentType(ContentType.JSON)
                    .body("{\"optedOut\":[\"all\"]}")
                    .put("/api/v1/unsubscribe/" + bad + "/preferences")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        as("ops").get("/api/v1/tenants/" + dutch + "/opt-outs").then().body("$", org.hamcrest.Matchers.hasSize(0));

        // one click with the code as she types it (small letters, spaces): out of the letter's purpose, as by the link
        given().contentType(ContentType.URLENC)
                .post("/api/v1/unsubscribe/" + dutchCode.toLowerCase().replace("-", " "))
                .then()
                .statusCode(200)
                .body("purpose", equalTo("panel"))
                .body("changed", equalTo(true));
        as("ops")
                .get("/api/v1/tenants/" + dutch + "/opt-outs")
                .then()
                .body("purpose", org.hamcrest.Matchers.contains("panel"))
                .body("[0].source", equalTo("LINK"));
        given().get(link + "/preferences")
                .then()
                .statusCode(200)
                .body("optedOut", org.hamcrest.Matchers.contains("panel"));

        // the Arabic reader chooses on the preferences page with her code
        given().get("/api/v1/unsubscribe/" + arabicCode + "/preferences")
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("messageScope", equalTo("consultation"));
        given().contentType(ContentType.JSON)
                .body("{\"optedOut\":[\"tenant-organisation\"]}")
                .put("/api/v1/unsubscribe/" + arabicCode + "/preferences")
                .then()
                .statusCode(200)
                .body("optedOut", org.hamcrest.Matchers.contains("tenant-organisation"));
        as("ops")
                .get("/api/v1/tenants/" + arabic + "/opt-outs")
                .then()
                .body("purpose", org.hamcrest.Matchers.contains("tenant-organisation"))
                .body("[0].source", equalTo("LINK"));
    }

    /** The one short code on a letter's page (these letters have none of their own beside the QR code). */
    static String onlyCode(String text) {
        Matcher m = CODE.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertEquals(1, found.size(), "one opt-out code on the letter: " + text);
        return found.get(0);
    }

    private static Delivery stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(UUID.fromString(id)));
    }

    /** Prints what waits and reads back the page of each of these letters (the manifest says which page is whose). */
    private static Map<String, String> printedPages(List<String> deliveryIds) throws Exception {
        String batch = printBatch();
        String csv = as("corporation")
                .get("/api/v1/print-batches/" + batch + "/manifest.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, Integer> pageOf = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords()
                .stream()
                .collect(Collectors.toMap(r -> r.get("deliveryId"), (CSVRecord r) -> Integer.parseInt(r.get("page"))));
        byte[] pdf = as("corporation")
                .get("/api/v1/print-batches/" + batch + "/letters.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Map<String, String> pages = new java.util.HashMap<>();
            for (String id : deliveryIds) {
                assertTrue(pageOf.containsKey(id), "printed: " + id);
                pages.put(id, LetterPdfTest.page(document, pageOf.get(id)));
            }
            return pages;
        }
    }
}
