package nl.meedoen.consultation.results;

import static io.restassured.RestAssured.given;
import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.asClient;
import static nl.meedoen.consultation.Api.submit;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResultsTest {

    @Inject
    AgroalDataSource db;

    @Test
    void resultsBreakdownsWeightingAndRepresentativeness() throws Exception {
        String neighbourhood = "BU" + Api.prefix();
        // 6 young, 7 old, 2 middle-aged; everyone but two old tenants answers
        String[] bands = {
            "18-34", "18-34", "18-34", "18-34", "18-34", "18-34", "65-79", "65-79", "65-79", "65-79", "65-79", "65-79",
            "65-79", "35-49", "35-49"
        };
        List<String> refs = Api.population(Api.prefix(), bands.length, neighbourhood, bands);
        // PSEUDONYMOUS: the withheld 35-49 group has two invitees, and in ANONYMOUS mode a group of fewer than k
        // invitees is never counted apart (AnonymityAttackTest)
        String id = Api.ready("SURVEY", Api.SURVEY, Api.segment("neighbourhoodCode", neighbourhood), "PSEUDONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        for (int i = 0; i < refs.size(); i++) {
            String band = bands[i];
            String answers = switch (band) {
                case "18-34" -> "{\"kids\":\"yes\",\"howMany\":2,\"satisfaction\":4,\"use\":[\"slide\",\"swings\"]}";
                case "65-79" -> "{\"kids\":\"no\",\"satisfaction\":2,\"priority\":[\"safety\",\"green\",\"play\"]}";
                default -> "{\"kids\":\"yes\",\"howMany\":4,\"satisfaction\":5}";
            };
            if (i != 11 && i != 12) {
                submit(tokens.get(refs.get(i)), answers).then().statusCode(201);
            }
        }

        as("corporation")
                .get(BASE + "/" + id + "/results?lang=en")
                .then()
                .statusCode(200)
                .body("invited", equalTo(15))
                .body("respondents", equalTo(13))
                .body("responseRate", Api.near(0.8667, 1e-4))
                .body("questions[0].text", equalTo("Do you have children?"))
                .body("questions[0].answered", equalTo(13))
                .body("questions[0].options[0].count", equalTo(8))
                .body("questions[0].options[0].share", Api.near(0.6154, 1e-4))
                .body("questions[1].mean", Api.near(2.5, 1e-4))
                .body("questions[1].median", Api.near(2.0, 1e-4))
                .body("questions[3].mean", Api.near(3.3846, 1e-4))
                .body("questions[3].median", Api.near(4.0, 1e-4))
                .body("questions[3].distribution.count", equalTo(List.of(0, 5, 0, 6, 2)))
                .body("questions[5].options[0].value", equalTo("safety"))
                .body("questions[5].options[0].meanRank", Api.near(1.0, 1e-4));

        // weighted to the invited population: young (mean 4, share .4) and the two withheld bands as one group
        // (35-49 and 65-79: 7 respondents, mean 20/7, share .6), so the weighting tells nothing about their split
        as("corporation")
                .get(BASE + "/" + id + "/results?weightBy=ageBand")
                .then()
                .statusCode(200)
                .body("weighting.attribute", equalTo("ageBand"))
                .body("weighting.coverage", Api.near(1.0, 1e-4))
                .body("weighting.cells.find { it.value == '65-79' }.weight", nullValue())
                .body("weighting.cells.find { it.value == '18-34' }.weight", Api.near(0.4 / (6.0 / 13), 1e-3))
                .body("questions[3].mean", Api.near(0.4 * 4 + 0.6 * 20.0 / 7, 1e-3));

        // 35-49 has 2 respondents: withheld, and 65+ (the next smallest) with it
        as("tenant-organisation")
                .get(BASE + "/" + id + "/results/breakdown?attribute=ageBand")
                .then()
                .statusCode(404);
        as("corporation")
                .get(BASE + "/" + id + "/results/breakdown?attribute=ageBand")
                .then()
                .statusCode(200)
                .body("minCellSize", equalTo(5))
                .body("cells.value", containsInAnyOrder("18-34", "35-49", "65-79"))
                .body("cells.find { it.value == '18-34' }.respondents", equalTo(6))
                .body("cells.find { it.value == '18-34' }.questions[0].options[0].share", Api.near(1.0, 1e-4))
                .body("cells.find { it.value == '35-49' }.suppressed", equalTo(true))
                .body("cells.find { it.value == '35-49' }.respondents", nullValue())
                .body("cells.find { it.value == '65-79' }.suppressed", equalTo(true));

        as("ops")
                .get(BASE + "/" + id + "/results/representativeness")
                .then()
                .statusCode(200)
                .body("against", equalTo("invited"))
                .body("invited", equalTo(15))
                .body("respondents", equalTo(13))
                // the withheld 35-49 and 65-79 count as one group, so the index hides their split:
                // ½(|6/15 − 6/13| + |9/15 − 7/13|)
                .body("attributes.find { it.attribute == 'ageBand' }.dissimilarity", Api.near(0.0615, 1e-3))
                .body(
                        "attributes.find { it.attribute == 'ageBand' }.rows.find { it.value == '65-79' }.responseRate",
                        nullValue())
                .body(
                        "attributes.find { it.attribute == 'ageBand' }.rows.find { it.value == '18-34' }.responseRate",
                        Api.near(1.0, 1e-4))
                .body(
                        "attributes.find { it.attribute == 'ageBand' }.rows.find { it.value == '18-34' }.populationShare",
                        Api.near(0.4, 1e-4))
                .body("summaryIndex", Api.near(1 - 0.0821 / 7 - 0.0, 0.05));
        as("ops")
                .get(BASE + "/" + id + "/results/representativeness?against=population")
                .then()
                .statusCode(200)
                .body("against", equalTo("population"));
        as("ops")
                .get(BASE + "/" + id + "/results/representativeness?against=moon")
                .then()
                .statusCode(400);
        as("ops")
                .get(BASE + "/" + id + "/results/breakdown?attribute=shoeSize")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("attribute"));
        as("ops")
                .get(BASE + "/" + id + "/results/breakdown")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("attribute")); // no attribute at all
        as("ops").get(BASE + "/" + id + "/results?weightBy=shoeSize").then().statusCode(400);

        // the results are counters: they do not need the responses any more
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "DELETE FROM response_link WHERE response_id IN (SELECT id FROM response WHERE consultation_id = '"
                            + id + "')");
            s.executeUpdate("DELETE FROM response WHERE consultation_id = '" + id + "'");
        }
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .body("respondents", equalTo(13))
                .body("questions[3].mean", Api.near(3.3846, 1e-4));

        // the submissions' increments are folded into the counter rows in the background, each exactly once
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> {
                    try (Connection c = db.getConnection();
                            Statement s = c.createStatement();
                            java.sql.ResultSet rs = s.executeQuery(
                                    "SELECT (SELECT count(*) FROM result_increment WHERE consultation_id = '" + id
                                            + "')," + " (SELECT sum(n) FROM result_cell WHERE consultation_id = '" + id
                                            + "' AND attribute = '' AND answer_key = '__respondents')")) {
                        rs.next();
                        return rs.getLong(1) == 0 && rs.getLong(2) == 13;
                    }
                });
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .body("respondents", equalTo(13))
                .body("questions[3].mean", Api.near(3.3846, 1e-4));

        // survey frontends read results once they are published
        as("survey-frontend").get(BASE + "/" + id + "/results").then().statusCode(404);
        given().get(BASE + "/" + id + "/results").then().statusCode(401);
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation").post(BASE + "/" + id + "/results/publish").then().statusCode(200);
        as("survey-frontend")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", equalTo(13));

        // after closing the counter shards are folded into one row each; the figures stay the same
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> {
                    try (Connection c = db.getConnection();
                            Statement s = c.createStatement();
                            java.sql.ResultSet rs = s.executeQuery(
                                    "SELECT count(*) FILTER (WHERE shard >= 0), count(*) FROM result_cell WHERE consultation_id = '"
                                            + id + "'")) {
                        rs.next();
                        return rs.getLong(1) == 0 && rs.getLong(2) > 0;
                    }
                });
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .body("respondents", equalTo(13))
                .body("questions[3].mean", Api.near(3.3846, 1e-4))
                .body("questions[3].median", Api.near(4.0, 1e-4));
        as("corporation")
                .get(BASE + "/" + id + "/results/breakdown?attribute=ageBand")
                .then()
                .body("cells.find { it.value == '18-34' }.respondents", equalTo(6));
        asClient("ho-elders", "tenant-organisation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(404);
    }

    @Test
    void pweResultsShowOptionSharesBudgetUsePortfoliosAndMotivations() {
        List<String> refs = List.of(Api.prefix() + "-1", Api.prefix() + "-2", Api.prefix() + "-3", Api.prefix() + "-4");
        String id = Api.ready("PWE", Api.PWE, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        String[] portfolios = {
            "{\"chosen\":[\"playground\",\"benches\",\"bins\"],\"motivations\":{\"playground\":\"voor de kinderen\"},\"overallMotivation\":\"goed plan\"}",
            "{\"chosen\":[\"playground\",\"benches\",\"bins\"]}",
            "{\"chosen\":[\"football\",\"bins\",\"benches\"],\"motivations\":{\"football\":\"sport\"}}",
            "{\"chosen\":[\"playground\"]}"
        };
        for (int i = 0; i < refs.size(); i++) {
            submit(tokens.get(refs.get(i)), "{\"plan\":" + portfolios[i] + "}")
                    .then()
                    .statusCode(201);
        }
        // an ANONYMOUS consultation's responses are stored once released: k together, or at closing (AnonymousMix)
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("questions[1].answered", equalTo(4))
                .body("questions[1].options.find { it.value == 'playground' }.share", Api.near(0.75, 1e-4))
                .body("questions[1].options.find { it.value == 'football' }.count", equalTo(1))
                .body("questions[1].pwe.constraint", equalTo("BUDGET"))
                .body("questions[1].pwe.meanMeasure", Api.near(80.0, 1e-4)) // (90 + 90 + 80 + 60) / 4
                .body("questions[1].pwe.meanShareOfLimit", Api.near(0.8, 1e-4))
                .body("questions[1].pwe.topPortfolios[0].options", equalTo(List.of("benches", "bins", "playground")))
                .body("questions[1].pwe.topPortfolios[0].count", equalTo(2))
                .body("questions[1].pwe.motivations.playground", equalTo(List.of("voor de kinderen")))
                .body("questions[1].pwe.motivations.overall", equalTo(List.of("goed plan")))
                .body("questions[1].pwe.motivationCounts.football", equalTo(1));
    }
}
