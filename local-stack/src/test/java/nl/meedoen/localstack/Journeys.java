package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the journey tests share: tenants in the register, waiting for read models, mails at the SMTP server. */
final class Journeys {

    /** Generous: the machine running the tests may be busy (five JVMs, PostgreSQL and Kafka). */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The token of a sign-up link in a mail: the local stack's links open the reference sign-up page. */
    static final String SIGNUP_TOKEN = "/aanmelden\\.html#([A-Za-z0-9_-]{43,})";

    private Journeys() {}

    /** A campaign's participation statement (principle 5): goal, influence and what happens with the outcome. */
    static final Map<String, Object> STATEMENT = Map.of(
            "goal",
            "Samen bepalen welk onderhoud voorgaat",
            "canInfluence",
            "De volgorde van de projecten",
            "cannotInfluence",
            "Het totale budget",
            "influenceLevel",
            "ADVISE",
            "outcomeUse",
            "De corporatie neemt het advies over of legt uit waarom niet",
            "outcomeBy",
            "2030-06-30");

    /** Sets the statement, signs it as the organiser (every owning party must, before opening) and opens the campaign. */
    static void agreeAndOpen(java.util.function.Supplier<RequestSpecification> organiser, String campaignId) {
        organiser
                .get()
                .body(STATEMENT)
                .put("/api/v1/campaigns/{id}/statement", campaignId)
                .then()
                .statusCode(200);
        organiser
                .get()
                .post("/api/v1/campaigns/{id}/statement/signatures", campaignId)
                .then()
                .statusCode(200);
        organiser
                .get()
                .post("/api/v1/campaigns/{id}/open", campaignId)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("OPEN"));
    }

    /** Creates the campaign {@code body} describes as the corporation, then agrees its statement and opens it; its id. */
    static String openCampaign(Platform platform, Object body) {
        String id = platform.api()
                .body(body)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        agreeAndOpen(platform::api, id);
        return id;
    }

    /**
     * The seed ceremony every draw needs, its secrets per party (the organiser's own, a witness, ...): each party commits
     * to the SHA-256 of its secret; call before the draw commitment.
     */
    static void commitSeeds(
            java.util.function.Supplier<RequestSpecification> organiser,
            String campaignId,
            Map<String, String> secrets) {
        secrets.forEach((party, secret) -> organiser
                .get()
                .body(Map.of("party", party, "commitment", sha256(secret)))
                .post("/api/v1/campaigns/{id}/draw/ceremony/commitments", campaignId)
                .then()
                .statusCode(201));
    }

    /** Each party of {@link #commitSeeds} reveals its secret (after the draw commitment), so the panel can be drawn. */
    static void revealSeeds(
            java.util.function.Supplier<RequestSpecification> organiser,
            String campaignId,
            Map<String, String> secrets) {
        secrets.forEach((party, secret) -> organiser
                .get()
                .body(Map.of("party", party, "reveal", secret))
                .post("/api/v1/campaigns/{id}/draw/ceremony/reveals", campaignId)
                .then()
                .statusCode(200));
    }

    /** Lowercase hex SHA-256 of the text's UTF-8 bytes: a ceremony commitment to a secret. */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short random tag for names that must not clash with other tests on the same platform. */
    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random CBS neighbourhood code, so a segment holds only this test's tenants. */
    static String neighbourhood() {
        return "BU" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** The mail address a journey's tenant gets: unique, so the SMTP server's mails tell tenants apart. */
    static String email(String tenantRef) {
        return tenantRef.toLowerCase() + "@example.nl";
    }

    /** Registers a tenant at notification-service (the only place with contact data) and returns its ref. */
    static String register(
            Platform platform, String ref, String complexId, String neighbourhood, int birthYear, int houseNumber) {
        return register(platform, ref, complexId, neighbourhood, birthYear, houseNumber, "nl");
    }

    /** As above, a tenant who reads her mail in this language (ISO 639-1). */
    static String register(
            Platform platform,
            String ref,
            String complexId,
            String neighbourhood,
            int birthYear,
            int houseNumber,
            String language) {
        return register(platform, ref, complexId, neighbourhood, birthYear, houseNumber, language, "EMAIL");
    }

    /** As above, a tenant who is reached on the channel she prefers: {@code EMAIL}, or {@code LETTER} by post. */
    static String register(
            Platform platform,
            String ref,
            String complexId,
            String neighbourhood,
            int birthYear,
            int houseNumber,
            String language,
            String preferredChannel) {
        String body = """
                {"name":"Huurder %s","email":"%s",\
                "address":{"street":"Dorpsstraat","houseNumber":%d,"postcode":"1234 AB","city":"Utrecht"},\
                "language":"%s","preferredChannel":"%s",\
                "profile":{"complexId":"%s","neighbourhoodCode":"%s","birthYear":%d,"householdType":"SINGLE",\
                "tenancyStart":"2015-03-01","dwellingType":"APARTMENT"}}""".formatted(
                        ref, email(ref), houseNumber, language, preferredChannel, complexId, neighbourhood, birthYear);
        platform.api().body(body).put("/api/v1/tenants/{tenantRef}", ref).then().statusCode(201);
        return ref;
    }

    /**
     * A focus group of the corporation for the tenants of one complex, sign-ups open now, one session ahead; filled by
     * lottery when oversubscribed (the organiser's choice: a focus group's default is appointment by the board).
     */
    static String campaign(String title, int seats, String complexId) {
        return campaign("FOCUS_GROUP", "LOTTERY_WHEN_OVERSUBSCRIBED", title, seats, complexId);
    }

    /** A campaign of the form for the tenants of one complex, as above; {@code selectionMode} null takes the form's default. */
    static String campaign(String form, String selectionMode, String title, int seats, String complexId) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return """
                {"form":"%s",%s"organiserParty":"corporation","title":"%s","theme":"Onderhoud","seats":%d,
                 "signupOpens":"%s","signupCloses":"%s","termEnd":"%s",
                 "eligibility":[{"attribute":"complexId","values":["%s"]}],
                 "sessions":[{"startsAt":"%sT19:00:00+01:00","place":"Buurthuis"}],
                 "compensation":{"type":"PER_SESSION","amountCents":2500}}""".formatted(
                        form,
                        selectionMode == null ? "" : "\"selectionMode\":\"" + selectionMode + "\",",
                        title,
                        seats,
                        today.minusDays(1),
                        today.plusDays(10),
                        today.plusYears(1),
                        complexId,
                        today.plusDays(20));
    }

    /**
     * A consultation in the five languages notification-service writes in (Dutch first; its definition in
     * five-languages.json, the tag in its titles): two questions, its participation statement, the feedback to publish.
     */
    record FiveLanguages(String id, com.fasterxml.jackson.databind.JsonNode definition) {

        /** A text of the definition in a language, e.g. {@code text("/consultation/title", "ar")}. */
        String text(String pointer, String language) {
            return definition.at(pointer + "/" + language).asText();
        }
    }

    /** Creates the five-language consultation for these tenants as the corporation, with its statement, and opens it. */
    static FiveLanguages openFiveLanguageConsultation(Platform platform, String tag, List<String> refs) {
        com.fasterxml.jackson.databind.JsonNode definition;
        try (java.io.InputStream in = Journeys.class.getResourceAsStream("/five-languages.json")) {
            definition = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("%TAG%", tag));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var audience = (com.fasterxml.jackson.databind.node.ObjectNode) definition.at("/consultation/audience");
        refs.forEach(audience.putArray("tenantRefs")::add);
        String id = openConsultation(
                platform,
                definition.get("consultation").toString(),
                definition.get("questionnaire").toString(),
                definition.get("statement").toString());
        return new FiveLanguages(id, definition);
    }

    /** As the corporation: creates a consultation, gives it its questionnaire and statement, and opens it; its id. */
    static String openConsultation(Platform platform, String consultation, String questionnaire, String statement) {
        String consultations = "/api/v1/consultations";
        String id = platform.api()
                .body(consultation)
                .post(consultations)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (Map.Entry<String, String> part :
                List.of(Map.entry("questionnaire", questionnaire), Map.entry("statement", statement))) {
            platform.api()
                    .header("If-Match", ConsultationJourneyIT.etag(platform, id))
                    .body(part.getValue())
                    .put(consultations + "/" + id + "/" + part.getKey())
                    .then()
                    .statusCode(200);
        }
        platform.api().post(consultations + "/" + id + "/open").then().statusCode(200);
        return id;
    }

    /** Closes the consultation, publishes its results and then its feedback: the feedback mails go out. */
    static void publishFeedback(Platform platform, FiveLanguages consultation) {
        String base = "/api/v1/consultations/" + consultation.id();
        platform.api().post(base + "/close").then().statusCode(200);
        platform.api().post(base + "/results/publish").then().statusCode(200);
        platform.api()
                .body(consultation.definition().get("feedback").toString())
                .post(base + "/feedback")
                .then()
                .statusCode(201);
    }

    /**
     * Prints a source's letters: waits until its {@code letters} letters are queued, then makes a print batch of them
     * through the API and returns the batch's location once its job SUCCEEDED.
     */
    static String printLetters(Platform platform, String source, int letters) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> platform.polling()
                                .queryParam("source", source)
                                .queryParam("status", "QUEUED")
                                .get("/api/v1/deliveries")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items")
                                .size()
                        == letters);
        io.restassured.path.json.JsonPath job = awaitJob(
                platform,
                platform.api()
                        .queryParam("source", source)
                        .post("/api/v1/print-batches")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        org.junit.jupiter.api.Assertions.assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        return job.getString("resultLocation");
    }

    /** Waits until a service's population read model (consultations, panels or campaigns) holds every tenant. */
    static void awaitPopulation(Platform platform, String resource, List<String> refs) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String ref : refs) {
                platform.polling()
                        .get("/api/v1/" + resource + "/population/members/{tenantRef}", ref)
                        .then()
                        .statusCode(200);
            }
        });
    }

    /** Waits for a mail to each tenant whose subject contains the text; tenantRef → mail. */
    static Map<String, SmtpSink.Mail> awaitMails(Platform platform, List<String> refs, String subject) {
        Map<String, SmtpSink.Mail> found = new LinkedHashMap<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String ref : refs) {
                if (!found.containsKey(ref)) {
                    mailsTo(platform, ref, subject).stream().findFirst().ifPresent(m -> found.put(ref, m));
                }
            }
            List<String> missing = new ArrayList<>(refs);
            missing.removeAll(found.keySet());
            if (!missing.isEmpty()) {
                throw new AssertionError("no mail with subject '" + subject + "' yet for " + missing);
            }
        });
        return found;
    }

    static List<SmtpSink.Mail> mailsTo(Platform platform, String ref, String subject) {
        return platform.smtp().mailsTo(email(ref)).stream()
                .filter(m -> m.subject() != null && m.subject().contains(subject))
                .toList();
    }

    /** The first capture group of the pattern in the mail's text (the personal token in a link). */
    /** Follows a job (the Location of a 202) until it has finished; fails when it does not within the patience. */
    static io.restassured.path.json.JsonPath awaitJob(Platform platform, String location) {
        return awaitJob(platform::api, location);
    }

    /** As above, read by the party that started the job (a job is its starter's to see). */
    static io.restassured.path.json.JsonPath awaitJob(
            java.util.function.Supplier<RequestSpecification> starter, String location) {
        io.restassured.path.json.JsonPath[] last = new io.restassured.path.json.JsonPath[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] =
                    starter.get().get(location).then().statusCode(200).extract().jsonPath();
            String status = last[0].getString("status");
            return !"QUEUED".equals(status) && !"RUNNING".equals(status);
        });
        return last[0];
    }

    static String find(SmtpSink.Mail mail, String regex) {
        Matcher m = Pattern.compile(regex).matcher(mail.text());
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in the mail to " + mail.to() + ":\n" + mail.text());
        }
        return m.group(1);
    }

    /** A request through the gateway without a bearer token: the tenant, who holds only a personal link. */
    static RequestSpecification tenant(Platform platform) {
        return given().baseUri(platform.gatewayUrl())
                .contentType("application/json")
                .accept("application/json");
    }
}
