package nl.meedoen.panel.member;

import static nl.meedoen.panel.PanelTests.anonymous;
import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.count;
import static nl.meedoen.panel.PanelTests.invite;
import static nl.meedoen.panel.PanelTests.lastMessageTo;
import static nl.meedoen.panel.PanelTests.panel;
import static nl.meedoen.panel.PanelTests.sql;
import static nl.meedoen.panel.PanelTests.tenant;
import static nl.meedoen.panel.PanelTests.tokenFromLastMessage;
import static nl.meedoen.panel.PanelTests.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A panel letter's short code (issue 20): printed beside the QR code of the personal link, typed on the panel page by a
 * tenant who cannot scan it, it stands for the link's token on every membership route, with the same answers.
 */
@QuarkusTest
class ShortCodeMembershipTest {

    private static final String CODE = "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}";

    /** The invitation message to {@code ref}, after inviting her. */
    private static JsonNode invited(String panel, String ref) {
        invite(panel, ref);
        JsonNode message = lastMessageTo(ref);
        assertEquals("panel.invitation", message.path("templateKey").asText());
        return message.path("data");
    }

    /** As a reader types a code off a letter: lower case, spaces for dashes. */
    private static String typed(String code) {
        return code.toLowerCase().replace('-', ' ');
    }

    private static String membership(String credential) {
        return "/api/v1/panels/membership/" + credential.replace(" ", "%20");
    }

