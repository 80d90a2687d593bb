package nl.meedoen.localstack;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5 end to end through the gateway: a campaign with age-band quotas, the outreach mailed over
 * SMTP, sign-ups with the token from the mail, a committed draw with a seed given afterwards, the
 * draw verified through the API, and the outcome mails (selected, waitlisted) at the SMTP server. Issue 18's
 * journey (b): a one-off tenant council with fewer sign-ups than seats goes ahead without a lottery, everyone
 * seated, mailed, confirmed and paid. Both share the class's platform (and its contract checks).
 */
@ExtendWith({PlatformExtension.class, ContractExtension.class})
class RecruitmentJourneyIT {

    static final String BASE = "/api/v1/campaigns";

    @Test
    void campaignOutreachSignUpsVerifiableDrawAndOutcomesMailed(Platform platform) {
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        List<String> refs = new ArrayList<>();
        Map<String, String> band = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            boolean young = i % 2 == 0;
            String ref = Journeys.register(
                    platform, "RJ-" + tag + "-" + i, complex, Journeys.neighbourhood(), young ? 1995 : 1980, 20 + i);
            refs.add(ref);
            band.put(ref, young ? "18-34" : "35-49");
        }
        Journeys.awaitPopulation(platform, "campaigns", refs);

        String title = "Klankbord " + tag;
        String id = platform.api()
                .body(Journeys.campaign(title, 4, complex))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract()
                .path("id");
        Journeys.agreeAndOpen(platform::api, id);
        JsonPath outreachJob = Journeys.awaitJob(
                platform,
                platform.api()
                        .body(Map.of("source", "MAILING"))
                        .post(BASE + "/" + id + "/outreach")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals("SUCCEEDED", outreachJob.getString("status"), outreachJob.prettify());
        assertEquals(8, outreachJob.getInt("result.eligible"));
        assertEquals(8, outreachJob.getInt("result.messaged"));

        // the outreach arrives by mail with a personal sign-up link
        Map<String, SmtpSink.Mail> outreach = Journeys.awaitMails(platform, refs, "Gezocht: huurders voor " + title);
        // ... as one mailing in notification-service, which the organiser follows (and could pause) through the gateway
        String mailing = outreachJob.getString("result.mailing");
        assertEquals("/api/v1/mailings/" + outreachJob.getString("result.mailingId"), mailing);
        org.awaitility.Awaitility.await()
                .atMost(Journeys.PATIENCE)
                .untilAsserted(() -> platform.polling()
                        .get(mailing)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED"))
                        .body("source", equalTo("campaign:" + id))
                        .body("progress.audienceSize", equalTo(8))
                        .body("progress.counts.SENT", equalTo(8)));
        platform.api()
                .queryParam("mailingId", outreachJob.getString("result.mailingId"))
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(8))
                .body("items.source", org.hamcrest.Matchers.everyItem(equalTo("campaign:" + id)));
        // six sign up through their link (no bearer token: the link is the credential)
        List<String> signedUp = refs.subList(0, 6);
        for (String ref : signedUp) {
            String token = Journeys.find(outreach.get(ref), Journeys.SIGNUP_TOKEN);
            Journeys.tenant(platform)
                    .body(Map.of("token", token, "motivation", "Ik wil meedenken"))
                    .post(BASE + "/token-signups")
                    .then()
                    .statusCode(201)
                    .body("tenantRef", equalTo(ref))
                    .body("source", equalTo("MAILING"));
        }
        Journeys.tenant(platform)
                .body(Map.of("token", Journeys.find(outreach.get(refs.get(0)), Journeys.SIGNUP_TOKEN)))
                .post(BASE + "/token-signups")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        // reached counts a tenant once notification-service reports the mail sent, which may trail the mail itself
        org.awaitility.Awaitility.await()
                .atMost(Journeys.PATIENCE)
                .untilAsserted(() -> platform.polling()
                        .get(BASE + "/" + id + "/conversion")
                        .then()
                        .statusCode(200)
                        .body("bySource.find { it.source == 'MAILING' }.reached", equalTo(8))
                        .body("bySource.find { it.source == 'MAILING' }.signedUp", equalTo(6)));

