package nl.meedoen.consultation.response;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.respondent;
import static nl.meedoen.consultation.Api.submit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.contracts.ConsultationEventV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RespondingTest {

    static final String VALID =
            "{\"kids\":\"yes\",\"howMany\":2,\"use\":[\"slide\"],\"satisfaction\":4,\"priority\":[\"green\",\"safety\",\"play\"]}";

    @Inject
    AgroalDataSource db;

    long count(String sql) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aRespondentFetchesInTheirLanguageSavesResumesAndSubmitsOnce() throws Exception {
        List<String> refs = List.of(Api.prefix() + "-a", Api.prefix() + "-b", Api.prefix() + "-c");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        try (var events = Events.consumer(ConsultationEventV1.TOPIC)) {
            Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
            String token = tokens.get(refs.get(0));
            assertTrue(token.length() >= 43, "at least 256 bits, base64url");
            assertEquals(
                    0,
                    count("SELECT count(*) FROM invitation WHERE token_hash = '" + token + "'"),
                    "the token itself is not stored");
            // the outbox rows that carried the link to Kafka are removed once published
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> count("SELECT count(*) FROM outbox_event WHERE payload LIKE '%" + token + "%'") == 0);

            respondent(token)
                    .header("Accept-Language", "en-GB,nl;q=0.5")
                    .get(BASE + "/respondent/questionnaire")
                    .then()
                    .statusCode(200)
                    .body("language", equalTo("en"))
                    .body("title", equalTo("A new playground"))
                    .body("statement.goal", equalTo("Choose together what the playground gets"))
                    .body("statement.influenceLevel", equalTo("ADVISE"))
                    .body("questions[0].text", equalTo("Do you have children?"))
                    .body("questions[2].text", equalTo("Wat gebruikt u?")) // no English text: the default language
                    .body("questions[1].visibleIf.question", equalTo("kids"))
                    .body("progress", equalTo("OPENED"))
                    .body("draft", nullValue());
            respondent(token)
                    .queryParam("lang", "fr")
                    .get(BASE + "/respondent/questionnaire")
                    .then()
                    .statusCode(400);

            respondent(token)
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":{\"kids\":\"no\",\"howMany\":3}}")
                    .put(BASE + "/respondent/draft")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("answers.howMany"))
                    .body("errors[0].message", containsString("hidden"));
            respondent(token)
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":{\"kids\":\"yes\"}}")
                    .put(BASE + "/respondent/draft")
                    .then()
                    .statusCode(204);
            respondent(token)
                    .get(BASE + "/respondent/questionnaire?lang=nl")
                    .then()
                    .statusCode(200)
                    .body("progress", equalTo("PARTIAL"))
                    .body("draft.kids", equalTo("yes"))
                    .body("questions[0].text", equalTo("Heeft u kinderen?"));
            assertEquals(
                    0,
                    count("SELECT count(*) FROM invitation WHERE position(convert_to('kids', 'UTF8') IN draft) > 0"),
                    "drafts are encrypted");

            as("corporation")
                    .get(BASE + "/" + id + "/invitations/counts")
                    .then()
                    .statusCode(200)
                    .body("invited", equalTo(3))
                    .body("opened", equalTo(1))
                    .body("partial", equalTo(1))
                    .body("completed", equalTo(0))
                    .body("allInvited", equalTo(true));

            // a broken rule stores nothing
            submit(token, "{\"kids\":\"yes\",\"satisfaction\":9}")
                    .then()
                    .statusCode(422)
                    .body("type", equalTo("https://meedoen.nl/problems/response-invalid"))
                    .body("errors.field", hasItem("answers.howMany"))
                    .body("errors.message", hasItem("required: an answer is required"))
                    .body("errors.field", hasItem("answers.satisfaction"))
                    .body("errors.message", hasItem("range: from 1 to 5"));
            assertEquals(0, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));

            submit(token, VALID.replace("\"kids\"", "\"kid\""))
                    .then()
                    .statusCode(422)
                    .body("errors.message", hasItem(containsString("unknown-question")));
            respondent(token)
                    .header("Idempotency-Key", "k-1")
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":" + VALID + "}")
                    .post(BASE + "/respondent/response")
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("SUBMITTED"))
                    .body("consultationId", equalTo(id))
                    .body("id", nullValue());
            respondent(token)
                    .header("Idempotency-Key", "k-1")
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":" + VALID + "}")
                    .post(BASE + "/respondent/response")
                    .then()
                    .statusCode(201)
                    .header("Idempotent-Replayed", "true");
            respondent(token)
                    .header("Idempotency-Key", "k-1")
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":{\"kids\":\"no\"}}")
                    .post(BASE + "/respondent/response")
                    .then()
                    .statusCode(422)
                    .body("type", equalTo("https://meedoen.nl/problems/idempotency-key-reused"));
            submit(token, VALID)
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("https://meedoen.nl/problems/invitation-used"));
            respondent(token)
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":{}}")
                    .put(BASE + "/respondent/draft")
                    .then()
                    .statusCode(409);
            assertEquals(1, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));
            respondent(token)
                    .get(BASE + "/respondent/questionnaire")
                    .then()
                    .statusCode(200)
                    .body("progress", equalTo("COMPLETED"));

            as("tenant-organisation")
                    .get(BASE + "/" + id + "/invitations/counts")
                    .then()
                    .statusCode(404);
            as("corporation")
                    .get(BASE + "/" + id + "/invitations/counts")
                    .then()
                    .body("completed", equalTo(1))
                    .body("opened", equalTo(1));

            // pseudonymous: linked internally, and the participation (never the content) is published
            assertEquals(
                    1,
                    count(
                            "SELECT count(*) FROM response_link l JOIN response r ON r.id = l.response_id WHERE r.consultation_id = '"
                                    + id + "'"));
            var participation = Events.await(
                    events,
                    r -> r.key().equals(id)
                            && ConsultationEventV1.PARTICIPATION_RECORDED.equals(Events.header(r, "ce_type")),
                    1,
                    Duration.ofSeconds(20));
            assertEquals(1, participation.size());
            assertEquals(
                    refs.get(0),
                    Api.read(participation.get(0).value()).path("tenantRef").asText());
            assertTrue(!participation.get(0).value().contains("slide"), "no content in the event");
            assertTrue(
                    Api.matchesPublishedSchema(participation.get(0)),
                    participation.get(0).value());
        }
    }

    /** Submissions are written together (group commit): each still counts once, a token twice is one 201 and one 409. */
    @Test
    void concurrentSubmissionsAreEachStoredOnceWithTheirOwnEvent() throws Exception {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(Api.prefix() + "-c" + i);
        }
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        try (var events = Events.consumer(ConsultationEventV1.TOPIC)) {
            Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
            List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
            for (String ref : refs) {
                for (int attempt = 0; attempt < 2; attempt++) { // each token twice, at the same time
                    calls.add(() -> respondent(tokens.get(ref))
                            .header("X-Correlation-Id", "corr-" + ref)
                            .contentType(ContentType.JSON)
                            .body("{\"answers\":" + VALID + "}")
                            .post(BASE + "/respondent/response")
                            .statusCode());
                }
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
            List<Integer> statuses = new ArrayList<>();
            try {
                for (var f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(20, statuses.stream().filter(code -> code == 201).count(), statuses.toString());
            assertEquals(20, statuses.stream().filter(code -> code == 409).count(), statuses.toString());
            assertEquals(20, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));
            assertEquals(
                    20,
                    count(
                            "SELECT count(*) FROM response_link l JOIN response r ON r.id = l.response_id WHERE r.consultation_id = '"
                                    + id + "'"));
            as("corporation")
                    .get(BASE + "/" + id + "/results")
                    .then()
                    .statusCode(200)
                    .body("respondents", equalTo(20));
            var participations = Events.await(
                    events,
                    r -> r.key().equals(id)
                            && ConsultationEventV1.PARTICIPATION_RECORDED.equals(Events.header(r, "ce_type")),
                    20,
                    Duration.ofSeconds(20));
            assertEquals(20, participations.size());
            for (var p : participations) {
                // written by the shared writer, yet each event carries its own request's correlation id
                assertEquals(
                        "corr-" + Api.read(p.value()).path("tenantRef").asText(), Events.header(p, "ce_correlationid"));
            }
        }
    }

    @Test
    void anAnonymousResponseCannotBeLinkedToATenantOrToken() throws Exception {
        // the schema: a response has no column that could name an invitation, a tenant or a token
        List<String> columns = strings(
                "SELECT column_name FROM information_schema.columns WHERE table_name IN ('response', 'pwe_motivation', 'result_cell', 'result_increment')");
        assertEquals(
                List.of(),
                columns.stream()
                        .filter(c -> c.contains("tenant")
                                || c.contains("token")
                                || c.contains("invitation")
                                || c.contains("time")
                                || c.endsWith("_at"))
                        .toList(),
                "response columns " + columns);

        List<String> refs = List.of(Api.prefix() + "-x", Api.prefix() + "-y");
        String id = Api.ready("PWE", Api.PWE, Api.list(refs), "ANONYMOUS");
        try (var events = Events.consumer(ConsultationEventV1.TOPIC)) {
            Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
            String pwe =
                    "{\"plan\":{\"chosen\":[\"playground\",\"benches\",\"bins\"],\"motivations\":{\"playground\":\"voor de kinderen\"}}}";
            respondent(tokens.get(refs.get(0)))
                    .header("Idempotency-Key", "anon-1")
                    .contentType(ContentType.JSON)
                    .body("{\"answers\":" + pwe + "}")
                    .post(BASE + "/respondent/response")
                    .then()
                    .statusCode(201)
                    .body("id", nullValue());
            // it waits sealed for k responses to be released together (AnonymityAttackTest), unreadable meanwhile
            assertEquals(0, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));
            assertEquals(
                    1,
                    count("SELECT count(*) FROM anonymous_pending WHERE consultation_id = '" + id
                            + "' AND strpos(encode(sealed, 'escape'), 'playground') = 0"));
            assertEquals(
                    0,
                    count(
                            "SELECT count(*) FROM response_link l JOIN response r ON r.id = l.response_id WHERE r.consultation_id = '"
                                    + id + "'"));
            // nothing kept for the retry key can be matched to the stored answers: only a keyed digest
            assertEquals(
                    0,
                    count(
                            "SELECT count(*) FROM idempotency_record WHERE response_body LIKE '%playground%' OR scope LIKE '%"
                                    + tokens.get(refs.get(0)) + "%'"));
            assertEquals(
                    1,
                    count("SELECT count(*) FROM invitation WHERE consultation_id = '" + id
                            + "' AND status = 'COMPLETED'"));
            List<?> published = Events.restOnceRelayed(
                    events,
                    r -> r.key().equals(id)
                            && ConsultationEventV1.PARTICIPATION_RECORDED.equals(Events.header(r, "ce_type")),
                    Arc.container().instance(AgroalDataSource.class).get());
            assertEquals(0, published.size(), "no per-tenant event in ANONYMOUS mode");
        }
    }

    @Test
    void usingUpAnInvitationRewritesNoIndex() throws Exception {
        List<String> refs = List.of(Api.prefix() + "-h1", Api.prefix() + "-h2");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        Api.openAndCollectTokens(id, refs);
        // the submit path's status change, counted by PostgreSQL within this (rolled back) transaction
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertEquals(
                        2,
                        s.executeUpdate(
                                "UPDATE invitation SET status = 'COMPLETED', draft = NULL WHERE consultation_id = '"
                                        + id + "'"));
                try (ResultSet rs =
                        s.executeQuery("SELECT pg_stat_get_xact_tuples_hot_updated('invitation'::regclass)")) {
                    rs.next();
                    assertEquals(2, rs.getLong(1), "updates that stay in place (HOT): no index reads the status");
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** "Option lights requires option paths": paths alone is fine, lights alone is not; defined, enforced and exported. */
    @Test
    void aOneWayPweDependencyIsCheckedOnDefinitionAndSubmitAndTravelsToSurveyJs() {
        String pwe = """
                {"questions":[{"id":"plan","type":"PWE","text":{"nl":"Verdeel het budget"},"required":true,
                  "pwe":{"constraint":{"type":"BUDGET","budget":100,"allowUnspent":true},"requires":[{"option":"lights","requires":"%s"}],
                         "options":[{"id":"paths","text":{"nl":"Paden"},"cost":40},{"id":"lights","text":{"nl":"Verlichting"},"cost":30},
                                    {"id":"bins","text":{"nl":"Afvalbakken"},"cost":10}]}}]}""";
        List<String> refs = List.of(Api.prefix() + "-a", Api.prefix() + "-b", Api.prefix() + "-c");
        String id = Api.create(Api.as("corporation"), Api.consultation("PWE", Api.list(refs)));
        Api.putQuestionnaire(Api.as("corporation"), id, pwe.formatted("lamps"))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("questions[0].pwe.requires[0].requires"));
        Api.putQuestionnaire(Api.as("corporation"), id, pwe.formatted("paths"))
                .then()
                .statusCode(200);
        Api.putStatement(Api.as("corporation"), id);
        Api.as("ops")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("pages[0].elements[0].pwe.requires[0].option", equalTo("lights"))
                .body("pages[0].elements[0].pwe.requires[0].requires", equalTo("paths"));
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        respondent(tokens.get(refs.get(0)))
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("questions[0].pwe.requires[0].requires", equalTo("paths"));
        submit(tokens.get(refs.get(0)), "{\"plan\":{\"chosen\":[\"lights\",\"bins\"]}}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("answers.plan.chosen"))
                .body("errors.message", hasItem(containsString("requires: lights requires paths")));
        submit(tokens.get(refs.get(0)), "{\"plan\":{\"chosen\":[\"lights\",\"paths\"]}}")
                .then()
                .statusCode(201);
        submit(tokens.get(refs.get(1)), "{\"plan\":{\"chosen\":[\"paths\"]}}")
                .then()
                .statusCode(201); // the required option alone
    }

    @Test
    void everyPweRuleIsEnforcedOnSubmit() throws Exception {
        List<String> refs = List.of(Api.prefix() + "-p");
        String id = Api.ready("PWE", Api.PWE, Api.list(refs), "ANONYMOUS");
        String token = Api.openAndCollectTokens(id, refs).get(refs.get(0));
        submit(token, "{\"plan\":{\"chosen\":[\"playground\",\"football\"]}}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("answers.plan.chosen"))
                .body("errors.message", hasItem(containsString("exclusive-group")))
                .body("errors.message", hasItem(containsString("budget: costs 110, above the budget of 100")));
        submit(token, "{\"plan\":{\"chosen\":[\"benches\"]}}")
                .then()
                .statusCode(422)
                .body("errors.message", hasItem(containsString("required-together")));
        submit(token, "{\"plan\":{\"chosen\":[]}}")
                .then()
                .statusCode(422)
                .body("errors.message", hasItem(containsString("min-options")));
        submit(token, "{}")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("answers.plan"))
                .body("errors[0].message", containsString("required"));
        submit(token, "{\"plan\":[\"playground\"]}")
                .then()
                .statusCode(422)
                .body("errors.message", hasItem(containsString("type")));
        submit(token, "{\"plan\":{\"chosen\":[\"bins\",\"benches\"],\"motivations\":{\"playground\":\"x\"}}}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("answers.plan.motivations.playground"));
        respondent(token)
                .contentType(ContentType.JSON)
                .body("{\"answers\":")
                .post(BASE + "/respondent/response")
                .then()
                .statusCode(400);
        respondent(token)
                .contentType(ContentType.JSON)
                .body("{\"answers\":{},\"extra\":1}")
                .post(BASE + "/respondent/response")
                .then()
                .statusCode(400);
        assertEquals(0, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));
        assertEquals(
                0,
                count("SELECT count(*) FROM result_cell WHERE consultation_id = '" + id
                        + "' AND answer_key <> '__invited'"));
        assertEquals(
                0,
                count("SELECT count(*) FROM result_increment, unnest(answer_key) k WHERE consultation_id = '" + id
                        + "' AND k <> '__invited'"));
        submit(token, "{\"plan\":{\"chosen\":[\"bins\",\"benches\",\"playground\"]}}")
                .then()
                .statusCode(201);
    }

    @Test
    void tokensAndStatusAreChecked() {
        List<String> refs = List.of(Api.prefix() + "-t");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        String token = Api.openAndCollectTokens(id, refs).get(refs.get(0));
        given().get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://meedoen.nl/problems/invitation-token-required"));
        respondent("not-a-real-token-but-long-enough-to-look-like-one")
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(401)
                .body("type", equalTo("https://meedoen.nl/problems/invitation-token-invalid"));
        submit("x", VALID).then().statusCode(401);
        respondent(token)
                .auth()
                .oauth2(nl.meedoen.devinfra.TestInfra.token("survey-frontend"))
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200);
        respondent(token).get(BASE + "/respondent/feedback").then().statusCode(404);
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        submit(token, VALID)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://meedoen.nl/problems/consultation-not-open"));
        respondent(token)
                .contentType(ContentType.JSON)
                .body("{\"answers\":{}}")
                .put(BASE + "/respondent/draft")
                .then()
                .statusCode(409);
    }
}
