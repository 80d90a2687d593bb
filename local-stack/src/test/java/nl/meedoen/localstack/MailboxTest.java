package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.meedoen.devinfra.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mail that reached the local SMTP server can be opened and its link followed, without reading Kafka. */
class MailboxTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMailIsKeptAsAFileAndListedWithItsLinkClickable(@TempDir Path data) throws Exception {
        int smtpPort = FreePort.pick();
        try (SmtpSink sink = new SmtpSink(smtpPort, data.resolve("smtp.log")).keepingFilesIn(data.resolve("mail"));
                Mailbox mailbox = startSink(sink)) {
            sink.start();
            GreenMailUtil.sendTextEmail(
                    "t1@example.nl",
                    "noreply@meedoen.local",
                    "Uitnodiging <script>alert(1)</script>",
                    "Doe mee: https://huurders.example.nl/panel/join#tok-123 (geldig tot 1 januari)",
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            org.awaitility.Awaitility.await().until(() -> sink.received() == 1);

            Path file = data.resolve("mail/1.eml");
            assertTrue(Files.readString(file).contains("https://huurders.example.nl/panel/join#tok-123"));

            HttpResponse<String> list = get(mailbox.url());
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains("t1@example.nl"));
            assertTrue(list.body().contains("href=\"/mail/1\""));
            assertFalse(list.body().contains("<script>"), "a subject is text, never markup");

            HttpResponse<String> page = get(mailbox.url() + "mail/1");
            assertEquals(200, page.statusCode());
            assertTrue(page.body()
                    .contains("<a href=\"https://huurders.example.nl/panel/join#tok-123\">"
                            + "https://huurders.example.nl/panel/join#tok-123</a>"));

            HttpResponse<String> eml = get(mailbox.url() + "mail/1.eml");
            assertEquals(200, eml.statusCode());
            assertEquals(
                    "message/rfc822", eml.headers().firstValue("Content-Type").orElse(""));
            assertEquals(Files.readString(file), eml.body());

            assertEquals(404, get(mailbox.url() + "mail/2").statusCode());
            assertEquals(404, get(mailbox.url() + "elsewhere").statusCode());
        }
    }

    private static Mailbox startSink(SmtpSink sink) {
        return new Mailbox(sink, FreePort.pick());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
