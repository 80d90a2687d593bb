package nl.meedoen.recruitment;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import nl.meedoen.devinfra.TestInfra;
import nl.meedoen.population.PopulationMember;

/** Shared test helpers: callers, population rows, campaigns, the real broker. */
public final class Fixtures {
    public static final String BASE = "/api/v1/campaigns";

    private Fixtures() {}

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role)).contentType(ContentType.JSON);
    }

    /**
     * Asks for a draw commitment (202 + Location of a job) and follows the job until it has finished.
     * @return the finished job
     */
    public static io.restassured.path.json.JsonPath commitDraw(String role, String campaignId, Map<String, ?> body) {
        String location = as(role).body(body)
                .post(BASE + "/" + campaignId + "/draw/commit")
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/jobs/recruitment/"))
                .extract()
                .header("Location");
        return follow(role, location);
    }

    /** Starts an outreach (202 + Location of a job) and follows the job until it has finished. */
    public static io.restassured.path.json.JsonPath outreach(String role, String campaignId, String source) {
        String location = as(role).body(Map.of("source", source))
                .post(BASE + "/" + campaignId + "/outreach")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        return follow(role, location);
    }

    /** A participation statement as organisers write it. */
    public static Map<String, Object> statement() {
        return Map.of(
                "goal",
                "Samen bepalen welk onderhoud voorgaat",
                "canInfluence",
                "De volgorde van de projecten",
                "cannotInfluence",
                "Het totale budget",
                "influenceLevel",
                "ADVISE",
                "outcomeUse",
                "Het bestuur neemt het advies over of legt uit waarom niet",
                "outcomeBy",
                "2030-06-30");
    }

    /** Sets the participation statement, signs it as {@code role} (the organiser) and opens the campaign; the answer of the opening. */
    public static io.restassured.response.Response open(String role, String campaignId) {
        as(role).body(statement())
                .put(BASE + "/" + campaignId + "/statement")
                .then()
                .statusCode(200);
        as(role).post(BASE + "/" + campaignId + "/statement/signatures").then().statusCode(200);
        return as(role).post(BASE + "/" + campaignId + "/open");
    }

    /** Creates the campaign {@code body} describes as the corporation and opens it; its id. */
    public static String openCampaign(Map<String, ?> body) {
        String id = as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        open("corporation", id).then().statusCode(200);
        return id;
    }

    /** An open focus group in {@code complex} with {@code ref} signed up, her free texts filled in; its id. */
    public static String campaignWithSignup(String ref, String complex, String motivation) {
        String id = openCampaign(campaign("FOCUS_GROUP", "corporation", 2, complex, "NONE", 0));
        as("corporation")
                .body(Map.of(
                        "tenantRef",
                        ref,
                        "motivation",
                        motivation,
                        "expertise",
                        "techniek",
                        "availability",
                        "avonden",
                        "source",
                        "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201);
        return id;
    }

    /** Polls a job until it is SUCCEEDED, FAILED or CANCELLED (at most a minute). */
    public static io.restassured.path.json.JsonPath follow(String role, String location) {
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            io.restassured.path.json.JsonPath job =
                    as(role).get(location).then().statusCode(200).extract().jsonPath();
            String status = job.getString("status");
            if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                return job;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("job still " + status + " after a minute: " + job.prettify());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** {@code n} tenants of one complex in the population, each a household of their own. */
    public static List<String> tenants(String complex, int n) {
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ref = "T-" + java.util.UUID.randomUUID();
            member(ref, complex, "35-64", "H-" + ref);
            refs.add(ref);
        }
        return refs;
    }

    public static void member(String tenantRef, String complexId, String ageBand, String householdKey) {
        QuarkusTransaction.requiringNew().run(() -> {
            PopulationMember m = new PopulationMember();
            m.tenantRef = tenantRef;
            m.complexId = complexId;
            m.ageBand = ageBand;
            m.householdType = "SINGLE";
            m.householdKey = householdKey;
            m.language = "nl";
            m.updatedAt = OffsetDateTime.now();
            m.persist();
        });
    }

    /** A campaign the organiser chose to fill by lottery when oversubscribed, whatever its form's default. */
    public static Map<String, Object> lotteryCampaign(
            String form, String party, int seats, String complexId, String compensationType, long cents) {
        Map<String, Object> m = campaign(form, party, seats, complexId, compensationType, cents);
        m.put("selectionMode", "LOTTERY_WHEN_OVERSUBSCRIBED");
        return m;
    }

    public static Map<String, Object> campaign(
            String form, String party, int seats, String complexId, String compensationType, long cents) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("form", form);
        m.put("organiserParty", party);
        m.put("title", "Groep " + form);
        m.put("theme", "Onderhoud");
        m.put("seats", seats);
        m.put("signupOpens", today.minusDays(1).toString());
        m.put("signupCloses", today.plusDays(10).toString());
        m.put("termEnd", today.plusYears(1).toString());
        m.put("eligibility", List.of(Map.of("attribute", "complexId", "values", List.of(complexId))));
        m.put(
                "sessions",
                List.of(
                        Map.of("startsAt", "2024-03-01T19:00:00+01:00", "place", "Buurthuis"),
                        Map.of("startsAt", "2024-04-01T19:00:00+02:00", "onlineLink", "https://meet.example/x")));
        m.put("compensation", Map.of("type", compensationType, "amountCents", cents));
        return m;
    }

    /** A seed ceremony commitment ({@code party} null: the caller's own) by the caller {@code as}. */
    public static io.restassured.response.ValidatableResponse commitSeed(
            RequestSpecification as, String campaignId, String party, String commitment) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (party != null) {
            body.put("party", party);
        }
        body.put("commitment", commitment);
        return as.body(body)
                .post(BASE + "/" + campaignId + "/draw/ceremony/commitments")
                .then();
    }

    /** A seed ceremony reveal ({@code party} null: the caller's own) by the caller {@code as}. */
    public static io.restassured.response.ValidatableResponse revealSeed(
            RequestSpecification as, String campaignId, String party, String secret) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (party != null) {
            body.put("party", party);
        }
        body.put("reveal", secret);
        return as.body(body)
                .post(BASE + "/" + campaignId + "/draw/ceremony/reveals")
                .then();
    }

    /** The witness of {@link #commitCeremony}: any caller may register a witness's commitment and reveal. */
    public static final String WITNESS = "witness:Buurtbewoner";

    private static final String OWN_SECRET = "c4e1a7b3d9f20c4e1a7b3d9f2-eigen-geheim";
    private static final String WITNESS_SECRET = "2-5-3-6-1 gegooid in het buurthuis";

    /** The seed ceremony most draws in tests have: the caller's own party and a witness commit (before the draw commitment). */
    public static void commitCeremony(String role, String campaignId) {
        commitSeed(as(role), campaignId, null, sha256(OWN_SECRET)).statusCode(201);
        commitSeed(as(role), campaignId, WITNESS, sha256(WITNESS_SECRET)).statusCode(201);
    }

    /** Both parties of {@link #commitCeremony} reveal and the panel is drawn with the ceremony's seed: the draw's answer. */
    public static io.restassured.response.ValidatableResponse drawFromCeremony(String role, String campaignId) {
        revealSeed(as(role), campaignId, null, OWN_SECRET).statusCode(200);
        revealSeed(as(role), campaignId, WITNESS, WITNESS_SECRET).statusCode(200);
        return as(role).post(BASE + "/" + campaignId + "/draw/seed").then();
    }

    /** Lowercase hex SHA-256 of the text's UTF-8 bytes: a ceremony commitment to a secret. */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
