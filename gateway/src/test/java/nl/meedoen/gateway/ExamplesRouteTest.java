package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /examples/ is served only when meedoen.gateway.examples-dir is set (the local stack does; its IT covers that side). */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class ExamplesRouteTest {

    @Test
    void examplesAreOffByDefault() {
        given().when().get("/examples/surveyjs-frontend/index.html").then().statusCode(404);
    }
}