    @Test
    void anInvitationLettersCodeReadsAndJoinsTheMembershipOfItsLink() {
        String panel = panel("");
        String ref = tenant(unique("T"), "35-49", "SINGLE");
        JsonNode data = invited(panel, ref);
        String code = data.path("shortCode").asText();
        assertTrue(code.matches(CODE), "Crockford base32 in groups: " + code);
        assertEquals(
                "http://localhost:8080/panel",
                data.path("codeUrl").asText(),
                "the panel page: the join link without its '#'");
        String token = tokenFromLastMessage(ref, "panel.invitation");
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM member_token WHERE short_code_hash = ?1 OR short_code_hash = ?2",
                        code,
                        code.replace("-", "")),
                "the code itself is never stored");
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM member_token WHERE token_hash = ?1 AND short_code_hash IS NOT NULL",
                        MemberTokens.hash(token)));

        anonymous()
                .urlEncodingEnabled(false)
                .get(membership(typed(code)))
                .then()
                .statusCode(200)
                .body("status", equalTo("INVITED"))
                .body("panelId", equalTo(panel))
                .body("currentConsentVersion", equalTo(1));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post(membership(code) + "/join")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        // the link sees what the code did: one membership, one consent
        anonymous()
                .get(membership(token))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("consentVersion", equalTo(1));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM consent_record WHERE panel_id = ?1 AND tenant_ref = ?2 AND channel = 'ONLINE'",
                        UUID.fromString(panel),
                        ref));
        // joining again by the link is the same 409 as by the code
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post(membership(token) + "/join")
                .then()
                .statusCode(409);
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":1}")
                .post(membership(code) + "/join")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(membership(code) + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"));
        anonymous().post(membership(token) + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aConsentRenewalsCodeConsentsToTheNewText() {
        String panel = panel("");
        String ref = tenant(unique("T"), "50-64", "COUPLE");
        MembershipTest.join(token(invited(panel, ref)), 1);
        as("corporation")
                .contentType(ContentType.JSON)
                .body("{\"text\":\"Versie 2\",\"reconsentWithinDays\":14}")
                .post("/api/v1/panels/" + panel + "/consent-texts")
                .then()
                .statusCode(201);
        JsonNode message = lastMessageTo(ref);
        assertEquals("panel.consent-renewal", message.path("templateKey").asText());
        String code = message.path("data").path("shortCode").asText();
        assertTrue(code.matches(CODE), code);
        assertEquals(
                "http://localhost:8080/panel/toestemming",
                message.path("data").path("codeUrl").asText(),
                "the consent page: the consent link without its '#'");

        anonymous()
                .urlEncodingEnabled(false)
                .get(membership(typed(code)))
                .then()
                .statusCode(200)
                .body("consentVersion", equalTo(1))
                .body("currentConsentVersion", equalTo(2));
        anonymous()
                .contentType(ContentType.JSON)
                .body("{\"consent\":true,\"consentVersion\":2}")
                .post(membership(code) + "/consent")
                .then()
                .statusCode(200)
                .body("consentVersion", equalTo(2))
                .body("status", equalTo("ACTIVE"));
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + ref)
                .then()
                .body("consentCurrent", equalTo(true));
    }

    /** The token of an invitation's join link. */
    private static String token(JsonNode invitationData) {
        String url = invitationData.path("joinUrl").asText();
        return url.substring(url.indexOf('#') + 1);
    }

    @Test
    void aWrongOrMalformedCodeIsTheSame404AsAWrongTokenAndChangesNothing() {
        String panel = panel("");
        String ref = tenant(unique("T"), "35-49", "SINGLE");
        String code = invited(panel, ref).path("shortCode").asText();
        String wrong = (code.charAt(0) == '7' ? "8" : "7") + code.substring(1);
        assertNotEquals(code, wrong);
        for (String bad : List.of(wrong, "K7QM-3XTR", code + "-9", "K7QM-3XTR-9U", "%21%21%21%21%21%21%21%21%21%21")) {
            for (ValidatableResponse answer : List.of(
                    anonymous().urlEncodingEnabled(false).get(membership(bad)).then(),
                    anonymous()
                            .urlEncodingEnabled(false)
                            .contentType(ContentType.JSON)
                            .body("{\"consent\":true,\"consentVersion\":1}")
                            .post(membership(bad) + "/join")
                            .then(),
                    anonymous()
                            .urlEncodingEnabled(false)
                            .contentType(ContentType.JSON)
                            .body("{\"consent\":true,\"consentVersion\":1}")
                            .post(membership(bad) + "/consent")
                            .then(),
                    anonymous()
                            .urlEncodingEnabled(false)
                            .contentType(ContentType.JSON)
                            .body("{\"interests\":[],\"preferredMoments\":[]}")
                            .put(membership(bad) + "/preferences")
                            .then(),
                    anonymous()
                            .urlEncodingEnabled(false)
                            .contentType(ContentType.JSON)
                            .body("{}")
                            .post(membership(bad) + "/pause")
                            .then(),
                    anonymous()
                            .urlEncodingEnabled(false)
                            .post(membership(bad) + "/resume")
                            .then(),
                    anonymous()
                            .urlEncodingEnabled(false)
                            .post(membership(bad) + "/leave")
                            .then())) {
                answer.statusCode(404)
                        .contentType("application/problem+json")
                        .body("detail", equalTo("this panel link is not valid"));
            }
        }
        as("corporation")
                .get("/api/v1/panels/" + panel + "/members/" + ref)
                .then()
                .statusCode(200)
                .body("status", equalTo("INVITED"));
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM consent_record WHERE panel_id = ?1 AND tenant_ref = ?2",
                        UUID.fromString(panel),
                        ref));
        anonymous().get(membership(code)).then().statusCode(200).body("status", equalTo("INVITED"));
    }

    @Test
    void anInvitationsCodeExpiresWithItsLinkAndALinkFromBeforeCodesStillWorks() {
        String panel = panel("");
        String stale = tenant(unique("T"), "35-49", "SINGLE");
        String staleCode = invited(panel, stale).path("shortCode").asText();
        String staleToken = tokenFromLastMessage(stale, "panel.invitation");
        sql(
                "UPDATE member_token SET created_at = created_at - interval '61 days' WHERE token_hash = ?1",
                MemberTokens.hash(staleToken));
        anonymous().get(membership(staleCode)).then().statusCode(404).contentType("application/problem+json");
        anonymous().get(membership(staleToken)).then().statusCode(404);

        String old = tenant(unique("T"), "35-49", "SINGLE");
        String oldCode = invited(panel, old).path("shortCode").asText();
        String oldToken = tokenFromLastMessage(old, "panel.invitation");
        // as a link issued before V2: no code stored
        sql("UPDATE member_token SET short_code_hash = NULL WHERE token_hash = ?1", MemberTokens.hash(oldToken));
        anonymous().get(membership(oldCode)).then().statusCode(404);
        MembershipTest.join(oldToken, 1);
    }
}
