package nl.meedoen.notification.tenant;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import nl.meedoen.devinfra.TestInfra;

/** Test data and calls for the tenant register. */
final class Tenants {

    private Tenants() {}

    static String newRef() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role));
    }

    static String body(String neighbourhood, int birthYear) {
        return """
                {"name":"Anna de Vries","email":"anna@example.nl",
                 "address":{"street":"Dorpsstraat","houseNumber":12,"houseNumberSuffix":"A","postcode":"1234 ab","city":"Utrecht"},
                 "language":"nl","preferredChannel":"EMAIL",
                 "profile":{"complexId":"C-001","neighbourhoodCode":"%s","birthYear":%d,"householdType":"SINGLE",
                            "tenancyStart":"2015-03-01","dwellingType":"APARTMENT"}}""".formatted(neighbourhood, birthYear);
    }

    static io.restassured.response.Response put(String ref, String body) {
        return as("corporation").contentType(ContentType.JSON).body(body).put("/api/v1/tenants/" + ref);
    }
}
