package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class MergedOpenApiTest {

    @Test
    void mergesRunningServicesAndListsTheDownOne() {
        given().when()
                .get("/openapi")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("info.title", equalTo("Meedoen API"))
                // consultation comes first in name order and declares 3.1.0; the others 3.0.3.
                .body("openapi", equalTo("3.1.0"))
                .body("servers", equalTo(List.of(Map.of("url", "/"))))
                .body("paths", hasKey("/api/v1/tenants/{id}"))
                .body("paths", hasKey("/api/v1/consultations/{id}"))
                .body("paths", hasKey("/api/v1/panels/{id}"))
                .body("x-meedoen-unavailable", equalTo(List.of("recruitment")))
                .body("tags.name", equalTo(List.of("consultations", "tenants", "panels")))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"))
                // Id is the same everywhere and panel's Problem equals consultation's: kept once.
                // notification's Problem differs: renamed, and its references follow.
                .body(
                        "components.schemas.keySet()",
                        equalTo(Set.of("Id", "Problem", "notification_Problem", "DataSubjectAccess")))
                // the operation the gateway answers itself is in the document integrators generate clients from
                .body(
                        "paths.'/api/v1/data-subjects/{tenantRef}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/DataSubjectAccess"))
                .body(
                        "paths.'/api/v1/data-subjects/{tenantRef}'.get.responses.'502'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.DataSubjectAccess.required", equalTo(List.of("tenantRef", "services")))
                .body("components.schemas.Problem.properties", hasKey("detail"))
                .body("components.schemas.notification_Problem.properties", hasKey("title"))
                .body(
                        "paths.'/api/v1/tenants/{id}'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/notification_Problem"))
                .body(
                        "paths.'/api/v1/consultations/{id}'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"));
    }

    @Test
    void servesYamlOnRequest() {
        given().when()
                .get("/openapi?format=yaml")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/yaml"))
                .body(startsWith("---"))
                .body(containsString("title: \"Meedoen API\""))
                .body(containsString("/api/v1/tenants/{id}"));
    }

    @Test
    void gatewaysOwnDocumentStaysAtQOpenapi() {
        given().when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", not(equalTo("Meedoen API")))
                .body(not(containsString("/api/v1/tenants")));
    }

    @Test
    void swaggerUiShowsTheMergedDocument() {
        given().when()
                .get("/swagger-ui/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("url: '/openapi'"))
                .body(not(containsString("/q/openapi")))
                .body(containsString("Meedoen API"));
    }
}
