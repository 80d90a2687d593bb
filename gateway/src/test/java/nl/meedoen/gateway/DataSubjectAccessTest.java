package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The right-of-access call assembled by the gateway; the full answer is proven end to end in PrivacyIT. */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class DataSubjectAccessTest {

    @Test
    void aServiceThatCannotAnswerMakesItABadGatewayNotAPartialCopy() {
        given().header("Authorization", TestIssuer.bearer())
                .header(CorrelationId.HEADER, "dsa-1")
                .when()
                .get("/api/v1/data-subjects/T-1001")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("correlationId", equalTo("dsa-1"))
                .body("detail", containsString("'recruitment'"));
    }

    @Test
    void aMalformedTenantReferenceIsRefusedBeforeAnyServiceIsAsked() {
        // with a service down, asking them would have answered 502
        for (String ref : List.of("a%2Fb", "x%20y", "%C3%A9", "a".repeat(65))) {
            given().header("Authorization", TestIssuer.bearer())
                    .urlEncodingEnabled(false)
                    .when()
                    .get("/api/v1/data-subjects/" + ref)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("tenantRef"));
        }
    }

    @Test
    void onlyForAuthenticatedCallers() {
        given().when().get("/api/v1/data-subjects/T-1001").then().statusCode(401);
    }

    @Test
    void eachServicePartIsRoutedToItsService() {
        given().header("Authorization", TestIssuer.bearer())
                .when()
                .get("/api/v1/data-subjects/panel/T-1001")
                .then()
                .statusCode(200)
                .body("service", equalTo("panel"))
                .body("path", equalTo("/api/v1/data-subjects/panel/T-1001"));
    }
}
