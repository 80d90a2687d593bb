package nl.meedoen.notification.message;

import static io.restassured.RestAssured.given;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.awaitMail;
import static nl.meedoen.notification.TestData.awaitStatus;
import static nl.meedoen.notification.TestData.emailFor;
import static nl.meedoen.notification.TestData.emailTenant;
import static nl.meedoen.notification.TestData.invitation;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.send;
import static nl.meedoen.notification.TestData.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import nl.meedoen.notification.Smtp;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageApiTest {

    static String part(MimeMessage message, String type) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart inner) {
                for (int j = 0; j < inner.getCount(); j++) {
                    if (inner.getBodyPart(j).isMimeType(type)) {
                        return inner.getBodyPart(j).getContent().toString();
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    static double sentEmails() {
        String metrics = io.restassured.RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith("meedoen_deliveries_total{")
                        && l.contains("channel=\"EMAIL\"")
                        && l.contains("status=\"SENT\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void everySentMessageIsCountedForTheDashboards() {
        double before = sentEmails();
        String id = send(invitation("req-" + UUID.randomUUID(), emailTenant("nl")))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(id, "SENT");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> sentEmails() >= before + 1);
    }

    @Test
    void anInvitationIsSentByRealSmtpWithBothPartsLanguageAndOneClickUnsubscribe() throws Exception {
        String ref = emailTenant("nl");
        String id = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/deliveries/"))
                .body("status", equalTo("QUEUED"))
                .body("channel", equalTo("EMAIL"))
                .body("language", equalTo("nl"))
                .extract()
                .jsonPath()
                .getString("id");
        awaitStatus(id, "SENT");

        List<MimeMessage> mail = awaitMail(emailFor(ref), 1);
        assertEquals(1, mail.size());
        MimeMessage m = mail.get(0);
        assertEquals("Uw mening gevraagd: Nieuwe speeltuin", m.getSubject());
        assertEquals("nl", m.getHeader("Content-Language", null));
        assertEquals(id, m.getHeader("X-Meedoen-Delivery", null));
        String text = part(m, "text/plain");
        String html = part(m, "text/html");
        assertTrue(text.contains("Beste Anna de Vries,") && text.contains("https://example.nl/i/abc"), text);
        assertTrue(html.contains("<a href=\"https://example.nl/i/abc\">") && html.contains("lang=\"nl\""), html);
        String listUnsubscribe = m.getHeader("List-Unsubscribe", null);
        assertTrue(
                listUnsubscribe.matches("<http://localhost:8080/api/v1/unsubscribe/[A-Za-z0-9_-]{43}>"),
                listUnsubscribe);
        assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
        assertTrue(
                text.contains(listUnsubscribe.substring(1, listUnsubscribe.length() - 1)),
                "the link is in the body too");
    }

    @Test
    void languageFallsBackToEnglishAndTransactionalMailHasNoUnsubscribeHeader() throws Exception {
        String en = emailTenant("en");
        String de = emailTenant("de");
        send(invitation("req-" + UUID.randomUUID(), en)).then().statusCode(202).body("language", equalTo("en"));
        send(invitation("req-" + UUID.randomUUID(), de)).then().statusCode(202).body("language", equalTo("en"));
        assertEquals(
                "Your opinion wanted: Nieuwe speeltuin",
                awaitMail(emailFor(de), 1).get(0).getSubject());
        assertEquals("en", awaitMail(emailFor(en), 1).get(0).getHeader("Content-Language", null));

        String ref = emailTenant("nl");
        send("""
                {"requestId":"%s","tenantRef":"%s","purpose":"service","templateKey":"recruitment.signup-confirmation",
                 "data":{"campaignTitle":"Klankbord","drawDate":"8 mei"}}""".formatted("req-" + UUID.randomUUID(), ref)).then().statusCode(202);
        MimeMessage m = awaitMail(emailFor(ref), 1).get(0);
        assertNull(m.getHeader("List-Unsubscribe"));
        assertTrue(part(m, "text/plain").contains("8 mei"));
    }

    @Test
    void aTurkishTenantGetsTheTurkishTemplateAndAnArabicOneARightToLeftHtmlPart() throws Exception {
        String tr = emailTenant("tr");
        String ar = emailTenant("ar");
        send(invitation("req-" + UUID.randomUUID(), tr)).then().statusCode(202).body("language", equalTo("tr"));
        send(invitation("req-" + UUID.randomUUID(), ar)).then().statusCode(202).body("language", equalTo("ar"));

        MimeMessage turkish = awaitMail(emailFor(tr), 1).get(0);
        assertEquals("Görüşünüzü almak istiyoruz: Nieuwe speeltuin", turkish.getSubject());
        assertEquals("tr", turkish.getHeader("Content-Language", null));
        assertTrue(part(turkish, "text/plain").contains("Sayın Anna de Vries,"), part(turkish, "text/plain"));

        MimeMessage arabic = awaitMail(emailFor(ar), 1).get(0);
        assertEquals("نود معرفة رأيكم: Nieuwe speeltuin", arabic.getSubject());
        assertEquals("ar", arabic.getHeader("Content-Language", null));
        String html = part(arabic, "text/html");
        assertTrue(html.contains("<html lang=\"ar\" dir=\"rtl\">"), html);
        assertTrue(html.contains("<a href=\"https://example.nl/i/abc\">"), html);
        String text = part(arabic, "text/plain");
        assertTrue(text.contains("عزيزي/عزيزتي Anna de Vries،") && !text.contains("dir="), text);
    }

    @Test
    void theUnsubscribePageAndItsConfirmationSpeakTheTenantsLanguage() throws Exception {
        String tr = emailTenant("tr");
        String ar = emailTenant("ar");
        send(invitation("req-" + UUID.randomUUID(), tr)).then().statusCode(202);
        send(invitation("req-" + UUID.randomUUID(), ar)).then().statusCode(202);
        String turkish = unsubscribePath(awaitMail(emailFor(tr), 1).get(0));
        String arabic = unsubscribePath(awaitMail(emailFor(ar), 1).get(0));

        io.restassured.RestAssured.given()
                .get(turkish)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<html lang=\"tr\" dir=\"ltr\">"))
                .body(org.hamcrest.Matchers.containsString(
                        "Artık şu konuda mesaj almak istemiyorum: kiracı danışmaları"))
                .body(org.hamcrest.Matchers.containsString("Tüm mesajlardan çık"));
        io.restassured.RestAssured.given()
                .get(arabic)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<html lang=\"ar\" dir=\"rtl\">"))
                .body(org.hamcrest.Matchers.containsString("لا أريد تلقي رسائل بعد الآن حول: الاستشارات"));

        io.restassured.RestAssured.given()
                .contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(turkish)
                .then()
                .statusCode(200)
                .body("changed", equalTo(true));
        MimeMessage confirmation = awaitMail(emailFor(tr), 2).get(1);
        assertEquals("Aboneliğiniz iptal edildi", confirmation.getSubject());
        String text = part(confirmation, "text/plain");
        assertTrue(text.contains("şu konuda mesaj almayacaksınız: kiracı danışmaları."), text);
    }

    static String unsubscribePath(MimeMessage mail) throws Exception {
        String url = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
        return url.substring(url.indexOf("/api/v1/unsubscribe/"));
    }

    @Test
    void aCorporationsOwnTemplateOnlyInDutchReachesATurkishTenantInDutch() throws Exception {
        // the chain is the tenant's language, English, Dutch: a key with only a Dutch version is sent in Dutch
        String key = "custom.lang" + UUID.randomUUID().toString().substring(0, 8);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("""
                        {"subject":"Over {topic}","html":"<p>{topic}</p>","text":"Beste {tenantName}, {topic}. {unsubscribeUrl}",
                         "sampleData":{"topic":"de tuin"}}""")
                .put("/api/v1/templates/" + key + "/nl")
                .then()
                .statusCode(201);
        String tr = emailTenant("tr");
        send("""
                {"requestId":"%s","tenantRef":"%s","purpose":"consultation","templateKey":"%s","data":{"topic":"de tuin"}}""".formatted("req-" + UUID.randomUUID(), tr, key))
                .then()
                .statusCode(202)
                .body("language", equalTo("nl"));
        MimeMessage m = awaitMail(emailFor(tr), 1).get(0);
        assertEquals("Over de tuin", m.getSubject());
        assertEquals("nl", m.getHeader("Content-Language", null));
    }

    @Test
    void idempotencyKeyReplaysRefusesAnotherBodyAndARequestIsNeverSentTwice() {
        String ref = emailTenant("nl");
        String body = invitation("req-" + UUID.randomUUID(), ref);
        String key = "key-" + UUID.randomUUID();
        String id = as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/messages")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/messages")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        as("corporation")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body.replace("Nieuwe speeltuin", "Iets anders"))
                .post("/api/v1/messages")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        // the same requestId without a key: the existing delivery, not a second message
        send(body).then().statusCode(200).body("id", equalTo(id));
        awaitStatus(id, "SENT");
        assertEquals(1, awaitMail(emailFor(ref), 1).size());
        send(body.replace("consultation.invitation", "consultation.reminder"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aTenantWithoutEmailOrWhoPrefersLettersGetsALetterEvenWhenEmailIsAskedFor() {
        String ref = tenant(newRef(), null, "nl", "EMAIL");
        send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .body("status", equalTo("QUEUED"));
        send(invitation("req-" + UUID.randomUUID(), ref).replace("\"purpose\"", "\"channel\":\"EMAIL\",\"purpose\""))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .body("status", equalTo("QUEUED"));
        String letterLover = newRef();
        tenant(letterLover, emailFor(letterLover), "nl", "LETTER");
        send(invitation("req-" + UUID.randomUUID(), letterLover)
                        .replace("\"purpose\"", "\"channel\":\"EMAIL\",\"purpose\""))
                .then()
                .statusCode(202)
                .body("channel", equalTo("LETTER"))
                .body("status", equalTo("QUEUED"));
    }

    @Test
    void badRequestsAreProblemsAndLeaveNoDeliveryBehind() {
        String ref = emailTenant("nl");
        String requestId = "req-" + UUID.randomUUID();
        send(invitation(requestId, ref).replace("consultation.invitation", "consultation.nope"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("templateKey"));
        send(invitation(requestId, "T-unknown-" + UUID.randomUUID().toString().substring(0, 6)))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tenantRef"));
        send(invitation(requestId, ref).replace(",\"invitationUrl\":\"https://example.nl/i/abc\"", ""))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("data.invitationUrl"));
        send(invitation(requestId, ref).replace("\"consultation\"", "\"marketing\""))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("purpose"));
        send(invitation(requestId, ref).replace("\"purpose\":\"consultation\",", ""))
                .then()
                .statusCode(422) // no purpose at all
                .contentType("application/problem+json")
                .body("errors.field", hasItem("purpose"));
        send(invitation(requestId, ref).replace("\"purpose\"", "\"channel\":\"PIGEON\",\"purpose\""))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("channel"));
        send("{\"tenantRef\":").then().statusCode(400).contentType("application/problem+json");
        send(invitation(requestId, ref).replace("\"purpose\"", "\"colour\":\"red\",\"purpose\""))
                .then()
                .statusCode(400);
        as("corporation")
                .header("Idempotency-Key", "bad key with spaces")
                .contentType(ContentType.JSON)
                .body(invitation(requestId, ref))
                .post("/api/v1/messages")
                .then()
                .statusCode(400);
        as("ops")
                .queryParam("requestId", requestId)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0))
                .body("next", nullValue());
    }

    @Test
    void onlyTheCorporationMaySend() {
        String body = invitation("req-" + UUID.randomUUID(), newRef());
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/messages")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        for (String role : new String[] {"tenant-organisation", "survey-frontend", "ops"}) {
            as(role).contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(403);
        }
        given().get("/api/v1/deliveries").then().statusCode(401);
        as("tenant-organisation").get("/api/v1/deliveries").then().statusCode(403);
        as("ops")
                .get("/api/v1/deliveries/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("ops").get("/api/v1/deliveries/not-a-uuid").then().statusCode(400);
        as("ops").queryParam("status", "LOST").get("/api/v1/deliveries").then().statusCode(400);
    }

    @Test
    void smtpSinkIsReal() {
        assertTrue(Smtp.port() > 0);
    }
}
