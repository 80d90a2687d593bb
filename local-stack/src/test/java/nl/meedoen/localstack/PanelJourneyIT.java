package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6 end to end through the gateway: a panel co-owned by a tenant organisation, invitations
 * mailed over SMTP, tenants joining with consent through the link in their mail, a theme co-signed,
 * a wave launched for a panel-wave consultation of consultation-service, the wave's invitations
 * mailed by consultation-service, a response counted back at the panel, and panel health.
 */
@ExtendWith({PlatformExtension.class, ContractExtension.class})
class PanelJourneyIT {

    static final String PANELS = "/api/v1/panels";
    static final String CONSULTATIONS = "/api/v1/consultations";

    @Test
    void panelInvitationsConsentThemeAndAWaveMailedByConsultationService(Platform platform) {
        String tag = Journeys.tag();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(Journeys.register(
                    platform,
                    "PJ-" + tag + "-" + i,
                    "C-" + tag,
                    Journeys.neighbourhood(),
                    i % 2 == 0 ? 1995 : 1960,
                    30 + i));
        }
        Journeys.awaitPopulation(platform, "panels", refs);
        Journeys.awaitPopulation(platform, "consultations", refs);

        String organisation = "ho-" + tag;
        String panelName = "Panel " + tag;
        String panel = platform.api()
                .body("""
                        {"name":"%s","purpose":"Meedenken over onderhoud","coOwnerParty":"tenant-organisation","tenantOrganisation":"%s",
                         "targetSize":50,"strata":["ageBand"],"consentText":"Ik doe mee met het panel."}""".formatted(panelName, organisation))
                .post(PANELS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // a theme proposed by the corporation and co-signed by the tenant organisation
        String theme = platform.api()
                .body("{\"title\":\"Onderhoud " + tag + "\"}")
                .post(PANELS + "/" + panel + "/themes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        platform.api()
                .body("{}")
                .post(PANELS + "/" + panel + "/themes/" + theme + "/signature")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json")); // not by the proposer
        platform.as(organisation, "tenant-organisation")
                .body("{}")
                .post(PANELS + "/" + panel + "/themes/" + theme + "/signature")
                .then()
                .statusCode(200);

        // invitations go out by mail; each tenant joins with consent through the link in it
        platform.api()
                .body(Map.of("tenantRefs", refs))
                .post(PANELS + "/" + panel + "/invitations")
                .then()
                .statusCode(202);
        Map<String, SmtpSink.Mail> invitations = Journeys.awaitMails(platform, refs, "Doe mee met het " + panelName);
        for (String ref : refs) {
            String token = Journeys.find(invitations.get(ref), "panel\\.html#([A-Za-z0-9_-]{40,})");
            if (ref.equals(refs.get(0))) {
                Journeys.tenant(platform)
                        .body("{\"consent\":false,\"consentVersion\":1}")
                        .post(PANELS + "/membership/" + token + "/join")
                        .then()
                        .statusCode(422)
                        .contentType(startsWith("application/problem+json"));
            }
            Journeys.tenant(platform)
                    .body("{\"consent\":true,\"consentVersion\":1,\"channel\":\"ONLINE\",\"interests\":[\"" + theme
                            + "\"]}")
                    .post(PANELS + "/membership/" + token + "/join")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ACTIVE"))
                    .body("consentVersion", equalTo(1));
            if (ref.equals(refs.get(0))) {
                Journeys.tenant(platform)
                        .body("{\"consent\":true,\"consentVersion\":1}")
                        .post(PANELS + "/membership/" + token + "/join")
                        .then()
                        .statusCode(409)
                        .contentType(startsWith("application/problem+json"));
            }
        }

        // the wave's consultation, created in consultation-service for this panel; panel-service names the wave
        String title = "Panelvraag " + tag;
        String consultation = platform.api()
                .body("""
                        {"kind":"SURVEY","languages":["nl","en"],"title":{"nl":"%s","en":"%s"},"anonymity":"PSEUDONYMOUS",
                         "audience":{"type":"PANEL_WAVE","panelId":"%s"}}""".formatted(title, title, panel))
                .post(CONSULTATIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        platform.api()
                .header("If-Match", ConsultationJourneyIT.etag(platform, consultation))
                .body("""
                        {"questions":[{"id":"ok","type":"SINGLE_CHOICE","text":{"nl":"Bent u tevreden over het onderhoud?"},"required":true,
                          "options":[{"value":"yes","text":{"nl":"Ja"}},{"value":"no","text":{"nl":"Nee"}}]}]}""")
                .put(CONSULTATIONS + "/" + consultation + "/questionnaire")
                .then()
                .statusCode(200);
        platform.api()
                .header("If-Match", ConsultationJourneyIT.etag(platform, consultation))
                .body(ConsultationJourneyIT.STATEMENT)
                .put(CONSULTATIONS + "/" + consultation + "/statement")
                .then()
                .statusCode(200);

        String wave = platform.as(organisation, "tenant-organisation")
                .body("{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":4}".formatted(consultation, theme))
                .post(PANELS + "/" + panel + "/waves")
                .then()
                .statusCode(201)
                .body("aligned", equalTo(true))
                .body("sample.sampled", equalTo(4))
                .body("sample.interested", equalTo(4))
                .extract()
                .path("id");
        List<String> sampled = platform.api()
                .get(PANELS + "/" + panel + "/waves/" + wave + "/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.tenantRef");
        assertEquals(new HashSet<>(refs), new HashSet<>(sampled));

        // the sample reaches consultation-service over Kafka and becomes the consultation's audience
        await().atMost(Journeys.PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> platform.polling()
                        .get(CONSULTATIONS + "/" + consultation)
                        .then()
                        .statusCode(200)
                        .body("audience.listSize", equalTo(4))
                        .body("audience.waveId", equalTo(wave)));
        platform.api().post(CONSULTATIONS + "/" + consultation + "/open").then().statusCode(200);
        Map<String, SmtpSink.Mail> waveMails = Journeys.awaitMails(platform, refs, "Uw mening gevraagd: " + title);

        // one member answers: participation (never content) is counted at the panel
        String token = Journeys.find(waveMails.get(refs.get(1)), "#([A-Za-z0-9_-]{22,})");
        Journeys.tenant(platform)
                .header("Invitation-Token", token)
                .body("{\"answers\":{\"ok\":\"yes\"}}")
                .post(CONSULTATIONS + "/respondent/response")
                .then()
                .statusCode(201);
        await().atMost(Journeys.PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> platform.polling()
                        .get(PANELS + "/" + panel + "/waves/" + wave)
                        .then()
                        .statusCode(200)
                        .body("responses.invited", equalTo(4))
                        .body("responses.responded", equalTo(1)));
        platform.api()
                .get(PANELS + "/" + panel + "/members/" + refs.get(1))
                .then()
                .statusCode(200)
                .body("participation[0].waveId", equalTo(wave))
                .body("participation[0].status", equalTo("RESPONDED"));
        platform.api()
                .get(PANELS + "/" + panel + "/health")
                .then()
                .statusCode(200)
                .body("members.ACTIVE", equalTo(4))
                .body("recruitment.shortfall", equalTo(46))
                .body("responses.waves[0].responses.responded", equalTo(1));
    }
}
