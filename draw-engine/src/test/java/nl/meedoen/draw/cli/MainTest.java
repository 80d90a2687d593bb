package nl.meedoen.draw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract end to end, in-process: exit codes, one JSON object on stdout, JSON errors on stderr. */
class MainTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static String categories;
    static String respondents;

    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(code == 0 || code == 1 ? out : err);
        }
    }

    @BeforeAll
    static void copyExample() throws IOException {
        for (String name : new String[] {"categories.csv", "respondents.csv"}) {
            try (InputStream in = MainTest.class.getResourceAsStream("/example_small_20/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        categories = dir.resolve("categories.csv").toString();
        respondents = dir.resolve("respondents.csv").toString();
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void probabilitiesOnThePublishedExample() throws IOException {
        Run r = run(
                "probabilities",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "leximin");
        assertEquals(0, r.code(), r.err());
        JsonNode json = r.json();
        assertEquals(0.1, json.get("minProbability").asDouble(), 1e-6);
        assertEquals(200, json.get("probabilities").size());
        double sum = 0;
        for (JsonNode p : json.get("probabilities")) {
            assertEquals(0.1, p.asDouble(), 1e-6);
            sum += p.asDouble();
        }
        assertEquals(20, sum, 1e-6);
        assertTrue(json.get("seconds").isNumber());
        assertEquals(1, r.out().strip().lines().count(), "one JSON object on one line");
    }

    @Test
    void uniformNeedsNoCategories() throws IOException {
        Run r = run("probabilities", "--respondents", respondents, "--panel-size", "20", "--algorithm", "uniform");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.1, r.json().get("minProbability").asDouble(), 1e-12);
    }

    @Test
    void commitDrawVerifyAndTamper() throws IOException {
        Path committed = dir.resolve("committed.json");
        Run c = run(
                "commit",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "leximin",
                "--out",
                committed.toString());
        assertEquals(0, c.code(), c.err());
        String commitment = c.json().get("commitment").asText();

        Path record = dir.resolve("record.json");
        Run d = run(
                "draw", "--record", committed.toString(), "--seed", "witness dice 4 2 6 1", "--out", record.toString());
        assertEquals(0, d.code(), d.err());
        assertEquals(20, d.json().get("selected").size());

        // the one-step draw from the CSVs gives the same record
        Run direct = run(
                "draw",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "leximin",
                "--seed",
                "witness dice 4 2 6 1");
        assertEquals(Files.readString(record), direct.out());

        Run v = run("verify", "--record", record.toString(), "--commitment", commitment, "--recompute");
        assertEquals(0, v.code(), v.out());
        assertTrue(v.json().get("match").asBoolean());

        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, Files.readString(record).replace("witness dice 4 2 6 1", "witness dice 4 2 6 2"));
        Run t = run("verify", "--record", tampered.toString());
        assertEquals(1, t.code());
        assertFalse(t.json().get("match").asBoolean());
        assertFalse(t.json().get("differences").isEmpty());

        Run rep = run(
                "replace",
                "--record",
                record.toString(),
                "--withdrawn",
                d.json().get("selected").get(0).asText());
        assertEquals(0, rep.code(), rep.err());
        assertTrue(rep.json().get("replacements").get(0).get("replacement").isTextual());
    }

    @Test
    void badInputGivesAJsonErrorAndExitCodeTwo() throws IOException {
        Run missing = run(
                "probabilities",
                "--categories",
                "nope.csv",
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "leximin");
        assertEquals(2, missing.code());
        assertEquals("invalid-input", missing.json().get("error").asText());
        assertFalse(missing.err().contains("at nl."), "no stack trace");

        Run tooMany = run(
                "probabilities",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "500",
                "--algorithm",
                "leximin");
        assertEquals(2, tooMany.code());
        assertEquals("panel-larger-than-pool", tooMany.json().get("error").asText());

        Path tight = dir.resolve("tight.csv");
        Files.writeString(
                tight,
                "category,feature,min,max\ngender,female,15,20\ngender,male,0,20\n"
                        + "leaning,liberal,0,20\nleaning,conservative,15,20\n");
        Run infeasible = run(
                "probabilities",
                "--categories",
                tight.toString(),
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "leximin");
        assertEquals(2, infeasible.code());
        JsonNode e = infeasible.json();
        assertEquals("infeasible-quotas", e.get("error").asText());
        assertTrue(e.get("relaxations").size() > 0);

        for (String[] args : new String[][] {
            {},
            {"dance"},
            {"probabilities", "--panel-size"},
            {
                "probabilities",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "x",
                "--algorithm",
                "leximin"
            },
            {
                "probabilities",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "greedy"
            },
            {"verify", "--record", categories}
        }) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.json().has("message"));
        }
    }

    /** The example as Dutch Excel saves it: byte-order mark, ';', CRLF, quotes only where needed. */
    static String asDutchExcel(String csv) {
        return "\uFEFF" + csv.strip().replace(',', ';').replace("\n", "\r\n") + "\r\n";
    }

    @Test
    void readsCategoriesAndRespondentsAsDutchExcelSavesThem() throws IOException {
        Path excelCategories = dir.resolve("categories-nl.csv");
        Path excelRespondents = dir.resolve("respondents-nl.csv");
        Files.writeString(excelCategories, asDutchExcel(Files.readString(Path.of(categories))), StandardCharsets.UTF_8);
        // an extra column whose quoted values hold the delimiter and a line break: allowed, ignored by the draw
        String[] lines = Files.readString(Path.of(respondents)).strip().split("\n");
        StringBuilder withNote = new StringBuilder(lines[0] + ",note\n");
        for (int i = 1; i < lines.length; i++) {
            withNote.append(lines[i]).append(i == 3 ? ",\"Łukasz Żółć; İlkay\nŞahin\"\n" : ",Nguyễn\n");
        }
        Files.writeString(excelRespondents, asDutchExcel(withNote.toString()), StandardCharsets.UTF_8);
        assertTrue(Files.readString(excelRespondents).startsWith("\uFEFFgender;leaning;note\r\n"));

        Run comma = run(
                "probabilities",
                "--categories",
                categories,
                "--respondents",
                respondents,
                "--panel-size",
                "20",
                "--algorithm",
                "leximin");
        Run excel = run(
                "probabilities",
                "--categories",
                excelCategories.toString(),
                "--respondents",
                excelRespondents.toString(),
                "--panel-size",
                "20",
                "--algorithm",
                "leximin");
        assertEquals(0, excel.code(), excel.err());
        assertEquals(comma.json().get("probabilities"), excel.json().get("probabilities"));
        assertEquals(200, excel.json().get("respondents").asInt(), "the line break inside the quoted note is no row");

        // a bad row names its line of the file: the header is line 1, the quoted note spans lines 4 and 5
        List<String> physical =
                new ArrayList<>(List.of(Files.readString(excelRespondents).split("\r\n")));
        physical.set(6, "female;liberal"); // line 7: data row 5
        Files.writeString(excelRespondents, String.join("\r\n", physical) + "\r\n");
        Run bad = run(
                "probabilities",
                "--categories",
                excelCategories.toString(),
                "--respondents",
                excelRespondents.toString(),
                "--panel-size",
                "20",
                "--algorithm",
                "leximin");
        assertEquals(2, bad.code());
        assertTrue(
                bad.json().get("message").asText().endsWith("respondents line 7 has 2 fields, the header 3"),
                bad.err());
    }
}
