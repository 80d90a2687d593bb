package nl.meedoen.panel.member;

import static nl.meedoen.panel.PanelTests.anonymous;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.count;
import static nl.meedoen.panel.PanelTests.invite;
import static nl.meedoen.panel.PanelTests.lastMessageTo;
import static nl.meedoen.panel.PanelTests.messagesTo;
import static nl.meedoen.panel.PanelTests.outboxPayloads;
import static nl.meedoen.panel.PanelTests.outboxTypes;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.record;
import static nl.meedoen.panel.PanelTests.sql;
import static nl.meedoen.panel.PanelTests.tenant;
import static nl.meedoen.panel.PanelTests.tenants;
import static nl.meedoen.panel.PanelTests.tokenFromLastMessage;
import static nl.meedoen.panel.PanelTests.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MembershipTest {

    @Inject
    Housekeeping housekeeping;

    static String invite(String panelId, String ref) {
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + ref + "\"]}")
                .post("/api/v1/panels/" + panelId + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", equalTo(List.of(ref)));
        return tokenFromLastMessage(ref, "panel.invitation");
    }

    static String join(String token, int version) {
        return anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":" + version + "}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .extract()
                .asString();
    }

    @Test
    void anInvitationLeftUnansweredExpiresButAMembersLinkDoesNot() {
        String panel = panel("");
        String stale = invite(panel, tenant(unique("T"), "35-49", "SINGLE"));
        String member = invite(panel, tenant(unique("T"), "35-49", "SINGLE"));
        join(member, 1);
        // both links are older than the invitation validity (60 days by default)
        for (String token : List.of(stale, member)) {
            sql(
                    "UPDATE member_token SET created_at = created_at - interval '61 days' WHERE token_hash = ?1",
                    MemberTokens.hash(token));
        }
        anonymous()
                .get("/api/v1/panels/membership/" + stale)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post("/api/v1/panels/membership/" + stale + "/join")
                .then()
                .statusCode(404);
        anonymous()
                .get("/api/v1/panels/membership/" + member)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void anInvitedTenantJoinsThroughTheirPersonalLinkAndConsentIsRecorded() {
        String panel = panel(",\"membershipTermMonths\":12");
        String ref = tenant(unique("T"), "35-49", "SINGLE");
        String theme = nl.meedoen.panel.PanelTests.signedTheme(panel, "Onderhoud");

        invite(panel, ref);
        JsonNode message = lastMessageTo(ref);
        assertEquals("panel.invitation", message.path("templateKey").asText());
        assertEquals("panel", message.path("purpose").asText());
        assertEquals(
                "panel:" + panel,
                message.path("source").asText(),
                "followed and printed per panel in notification-service");
        assertTrue(message.path("data").path("panelName").asText().startsWith("Panel "));
        String token = tokenFromLastMessage(ref, "panel.invitation");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256-bit URL-safe token: " + token);
        assertEquals(
                0,
                count("SELECT count(*) FROM member_token WHERE token_hash = ?1", token),
                "the token itself is never stored");
        assertEquals(1, count("SELECT count(*) FROM member_token WHERE token_hash = ?1", MemberTokens.hash(token)));

        anonymous()
                .get("/api/v1/panels/membership/" + token)
                .then()
                .statusCode(200)
                .body("status", equalTo("INVITED"))
                .body("language", equalTo("nl")) // for the page: the tenant's own language
                .body("currentConsentVersion", equalTo(1))
                .body("currentConsentText", equalTo("Ik doe mee."))
                .body("themes.id", hasItem(theme));
        // joining without consent, with consent to another version, or with a made-up interest: 4xx and nothing changes
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consentVersion\":1}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("consent"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":false,\"consentVersion\":1}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://meedoen.nl/problems/consent-required"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":2}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("consentVersion"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1,\"interests\":[\"" + UUID.randomUUID() + "\"]}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("interests[0]"));
        anonymous().get("/api/v1/panels/membership/" + token).then().body("status", equalTo("INVITED"));

        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1,\"channel\":\"ONLINE\",\"interests\":[\"" + theme
                        + "\"],\"preferredMoments\":[\"WEEKEND\"]}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("consentVersion", equalTo(1))
                .body("interests", equalTo(List.of(theme)))
                .body("preferredMoments", equalTo(List.of("WEEKEND")));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post("/api/v1/panels/membership/" + token + "/join")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/already-member"));

        as("tenant-organisation")
                .get("/api/v1/panels/" + panel + "/members/" + ref)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("consentCurrent", equalTo(true))
                .body("termEndsAt", notNullValue())
                .body("consents", hasSize(1))
                .body("consents[0].version", equalTo(1))
                .body("consents[0].channel", equalTo("ONLINE"))
                .body("consents[0].kind", equalTo("JOIN"))
                .body("consents[0].givenAt", notNullValue())
                .body("profile.ageBand", equalTo("35-49"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("email")))
                .body("changes.change", equalTo(List.of("INVITED", "JOINED")));
        JsonNode joined = outboxPayloads("panel.events.v1", panel, "nl.meedoen.panel.member-joined.v1")
                .get(0);
        assertEquals(ref, joined.path("tenantRef").asText());
        assertEquals(1, joined.path("consentVersion").asInt());
        anonymous()
                .get("/api/v1/panels/membership/" + "x".repeat(43))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invitationsSkipMembersAndNameUnknownTenantsWhileInvitingTheRest() {
        String panel = panel("");
        String member = tenant(unique("T"), "18-34", "SINGLE");
        String fresh = tenant(unique("T"), "18-34", "SINGLE");
        String other = tenant(unique("T"), "18-34", "SINGLE");
        String nobody = "nobody-" + UUID.randomUUID();
        record(panel, List.of(member));
        // one tenant of the batch is not known yet: the others are invited, that one is named
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + fresh + "\",\"" + nobody + "\",\"" + other + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", equalTo(List.of(fresh, other)))
                .body("skipped[0].tenantRef", equalTo(nobody))
                .body("skipped[0].reason", equalTo("UNKNOWN_TENANT"));
        assertEquals(1, messagesTo(fresh).size());
        assertEquals(1, messagesTo(other).size());
        assertEquals(0, messagesTo(nobody).size(), "nobody unknown is sent anything");
        assertEquals(0, count("SELECT count(*) FROM panel_member WHERE tenant_ref = ?1", nobody));

        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + fresh + "\",\"" + member + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", equalTo(List.of()))
                .body("skipped.tenantRef", equalTo(List.of(fresh, member)))
                .body("skipped.reason", equalTo(List.of("ALREADY_INVITED", "ALREADY_MEMBER")));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + fresh + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("skipped[0].reason", equalTo("ALREADY_INVITED"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(422);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"group\":{\"attribute\":\"email\",\"value\":\"x\"},\"count\":3}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("group.attribute"));
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + fresh + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(403);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + fresh + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(401);

        // a population group: random tenants of it who were never on the panel
        String band = unique("band");
        List<String> group = tenants(unique("G"), 4, band, "FAMILY");
        List<String> invited = as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"group\":{\"attribute\":\"ageBand\",\"value\":\"" + band + "\"},\"count\":3}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", hasSize(3))
                .extract()
                .jsonPath()
                .getList("invited");
        assertTrue(group.containsAll(invited));
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"group\":{\"attribute\":\"ageBand\",\"value\":\"" + band + "\"},\"count\":3}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", hasSize(1));
    }

    @Test
    void aNewConsentTextAsksForReConsentAndPausesWhoeverDoesNotInTime() {
        String panel = panel("");
        String keen = tenant(unique("T"), "50-64", "COUPLE");
        String late = tenant(unique("T"), "50-64", "COUPLE");
        join(invite(panel, keen), 1);
        join(invite(panel, late), 1);

        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"text\":\"Versie 2 van de voorwaarden\",\"reconsentWithinDays\":14}")
                .post("/api/v1/panels/" + panel + "/consent-texts")
                .then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("membersAsked", equalTo(2))
                .body("publishedByParty", equalTo("tenant-organisation"));
        as("ops")
                .get("/api/v1/panels/" + panel + "/consent-texts")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
        as("corporation")
                .get("/api/v1/panels/" + panel)
                .then()
                .body("consentVersion", equalTo(2))
                .body("consentText", equalTo("Versie 2 van de voorwaarden"));
        String keenToken = tokenFromLastMessage(keen, "panel.consent-renewal");
        String lateToken = tokenFromLastMessage(late, "panel.consent-renewal");
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + keen)
                .then()
                .body("consentCurrent", equalTo(false))
                .body("reconsentDue", notNullValue());

        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post("/api/v1/panels/membership/" + keenToken + "/consent")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://meedoen.nl/problems/consent-outdated"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":2}")
                .post("/api/v1/panels/membership/" + keenToken + "/consent")
                .then()
                .statusCode(200)
                .body("consentVersion", equalTo(2))
                .body("reconsentDue", nullValue())
                .body("status", equalTo("ACTIVE"));
        assertEquals(
                List.of(2),
                outboxPayloads("panel.events.v1", panel, "nl.meedoen.panel.consent-renewed.v1").stream()
                        .map(p -> p.path("consentVersion").asInt())
                        .toList());

        // the deadline passes for the late member
        sql(
                "UPDATE panel_member SET reconsent_due = now() - interval '1 minute' WHERE panel_id = ?1 AND reconsent_due IS NOT NULL",
                UUID.fromString(panel));
        housekeeping.run();
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + late)
                .then()
                .body("status", equalTo("PAUSED"))
                .body("pauseReason", equalTo("CONSENT_LAPSED"));
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + keen)
                .then()
                .body("status", equalTo("ACTIVE"));
        anonymous()
                .post("/api/v1/panels/membership/" + lateToken + "/resume")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/consent-required"));
        JsonNode paused = outboxPayloads("panel.events.v1", panel, "nl.meedoen.panel.member-paused.v1")
                .get(0);
        assertEquals(late, paused.path("tenantRef").asText());
        assertEquals("CONSENT_LAPSED", paused.path("reason").asText());
        // consenting late brings them back; the old invitation link still works too
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":2}")
                .post("/api/v1/panels/membership/" + lateToken + "/consent")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void pauseResumeAndLeaveByLinkAndByStaff() {
        String panel = panel("");
        String ref = tenant(unique("T"), "65-79", "SINGLE");
        String token = invite(panel, ref);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/membership/" + token + "/pause")
                .then()
                .statusCode(409); // not a member yet
        join(token, 1);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"until\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/panels/membership/" + token + "/pause")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("until"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/membership/" + token + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("pauseReason", equalTo("MEMBER"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/panels/membership/" + token + "/pause")
                .then()
                .statusCode(409);
        anonymous()
                .post("/api/v1/panels/membership/" + token + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        anonymous()
                .post("/api/v1/panels/membership/" + token + "/resume")
                .then()
                .statusCode(409);

        String until = java.time.OffsetDateTime.now().plusDays(30).toString();
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body("{\"until\":\"" + until + "\"}")
                .post("/api/v1/panels/" + panel + "/members/" + ref + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("pauseReason", equalTo("STAFF"))
                .body("pausedUntil", notNullValue());
        // the pause ends by itself
        sql(
                "UPDATE panel_member SET paused_until = now() - interval '1 minute' WHERE panel_id = ?1",
                UUID.fromString(panel));
        housekeeping.run();
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + ref)
                .then()
                .body("status", equalTo("ACTIVE"));

        as("ops")
                .post("/api/v1/panels/" + panel + "/members/" + ref + "/leave")
                .then()
                .statusCode(403);
        anonymous()
                .post("/api/v1/panels/membership/" + token + "/leave")
                .then()
                .statusCode(200)
                .body("status", equalTo("LEFT"));
        anonymous().post("/api/v1/panels/membership/" + token + "/leave").then().statusCode(409);
        as("corporation")
                .post("/api/v1/panels/" + panel + "/members/" + ref + "/leave")
                .then()
                .statusCode(409);
        as("corporation")
                .post("/api/v1/panels/" + panel + "/members/nobody/leave")
                .then()
                .statusCode(404);
        assertEquals(
                List.of(
                        "nl.meedoen.panel.member-joined.v1",
                        "nl.meedoen.panel.member-paused.v1",
                        "nl.meedoen.panel.member-resumed.v1",
                        "nl.meedoen.panel.member-paused.v1",
                        "nl.meedoen.panel.member-resumed.v1",
                        "nl.meedoen.panel.member-left.v1"),
                outboxTypes("panel.events.v1", panel));
        // a tenant who left is not invited again
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + ref + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("skipped[0].reason", equalTo("LEFT"));
    }

    @Test
    void staffRecordPaperConsentAndMembershipsEndWithTheirTerm() {
        String panel = panel(",\"membershipTermMonths\":12");
        String ref = tenant(unique("T"), "80+", "SINGLE");
        String body = "{\"tenantRef\":\"%s\",\"consentVersion\":%d,\"channel\":\"%s\"}";
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body.formatted(ref, 1, "ONLINE"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("channel"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body.formatted("nobody-" + UUID.randomUUID(), 1, "PAPER"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("tenantRef"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body.formatted(ref, 3, "PAPER"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("consentVersion"));
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body.formatted(ref, 1, "LETTER"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("channel"));
        as("survey-frontend")
                .contentType(ContentType.JSON)
                .body(body.formatted(ref, 1, "PAPER"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(403);
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body(body.formatted(ref, 1, "PAPER"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("consents[0].channel", equalTo("PAPER"))
                .body("consents[0].kind", equalTo("RECORDED"));
        as("tenant-organisation")
                .contentType(ContentType.JSON)
                .body(body.formatted(ref, 1, "PHONE"))
                .post("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(409);
        as("ops")
                .queryParam("status", "ACTIVE")
                .get("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(200)
                .body("items.tenantRef", equalTo(List.of(ref)))
                .body("items[0].profile.ageBand", equalTo("80+"));
        as("ops")
                .queryParam("status", "HAPPY")
                .get("/api/v1/panels/" + panel + "/members")
                .then()
                .statusCode(400);

        sql(
                "UPDATE panel_member SET term_ends_at = now() - interval '1 minute' WHERE panel_id = ?1",
                UUID.fromString(panel));
        housekeeping.run();
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + ref)
                .then()
                .body("status", equalTo("LEFT"))
                .body("leftReason", equalTo("TERM_ENDED"));
        // after the term a tenant may be invited again
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"tenantRefs\":[\"" + ref + "\"]}")
                .post("/api/v1/panels/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", equalTo(List.of(ref)));
        assertFalse(outboxTypes("panel.events.v1", panel).isEmpty());
    }

    @Test
    void preferencesAreThemesOfThePanel() {
        String panel = panel("");
        String other = panel("");
        String mine = nl.meedoen.panel.PanelTests.signedTheme(panel, "Groen");
        String foreign = nl.meedoen.panel.PanelTests.signedTheme(other, "Parkeren");
        String ref = tenant(unique("T"), "35-49", "FAMILY");
        String token = invite(panel, ref);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"interests\":[]}")
                .put("/api/v1/panels/membership/" + token + "/preferences")
                .then()
                .statusCode(409);
        join(token, 1);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"interests\":[\"" + foreign + "\"]}")
                .put("/api/v1/panels/membership/" + token + "/preferences")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://meedoen.nl/problems/unknown-theme"));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"interests\":[\"" + mine + "\",\"" + mine + "\"],\"preferredMoments\":[\"WEEKDAY_EVENING\"]}")
                .put("/api/v1/panels/membership/" + token + "/preferences")
                .then()
                .statusCode(200)
                .body("interests", equalTo(List.of(mine)))
                .body("preferredMoments", equalTo(List.of("WEEKDAY_EVENING")));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"preferredMoments\":[\"MIDNIGHT\"]}")
                .put("/api/v1/panels/membership/" + token + "/preferences")
                .then()
                .statusCode(400);
    }
}
