package nl.meedoen.recruitment.signup;

import static io.restassured.RestAssured.given;
import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A campaign letter's short code, typed on the sign-up page by a tenant who cannot scan its QR code: it opens, signs up
 * and withdraws the same tenant as the letter's link, and a wrong code is refused like a wrong token, changing nothing.
 */
@QuarkusTest
class ShortCodeSignupTest {

    @Test
    void theCodeSignsUpAndWithdrawsTheSameTenantAsTheLink() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 2);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = Fixtures.openCampaign(
                Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", 2, complex, "PER_SESSION", 2500));
        Fixtures.outreach("corporation", id, "LETTER");
        Map<String, JsonPath> byTenant = new HashMap<>();
        for (var r : Events.await(
                messages,
                r -> r.value() != null && r.value().contains("recruitment:" + id + ":outreach"),
                2,
                Duration.ofSeconds(20))) {
            JsonPath m = JsonPath.from(r.value());
            byTenant.put(m.getString("tenantRef"), m);
        }
        JsonPath first = byTenant.get(refs.get(0));
        String url = first.getString("data.signUpUrl");
        String token = url.substring(url.indexOf('#') + 1);
        String code = first.getString("data.shortCode");
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}"), code);
        assertEquals(url.substring(0, url.indexOf('#')), first.getString("data.codeUrl"), "typed on the sign-up page");
        assertNotEquals(code, byTenant.get(refs.get(1)).getString("data.shortCode"), "a code per tenant");

        // typed as a tenant might: lower case, spaces instead of dashes
        String typed = code.toLowerCase().replace('-', ' ');
        page(typed)
                .then()
                .statusCode(200)
                .body("campaign.id", equalTo(id))
                .body("signup", nullValue())
                .body("canSignUp", equalTo(true));
        given().contentType("application/json")
                .body(Map.of("token", typed, "motivation", "Ik heb geen telefoon, wel een computer"))
                .post(BASE + "/token-signups")
                .then()
                .statusCode(201)
                .body("tenantRef", equalTo(refs.get(0)))
                .body("source", equalTo("LETTER"));
        // the link sees the sign-up the code made, and the code cannot sign up twice
        page(token)
                .then()
                .statusCode(200)
                .body("signup.status", equalTo("ACTIVE"))
                .body("signup.motivation", equalTo("Ik heb geen telefoon, wel een computer"))
                .body("cannotSignUpBecause", equalTo("ALREADY_SIGNED_UP"));
        given().contentType("application/json")
                .body(Map.of("token", code))
                .post(BASE + "/token-signups")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));

        given().contentType("application/json")
                .body(Map.of("token", code.replace("-", "")))
                .post(BASE + "/token-signups/withdrawal")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("tenantRef", equalTo(refs.get(0)));
        page(token).then().statusCode(200).body("signup.status", equalTo("WITHDRAWN"));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("tenantRef", contains(refs.get(0)))
                .body("status", contains("WITHDRAWN"));
    }

    @Test
    void aWrongCodeIsRefusedLikeAWrongTokenAndChangesNothing() {
        String complex = "C-" + UUID.randomUUID();
        Fixtures.tenants(complex, 1);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = Fixtures.openCampaign(
                Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", 2, complex, "PER_SESSION", 2500));
        Fixtures.outreach("corporation", id, "LETTER");
        String code = JsonPath.from(Events.await(
                                messages,
                                r -> r.value() != null && r.value().contains("recruitment:" + id + ":outreach"),
                                1,
                                Duration.ofSeconds(20))
                        .get(0)
                        .value())
                .getString("data.shortCode");
        // one symbol off: still a well-formed code, but not one that was sent
        char last = code.charAt(code.length() - 1);
        String wrong = code.substring(0, code.length() - 1) + (last == '0' ? '1' : '0');

        for (String bad : List.of(wrong, "ABCD-EFGH-JK", code + "7")) {
            page(bad)
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", equalTo("sign-up link does not exist"));
            given().contentType("application/json")
                    .body(Map.of("token", bad, "motivation", "geraden"))
                    .post(BASE + "/token-signups")
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"));
            given().contentType("application/json")
                    .body(Map.of("token", bad))
                    .post(BASE + "/token-signups/withdrawal")
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"));
        }
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("$", empty());
        page(code).then().statusCode(200).body("signup", nullValue()).body("canSignUp", equalTo(true));
    }

    private static io.restassured.response.Response page(String credential) {
        return given().header("Signup-Token", credential).get(BASE + "/token-signups/invitation");
    }
}
