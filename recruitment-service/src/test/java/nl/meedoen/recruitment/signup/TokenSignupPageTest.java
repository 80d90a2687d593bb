package nl.meedoen.recruitment.signup;

import static io.restassured.RestAssured.given;
import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * What the sign-up page behind the outreach link reads and does with the token alone (no bearer token): the campaign
 * and what she may do, signing up, withdrawing, and the answers to a link that is unknown or used up.
 */
@QuarkusTest
class TokenSignupPageTest {

    @Test
    void theLinkShowsTheCampaignSignsUpAndWithdraws() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 1);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = Fixtures.openCampaign(
                Fixtures.lotteryCampaign("FOCUS_GROUP", "corporation", 2, complex, "PER_SESSION", 2500));
        Fixtures.outreach("corporation", id, "MAILING");
        String url = JsonPath.from(Events.await(
                                messages,
                                r -> r.value() != null && r.value().contains("recruitment:" + id + ":outreach"),
                                1,
                                Duration.ofSeconds(20))
                        .get(0)
                        .value())
                .getString("data.signUpUrl");
        String token = url.substring(url.indexOf('#') + 1);

        // before: the campaign, the tenant's language, nothing signed, what a lottery's page asks
        page(token)
                .then()
                .statusCode(200)
                .body("campaign.id", equalTo(id))
                .body("campaign.title", equalTo("Groep FOCUS_GROUP"))
                .body("campaign.statement.goal", equalTo("Samen bepalen welk onderhoud voorgaat"))
                .body("language", equalTo("nl"))
                .body("signup", nullValue())
                .body("canSignUp", equalTo(true))
                .body("cannotSignUpBecause", nullValue())
                .body("canWithdraw", equalTo(false))
                .body("asks", contains("motivation", "availability"));

        given().contentType("application/json")
                .body(Map.of("token", token, "motivation", "Ik woon hier al lang", "availability", "Dinsdagavond"))
                .post(BASE + "/token-signups")
                .then()
                .statusCode(201);
        page(token)
                .then()
                .statusCode(200)
                .body("signup.status", equalTo("ACTIVE"))
                .body("signup.motivation", equalTo("Ik woon hier al lang"))
                .body("canSignUp", equalTo(false))
                .body("cannotSignUpBecause", equalTo("ALREADY_SIGNED_UP"))
                .body("canWithdraw", equalTo(true));

        given().contentType("application/json")
                .body(Map.of("token", token))
                .post(BASE + "/token-signups/withdrawal")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("tenantRef", equalTo(refs.get(0)));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("status", contains("WITHDRAWN"));
        // used up: the page says so, and withdrawing again finds nothing to withdraw
        page(token)
                .then()
                .statusCode(200)
                .body("signup.status", equalTo("WITHDRAWN"))
                .body("canSignUp", equalTo(false))
                .body("cannotSignUpBecause", equalTo("ALREADY_SIGNED_UP"))
                .body("canWithdraw", equalTo(false));
        given().contentType("application/json")
                .body(Map.of("token", token))
                .post(BASE + "/token-signups/withdrawal")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));

        // closed: the page can say why before the tenant types anything
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        page(token).then().statusCode(200).body("cannotSignUpBecause", equalTo("CAMPAIGN_NOT_OPEN"));
    }

    @Test
    void anUnknownOrMissingTokenIsAProblemAndChangesNothing() {
        page("not-a-token")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("sign-up link does not exist"));
        given().get(BASE + "/token-signups/invitation")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().contentType("application/json")
                .body(Map.of("token", "not-a-token"))
                .post(BASE + "/token-signups/withdrawal")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().contentType("application/json")
                .body("{}")
                .post(BASE + "/token-signups/withdrawal")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 422))
                .body("errors[0].field", equalTo("token"));
    }

    private static io.restassured.response.Response page(String token) {
        RequestSpecification request = given().header("Signup-Token", token);
        return request.get(BASE + "/token-signups/invitation");
    }
}
