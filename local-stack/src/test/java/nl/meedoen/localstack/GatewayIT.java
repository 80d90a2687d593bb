package nl.meedoen.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The front door: errors as problem details, authentication, the merged OpenAPI, correlation ids. */
@ExtendWith(PlatformExtension.class)
class GatewayIT {

    @Test
    void malformedJsonIsA400Problem(Platform platform) {
        platform.api().body("{\"name\": \"Anna de Vries\", ").put(TenantPropagationIT.TENANT, Platform.newTenantRef())
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .header("X-Correlation-Id", notNullValue());
    }

    @Test
    void aCallWithoutTokenIsRejected(Platform platform) {
        platform.anonymous().queryParam("attribute", "ageBand").get("/api/v1/consultations/population/counts")
                .then().statusCode(401).header("X-Correlation-Id", notNullValue());
        platform.anonymous().body(Platform.tenantJson(Platform.NEIGHBOURHOOD)).put(TenantPropagationIT.TENANT, Platform.newTenantRef())
                .then().statusCode(401).header("X-Correlation-Id", notNullValue());
    }

    @Test
    void theMergedOpenApiListsEveryService(Platform platform) {
        given().baseUri(platform.gatewayUrl()).get("/openapi")
                .then().statusCode(200)
                .header("X-Correlation-Id", notNullValue())
                .body(allOf(
                        containsString("/api/v1/tenants/{tenantRef}"),
                        containsString("/api/v1/consultations/population/counts"),
                        containsString("/api/v1/panels/population/members/{tenantRef}"),
                        containsString("/api/v1/campaigns/population/members/{tenantRef}")));
    }
}
