package nl.meedoen.consultation.export;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.respondent;
import static nl.meedoen.consultation.Api.submit;
import static nl.meedoen.devinfra.OpenApiChecks.documentsTheCsvDialect;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {

    @Test
    void responsesExportAsCsvWithoutAnythingThatNamesATenant() {
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        submit(
                        tokens.get(refs.get(0)),
                        "{\"kids\":\"yes\",\"howMany\":2,\"use\":[\"slide\",\"swings\"],\"priority\":[\"green\",\"safety\",\"play\"],\"remarks\":\"=1+1, \\\"hi\\\"\"}")
                .then()
                .statusCode(201);
        submit(tokens.get(refs.get(1)), "{\"kids\":\"no\",\"satisfaction\":3}")
                .then()
                .statusCode(201);
        String csv = as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("responses.csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals(
                "response,submitted_on,kids,howMany,use.swings,use.slide,use.sandpit,satisfaction,remarks,priority.safety,priority.green,priority.play",
                lines[0]);
        assertEquals(3, lines.length);
        String yes = lines[1].contains(",yes,") ? lines[1] : lines[2];
        assertTrue(yes.endsWith(",yes,2,1,1,0,,\"'=1+1, \"\"hi\"\"\",2,1,3"), yes);
        for (String ref : refs) {
            assertTrue(!csv.contains(ref), "no tenantRef in the export");
        }
        as("ops").get(BASE + "/" + id + "/exports/responses.csv").then().statusCode(403);
        given().get(BASE + "/" + id + "/exports/responses.csv").then().statusCode(401);
        as("corporation")
                .get(BASE + "/" + id + "/exports/portchoice.csv")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void theCsvExportsComeInTheExcelNlDialectWithFormulasDefused() {
        List<String> refs = List.of(Api.prefix() + "-x");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        submit(
                        tokens.get(refs.get(0)),
                        "{\"kids\":\"no\",\"satisfaction\":4,\"remarks\":\"=HYPERLINK(\\\"x\\\";\\\"y\\\")\"}")
                .then()
                .statusCode(201);
        // an ANONYMOUS consultation's responses are stored once released: k together, or at closing (AnonymousMix)
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        byte[] bytes = as("corporation")
                .queryParam("dialect", "excel-nl")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asByteArray();
        assertEquals(
                List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
                List.of(bytes[0], bytes[1], bytes[2]),
                "UTF-8 byte-order mark");
        String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertEquals(
                "\uFEFFresponse;kids;howMany;use.swings;use.slide;use.sandpit;satisfaction;remarks;priority.safety;priority.green;priority.play",
                lines[0]);
        assertTrue(lines[1].contains(";4;\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\";"), lines[1]);

        String plain = as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(plain.startsWith("response,kids,"), plain);
        assertTrue(plain.contains(",\"'=HYPERLINK("), plain);

        as("corporation")
                .queryParam("dialect", "xlsx")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("dialect"));
        documentsTheCsvDialect("/api/v1/consultations/{id}/exports/responses.csv");
        documentsTheCsvDialect("/api/v1/consultations/{id}/exports/portchoice.csv");
    }

    @Test
    void pweExportsAsPortchoiceAndPabulib() {
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2");
        String id = Api.ready("PWE", Api.PWE, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        submit(tokens.get(refs.get(0)), "{\"plan\":{\"chosen\":[\"playground\",\"benches\",\"bins\"]}}")
                .then()
                .statusCode(201);
        submit(tokens.get(refs.get(1)), "{\"age\":\"old\",\"plan\":{\"chosen\":[\"football\"]}}")
                .then()
                .statusCode(201);
        // an ANONYMOUS consultation's responses are stored once released: k together, or at closing (AnonymousMix)
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        String csv = as("corporation")
                .get(BASE + "/" + id + "/exports/responses.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                csv.startsWith("response,age,plan.playground,plan.football,plan.benches,plan.bins,plan.measure,"), csv);
        assertTrue(!csv.contains("submitted_on"), "ANONYMOUS: not even the day");

        String portchoice = as("corporation")
                .get(BASE + "/" + id + "/exports/portchoice.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> rows = List.of(portchoice.split("\r\n"));
        byte[] excelBytes = as("corporation")
                .queryParam("dialect", "excel-nl")
                .get(BASE + "/" + id + "/exports/portchoice.csv")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String excel = new String(excelBytes, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(excel.startsWith("\uFEFFrespondent;playground;football;benches;bins;cost_playground;"), excel);
        assertTrue(
                List.of(excel.split("\r\n")).stream().anyMatch(r -> r.endsWith(";1;0;1;1;60;50;20;10;100;90")), excel);
        assertEquals(
                "respondent,playground,football,benches,bins,cost_playground,cost_football,cost_benches,cost_bins,budget,spent",
                rows.get(0));
        assertTrue(rows.stream().anyMatch(r -> r.endsWith(",1,0,1,1,60,50,20,10,100,90")), portchoice);
        assertTrue(rows.stream().anyMatch(r -> r.endsWith(",0,1,0,0,60,50,20,10,100,50")), portchoice);

        String pb = as("corporation")
                .get(BASE + "/" + id + "/exports/pabulib.pb")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> lines = List.of(pb.split("\r\n"));
        assertEquals("META", lines.get(0));
        for (String expected : List.of(
                "key;value",
                "num_projects;4",
                "num_votes;2",
                "budget;100",
                "vote_type;approval",
                "max_length;3",
                "PROJECTS",
                "project_id;cost;name",
                "1;60;Speeltuin",
                "4;10;Afvalbakken",
                "VOTES",
                "voter_id;vote")) {
            assertTrue(lines.contains(expected), expected + " in\n" + pb);
        }
        assertTrue(lines.contains("1;1,3,4") || lines.contains("2;1,3,4"), pb);
        assertTrue(lines.contains("1;2") || lines.contains("2;2"), pb);
    }

    @Test
    void theQuestionnaireExportsToAndImportsFromSurveyJs() {
        String id = Api.ready("PWE", Api.PWE, Api.list(List.of("T-nobody")), "ANONYMOUS");
        Map<String, Object> survey = as("corporation")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("title.default", equalTo("Nieuwe speeltuin"))
                .body("title.en", equalTo("A new playground"))
                .body("pages[0].name", equalTo("page1"))
                .body("pages[0].elements[0].type", equalTo("radiogroup"))
                .body("pages[0].elements[1].type", equalTo("pwe"))
                .body("pages[0].elements[1].isRequired", equalTo(true))
                .body("pages[0].elements[1].pwe.constraint.budget", Api.near(100, 1e-9))
                .body("pages[0].elements[1].pwe.options[0].text.en", equalTo("Playground"))
                .extract()
                .as(Map.class);
        as("survey-frontend")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(404); // not published while a draft

        // import the export into a new draft: the same questionnaire comes back
        String copy = Api.create(as("corporation"), Api.consultation("PWE", Api.list(List.of("T-nobody"))));
        Api.json(as("corporation").header("If-Match", Api.etag(as("ops"), copy)), survey)
                .put(BASE + "/" + copy + "/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .header("X-Questionnaire-Version", "1")
                .body("questions[1].pwe.exclusiveGroups[0]", hasItem("football"));
        // equal up to defaults the import makes explicit (page names, motivation length): the SurveyJS forms are
        // identical
        assertEquals(
                Api.read(as("ops")
                        .get(BASE + "/" + id + "/questionnaire/surveyjs")
                        .asString()),
                Api.read(as("ops")
                        .get(BASE + "/" + copy + "/questionnaire/surveyjs")
                        .asString()));

        Api.json(
                        as("corporation").header("If-Match", Api.etag(as("ops"), copy)),
                        "{\"pages\":[{\"name\":\"p\",\"elements\":[{\"type\":\"matrix\",\"name\":\"m\"},{\"type\":\"comment\",\"name\":\"c\",\"visibleIf\":\"{m} between 1 and 2\"}]}]}")
                .put(BASE + "/" + copy + "/questionnaire/surveyjs")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("pages[0].elements[0]"))
                .body("errors.field", hasItem("pages[0].elements[1].visibleIf"));
        Api.json(
                        as("corporation").header("If-Match", Api.etag(as("ops"), copy)),
                        "{\"elements\":[{\"type\":\"comment\",\"name\":\"c\",\"visibleIf\":\"{later} = 1\"},{\"type\":\"comment\",\"name\":\"later\"}]}")
                .put(BASE + "/" + copy + "/questionnaire/surveyjs")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("questions[0].visibleIf.question"));

        Api.open(id);
        as("survey-frontend")
                .get(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(200);
        Api.json(as("corporation").header("If-Match", Api.etag(as("ops"), id)), survey)
                .put(BASE + "/" + id + "/questionnaire/surveyjs")
                .then()
                .statusCode(409);
    }

    @Test
    void aRespondentGetsTheSurveyJsSurveyInTheirLanguage() {
        List<String> refs = List.of(Api.prefix() + "-s");
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        String token = Api.openAndCollectTokens(id, refs).get(refs.get(0));
        respondent(token)
                .queryParam("lang", "en")
                .get(BASE + "/respondent/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("pages[0].elements[1].visibleIf", equalTo("{kids} = 'yes'"))
                .body("pages[0].elements[1].validators.type", hasItem("numeric"));
        respondent("nope-nope-nope-nope-nope-nope")
                .contentType(ContentType.JSON)
                .get(BASE + "/respondent/questionnaire/surveyjs")
                .then()
                .statusCode(401);
    }
}
