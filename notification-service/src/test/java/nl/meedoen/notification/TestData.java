package nl.meedoen.notification;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.meedoen.devinfra.TestInfra;
import org.awaitility.Awaitility;

/** Tenants, messages and waits shared by the tests of this module. */
public final class TestData {

    private TestData() {}

    public static String newRef() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role));
    }

    /** A tenant with a unique email address (so each test finds its own mail); email null for a letter tenant. */
    public static String tenant(String ref, String email, String language, String channel) {
        return tenantIn(ref, email, language, channel, "BU03440101", 1985);
    }

    /** A random neighbourhood code: an audience of its own for one test. */
    public static String newNeighbourhood() {
        return "BU" + String.format("%08d", new java.util.Random().nextInt(100_000_000));
    }

    public static String tenantIn(
            String ref, String email, String language, String channel, String neighbourhood, int birthYear) {
        String body = """
                {"name":"Anna de Vries",%s
                 "address":{"street":"Dorpsstraat","houseNumber":12,"postcode":"1234 AB","city":"Utrecht"},
                 "language":"%s","preferredChannel":"%s",
                 "profile":{"complexId":"C-001","neighbourhoodCode":"%s","birthYear":%d,"householdType":"SINGLE",
                            "tenancyStart":"2015-03-01","dwellingType":"APARTMENT"}}""".formatted(
                email == null ? "" : "\"email\":\"" + email + "\",", language, channel, neighbourhood, birthYear);
        as("corporation")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(201);
        return ref;
    }

    public static String emailFor(String ref) {
        return ref.toLowerCase() + "@example.nl";
    }

    public static String emailTenant(String language) {
        String ref = newRef();
        return tenant(ref, emailFor(ref), language, "EMAIL");
    }

    public static String invitation(String requestId, String tenantRef) {
        return """
                {"requestId":"%s","tenantRef":"%s","purpose":"consultation","templateKey":"consultation.invitation",
                 "data":{"consultationTitle":"Nieuwe speeltuin","goal":"samen kiezen","closesOn":"15 maart","invitationUrl":"https://example.nl/i/abc"}}""".formatted(requestId, tenantRef);
    }

    public static io.restassured.response.Response send(String body) {
        return as("corporation").contentType(ContentType.JSON).body(body).post("/api/v1/messages");
    }

    public static JsonPath delivery(String id) {
        return as("ops")
                .get("/api/v1/deliveries/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath awaitStatus(String deliveryId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(delivery(deliveryId).getString("status")));
        return delivery(deliveryId);
    }

    public static List<MimeMessage> awaitMail(String address, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Smtp.messagesTo(address).size() >= count);
        return Smtp.messagesTo(address);
    }

    /** Follows a job (its Location) until it has finished; the job as it ended. */
    public static JsonPath awaitJob(String location) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !as("ops")
                        .get(location)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("status")
                        .matches("QUEUED|RUNNING"));
        return as("ops").get(location).then().statusCode(200).extract().jsonPath();
    }

    /** A print batch of the waiting letters, made by its job (202 + Location); the batch id. */
    public static String printBatch() {
        String job = as("corporation")
                .post("/api/v1/print-batches")
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/jobs/notification/"))
                .extract()
                .header("Location");
        JsonPath done = awaitJob(job);
        if (!"SUCCEEDED".equals(done.getString("status"))) {
            throw new AssertionError("print-batch job did not succeed: " + done.prettify());
        }
        String batch = done.getString("resultLocation");
        return batch.substring(batch.lastIndexOf('/') + 1);
    }
}