        // phase (a): close and commit to the inputs; phase (b): the seed from the ceremony's reveals afterwards
        platform.api().post(BASE + "/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        Map<String, String> secrets =
                Map.of("corporation", "e8b2f4a6c1d3-corporatie-" + id, "witness:Notaris", "5-1-4-2-6-3 " + id);
        Journeys.commitSeeds(platform::api, id, secrets);
        JsonPath commitJob = Journeys.awaitJob(
                platform,
                platform.api()
                        .body(Map.of(
                                "algorithm",
                                "leximin",
                                "householdRule",
                                true,
                                "quotas",
                                List.of(
                                        Map.of("attribute", "ageBand", "value", "18-34", "min", 2, "max", 2),
                                        Map.of("attribute", "ageBand", "value", "35-49", "min", 2, "max", 2))))
                        .post(BASE + "/" + id + "/draw/commit")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals("SUCCEEDED", commitJob.getString("status"), commitJob.prettify());
        String commitment = platform.api()
                .get(commitJob.getString("resultLocation"))
                .then()
                .statusCode(200)
                .body("commitment", matchesPattern("[0-9a-f]{64}"))
                .body("poolSize", equalTo(6))
                .extract()
                .path("commitment");
        Journeys.revealSeeds(platform::api, id, secrets);
        JsonPath drawn = platform.api()
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(200)
                .body("seed", matchesPattern("[0-9a-f]{64}"))
                .extract()
                .jsonPath();
        List<Map<String, Object>> participants = drawn.getList("participants");
        List<String> selected = participants.stream()
                .filter(p -> "SELECTED".equals(p.get("outcome")))
                .map(p -> (String) p.get("tenantRef"))
                .toList();
        List<String> waitlisted = participants.stream()
                .filter(p -> "WAITLISTED".equals(p.get("outcome")))
                .map(p -> (String) p.get("tenantRef"))
                .toList();
        assertEquals(4, selected.size(), participants.toString());
        assertEquals(
                2, selected.stream().filter(r -> band.get(r).equals("18-34")).count(), "quota 18-34: " + selected);
        assertEquals(2, waitlisted.size(), participants.toString());
        assertTrue(signedUp.containsAll(selected) && signedUp.containsAll(waitlisted));

        // anyone can re-check the draw from its record; a changed seed does not match
        String record = platform.api()
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        platform.api()
                .queryParam("commitment", commitment)
                .body(record)
                .post(BASE + "/draws/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(true));
        String seed = drawn.getString("seed");
        platform.api()
                .body(record.replace(seed, new StringBuilder(seed).reverse().toString()))
                .post(BASE + "/draws/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(false));

        // the outcomes arrive by mail: selected and waitlisted each get theirs, the two who did not sign up nothing
        Journeys.awaitMails(platform, selected, "U bent gekozen voor " + title);
        Journeys.awaitMails(platform, waitlisted, "U staat op de wachtlijst voor " + title);
        for (String ref : refs) {
            long outcomes = platform.smtp().mailsTo(Journeys.email(ref)).stream()
                    .filter(m -> m.subject().endsWith(title)
                            && !m.subject().startsWith("Gezocht")
                            && !m.subject().startsWith("Uw aanmelding"))
                    .count();
            assertEquals(signedUp.contains(ref) ? 1 : 0, outcomes, "outcome mails to " + ref);
        }
        assertEquals(
                Set.of(),
                Set.copyOf(selected.stream().filter(waitlisted::contains).toList()));

        // a selected tenant declines: the seat goes to a waitlisted tenant of the same age band, who is mailed
        String decliner = selected.get(0);
        String replacement = platform.api()
                .post(BASE + "/" + id + "/participants/" + decliner + "/decline")
                .then()
                .statusCode(200)
                .extract()
                .path("replacement");
        assertTrue(waitlisted.contains(replacement), replacement + " from the waitlist " + waitlisted);
        assertEquals(band.get(decliner), band.get(replacement));
        Journeys.awaitMails(platform, List.of(replacement), "U bent gekozen voor " + title);

        // the replacement attends the session: the compensation ledger records the payment
        String session = platform.api()
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("sessions[0].id");
        platform.api()
                .body(Map.of("tenantRefs", List.of(replacement)))
                .post(BASE + "/" + id + "/sessions/" + session + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].tenantRef", equalTo(replacement))
                .body("[0].paidCents", equalTo(2500));
        int year =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(20).getYear();
        String ledger = platform.api()
                .accept("text/csv")
                .get(BASE + "/compensation/ledger.csv?year=" + year)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(ledger.contains(replacement + "," + year + ",25.00,25.00,"), ledger);
    }

    @Test
    void anUndersubscribedOneOffTenantCouncilGoesAheadWithEveryoneSeatedAndPaid(Platform platform) {
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refs.add(Journeys.register(
                    platform, "RB-" + tag + "-" + i, complex, Journeys.neighbourhood(), 1970 + 5 * i, 40 + i));
        }
        Journeys.awaitPopulation(platform, "campaigns", refs);

        // §5.1: the form's default is a lottery only when oversubscribed
        String title = "Huurdersraad " + tag;
        String id = platform.api()
                .body(Journeys.campaign("TENANT_COUNCIL_ONE_OFF", null, title, 6, complex))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("LOTTERY_WHEN_OVERSUBSCRIBED"))
                .extract()
                .path("id");
        Journeys.agreeAndOpen(platform::api, id);
        JsonPath outreachJob = Journeys.awaitJob(
                platform,
                platform.api()
                        .body(Map.of("source", "MAILING"))
                        .post(BASE + "/" + id + "/outreach")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals("SUCCEEDED", outreachJob.getString("status"), outreachJob.prettify());
        assertEquals(5, outreachJob.getInt("result.messaged"));
        Map<String, SmtpSink.Mail> outreach = Journeys.awaitMails(platform, refs, "Gezocht: huurders voor " + title);

        // three sign-ups for six seats
        List<String> signedUp = refs.subList(0, 3);
        for (String ref : signedUp) {
            String token = Journeys.find(outreach.get(ref), Journeys.SIGNUP_TOKEN);
            Journeys.tenant(platform)
                    .body(Map.of("token", token, "motivation", "Ik wil meepraten over de huur"))
                    .post(BASE + "/token-signups")
                    .then()
                    .statusCode(201)
                    .body("tenantRef", equalTo(ref));
        }
        platform.api().post(BASE + "/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));

        // no lottery for fewer sign-ups than seats: the organiser goes ahead smaller, everyone seated
        platform.api()
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://meedoen.nl/problems/no-lottery-needed"));
        platform.api()
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", equalTo("EVERYONE_SEATED"))
                .body("lottery", equalTo(false))
                .body("seated", equalTo(3))
                .body("undersubscribed", equalTo(true));
        platform.api().get(BASE + "/" + id + "/seating").then().statusCode(200).body("status", equalTo("SEATED"));

        // each seated tenant is mailed their place (no lottery message); the two who did not sign up hear nothing
        Journeys.awaitMails(platform, signedUp, "U heeft een plaats in " + title);
        for (String ref : refs) {
            List<String> subjects = platform.smtp().mailsTo(Journeys.email(ref)).stream()
                    .map(SmtpSink.Mail::subject)
                    .filter(subject -> subject != null
                            && subject.endsWith(title)
                            && !subject.startsWith("Gezocht")
                            && !subject.startsWith("Uw aanmelding"))
                    .toList();
            assertEquals(
                    signedUp.contains(ref) ? List.of("U heeft een plaats in " + title) : List.of(),
                    subjects,
                    "mails to " + ref);
        }

        // everyone confirms, attends the session and is paid; the ledger books it
        for (String ref : signedUp) {
            platform.api()
                    .post(BASE + "/" + id + "/participants/" + ref + "/confirm")
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("CONFIRMED"));
        }
        String session = platform.api()
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("sessions[0].id");
        platform.api()
                .body(Map.of("tenantRefs", signedUp))
                .post(BASE + "/" + id + "/sessions/" + session + "/attendance")
                .then()
                .statusCode(200)
                .body("tenantRef", containsInAnyOrder(signedUp.toArray()))
                .body("paidCents", equalTo(List.of(2500, 2500, 2500)));
        int year =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(20).getYear();
        String ledger = platform.api()
                .accept("text/csv")
                .get(BASE + "/compensation/ledger.csv?year=" + year)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String ref : signedUp) {
            assertTrue(ledger.contains(ref + "," + year + ",25.00,25.00,"), ledger);
        }
        for (String ref : refs.subList(3, 5)) {
            assertTrue(!ledger.contains(ref + ","), ref + " was paid without signing up: " + ledger);
        }
    }
}
