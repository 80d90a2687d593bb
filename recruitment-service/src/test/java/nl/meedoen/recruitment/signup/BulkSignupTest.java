package nl.meedoen.recruitment.signup;

import static io.restassured.RestAssured.given;
import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.devinfra.TestInfra;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/** Sign-ups collected at an event or on paper, entered in one call: every line answered, none costing another. */
@QuarkusTest
class BulkSignupTest {

    @Test
    void aListIsAnsweredLineByLineAndOnlyTheGoodLinesAreStored() {
        String complex = "C-" + UUID.randomUUID();
        String a = member(complex);
        String b = member(complex);
        String elsewhere = member("C-elsewhere-" + UUID.randomUUID());
        String id = openCampaign(complex);
        List<Map<String, Object>> list = List.of(
                signup(a, "EVENT"),
                signup(a, "EVENT"),
                signup(elsewhere, "EVENT"),
                signup(b, "CARRIER_PIGEON"),
                signup(" ", "EVENT"),
                signup(b, "LETTER"));
        JsonPath out = as("corporation")
                .body(list)
                .post(BASE + "/" + id + "/signups/bulk")
                .then()
                .statusCode(200)
                .body("received", equalTo(6))
                .body("signedUp", equalTo(2))
                .body("rejected", equalTo(4))
                .extract()
                .jsonPath();
        assertEquals(List.of(201, 409, 422, 400, 400, 201), out.getList("items.status"));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), out.getList("items.row"));
        assertEquals("https://meedoen.nl/problems/not-eligible", out.getString("items[2].type"));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("tenantRef", org.hamcrest.Matchers.containsInAnyOrder(a, b));
    }

    @Test
    void aCsvSavedByDutchExcelIsReadWithItsBomSemicolonsAndLineBreaksInsideQuotes() {
        String complex = "C-" + UUID.randomUUID();
        String a = member(complex);
        String b = member(complex);
        String c = member(complex);
        String id = openCampaign(complex);
        String csv = "\uFEFFtenantRef;source;motivation\r\n"
                + a + ";EVENT;\"Ik woon hier al 30 jaar;\r\nen wil meedenken\"\r\n"
                + b + ";PIGEON;\r\n"
                + c + ";LETTER;Łukasz Żółć schreef dit op papier\r\n";
        JsonPath out = given().auth()
                .oauth2(TestInfra.token("corporation"))
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/" + id + "/signups/bulk")
                .then()
                .statusCode(200)
                .body("signedUp", equalTo(2))
                .body("rejected", equalTo(1))
                .extract()
                .jsonPath();
        assertEquals(List.of(201, 400, 201), out.getList("items.status"));
        assertEquals(b, out.getString("items[1].tenantRef"));
        List<Map<String, Object>> stored = as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Object> first = stored.stream()
                .filter(s -> a.equals(s.get("tenantRef")))
                .findFirst()
                .orElseThrow();
        assertEquals("Ik woon hier al 30 jaar;\r\nen wil meedenken", first.get("motivation"));
        assertEquals("EVENT", first.get("source"));
    }

    @Test
    void aCsvWithoutTheNeededColumnsOrWithTooManyRowsIsRefusedWholeAndStoresNothing() {
        String complex = "C-" + UUID.randomUUID();
        String id = openCampaign(complex);
        given().auth()
                .oauth2(TestInfra.token("corporation"))
                .contentType("text/csv")
                .body("ref;bron\r\nT-1;EVENT\r\n")
                .post(BASE + "/" + id + "/signups/bulk")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("tenantRef"));
        StringBuilder many = new StringBuilder("tenantRef,source\n");
        for (int i = 0; i <= Signups.BULK_MAX; i++) {
            many.append("T-").append(i).append(",EVENT\n");
        }
        given().auth()
                .oauth2(TestInfra.token("corporation"))
                .contentType("text/csv")
                .body(many.toString())
                .post(BASE + "/" + id + "/signups/bulk")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", endsWith("/too-many-items"));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        as("tenant-organisation")
                .body(List.of())
                .post(BASE + "/" + id + "/signups/bulk")
                .then()
                .statusCode(403);
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsA415Problem() throws Exception {
        String id = openCampaign("C-" + UUID.randomUUID());
        // sent raw: REST Assured would not send a Content-Type it cannot parse either (the fuzzer found the 500)
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                                        + io.restassured.RestAssured.port + BASE + "/" + id + "/signups/bulk"))
                                .header("Authorization", "Bearer " + TestInfra.token("corporation"))
                                .header("Content-Type", "???")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "tenantRef,source\nT-1,EVENT\n"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    private static Map<String, Object> signup(String ref, String source) {
        Map<String, Object> m = new HashMap<>();
        m.put("tenantRef", ref);
        m.put("source", source);
        m.put("motivation", "op de bewonersavond");
        return m;
    }

    private static String member(String complex) {
        String ref = "T-" + UUID.randomUUID();
        Fixtures.member(ref, complex, "35-64", "H-" + ref);
        return ref;
    }

    private static String openCampaign(String complex) {
        String id = Fixtures.openCampaign(Fixtures.campaign("THEME_EVENING", "corporation", 30, complex, "NONE", 0));
        return id;
    }
}
