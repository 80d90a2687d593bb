package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka broker goes away in the middle of a mailing and comes back: every recipient gets exactly one
 * message at the SMTP server and the mailing completes by itself (its events wait in the outbox meanwhile).
 * Issue 9 names 10,000 recipients, which is the default, with no send limit (rate 0): the sink below answers
 * pipelined commands without a delayed-ACK stall, so the mailing takes seconds, not minutes.
 * {@code -Dfault.mailing.recipients=600 -Dfault.mailing.rate=40} (msgs/s; 0 = unlimited) runs a smaller one.
 */
@ExtendWith(PlatformExtension.class)
class KafkaMailingFaultIT {

    static final int DEFAULT_RECIPIENTS = 10_000;
    static final int DEFAULT_RATE =
            0; // the broker stops once a tenth has arrived and is back ~3 s later, long before the last message
    static final int RECIPIENTS = Integer.getInteger("fault.mailing.recipients", DEFAULT_RECIPIENTS);
    static final int RATE = Integer.getInteger("fault.mailing.rate", DEFAULT_RATE);

    @Test
    void aMailingSurvivesAKafkaOutageAndReachesEveryRecipientOnce(Platform platform) throws Exception {
        Stack stack = platform.stack();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String neighbourhood =
                "BU9" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        try (CountingSmtpSink sink = new CountingSmtpSink()) {
            // notification-service sends to this sink instead of logging mails (restarted with the settings)
            Map<String, String> smtp = sink.notificationSettings(RATE);
            try {
                smtp.forEach((k, v) -> stack.override(App.NOTIFICATION, k, v));
                platform.stop(App.NOTIFICATION);
                platform.start(App.NOTIFICATION);

                StringBuilder csv = new StringBuilder(
                        "tenantRef,name,email,street,houseNumber,postcode,city,language,preferredChannel,neighbourhoodCode,birthYear,householdType\n");
                for (int i = 0; i < RECIPIENTS; i++) {
                    csv.append(
                            "MAIL-%s-%d,Huurder %d,t%d.%s@example.nl,Teststraat,%d,1234 AB,Utrecht,nl,EMAIL,%s,1970,SINGLE\n"
                                    .formatted(run, i, i, i, run, 1 + i % 500, neighbourhood));
                }
                // Straight to notification-service: the gateway's routing table has no /api/v1/tenant-imports (yet).
                String importId = platform.polling()
                        .baseUri(stack.url(App.NOTIFICATION))
                        .contentType("text/csv")
                        .body(csv.toString().getBytes(StandardCharsets.UTF_8)) // not logged: thousands of lines
                        .post("/api/v1/tenant-imports")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("id");
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> "COMPLETED"
                                .equals(platform.polling()
                                        .baseUri(stack.url(App.NOTIFICATION))
                                        .get("/api/v1/tenant-imports/{id}", importId)
                                        .then()
                                        .extract()
                                        .path("status")));

                String mailingId = platform.api()
                        .body("""
                        {"name":"kafka-outage-%s","templateKey":"consultation.invitation","purpose":"consultation",
                         "data":{"consultationTitle":"Storingstest","goal":"meten","closesOn":"morgen","invitationUrl":"https://example.nl/s"},
                         "audience":{"segment":{"neighbourhoodCode":["%s"]}}}""".formatted(run, neighbourhood))
                        .post("/api/v1/mailings")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                long started = System.nanoTime();
                platform.api()
                        .body("{}")
                        .post("/api/v1/mailings/{id}/start", mailingId)
                        .then()
                        .statusCode(200);

                await().atMost(Duration.ofSeconds(120)).until(() -> sink.messages() >= RECIPIENTS / 10);
                stack.stopKafka();
                int atStop = sink.messages();
                try {
                    Thread.sleep(3000); // the mailing goes on without the broker
                } finally {
                    stack.startKafka();
                }
                System.out.printf(
                        "[kafka outage] Kafka stopped after %d of %d messages; %d at the sink when it came back%n",
                        atStop, RECIPIENTS, sink.messages());
                assertTrue(atStop < RECIPIENTS, "the mailing was still running when Kafka stopped");

                await().atMost(Duration.ofSeconds(300))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> "COMPLETED"
                                .equals(platform.polling()
                                        .get("/api/v1/mailings/{id}", mailingId)
                                        .then()
                                        .extract()
                                        .path("status")));
                System.out.printf(
                        "[kafka outage] mailing of %d COMPLETED %.1f s after its start%n",
                        RECIPIENTS, (System.nanoTime() - started) / 1e9);
                Thread.sleep(1000); // a duplicate would arrive after the last original: give it the chance
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < RECIPIENTS; i++) {
                    int got = sink.count("t%d.%s@example.nl".formatted(i, run));
                    if (got != 1) {
                        wrong.add("t" + i + ": " + got);
                    }
                }
                assertEquals(List.of(), wrong, "recipients without exactly one message");
                assertEquals(RECIPIENTS, sink.messages());
                // the delivery events written while the broker was away leave the outbox once it is back
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> "0"
                                .equals(FaultTools.column(
                                                platform,
                                                "notification",
                                                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                                        .get(0)));
            } finally {
                smtp.keySet().forEach(k -> stack.override(App.NOTIFICATION, k, null));
                platform.stop(App.NOTIFICATION);
                platform.start(App.NOTIFICATION);
            }
        }
    }
}
