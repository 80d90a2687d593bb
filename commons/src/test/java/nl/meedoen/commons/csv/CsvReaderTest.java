package nl.meedoen.commons.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static List<CsvReader.Row> rows(CsvReader reader) {
        List<CsvReader.Row> rows = new ArrayList<>();
        reader.forEach(rows::add);
        return rows;
    }

    @Test
    void readsAFileAsDutchExcelSavesIt() {
        // "CSV UTF-8 (gescheiden door lijstscheidingsteken)": byte-order mark, ';', CRLF, quotes only where needed
        byte[] file = ("\uFEFFtenantRef;name;city\r\n"
                        + "T-1;Łukasz Żółć;Utrecht\r\n"
                        + "T-2;\"Nguyễn; \"\"Anh\"\"\r\nsecond line\";Zeist\r\n"
                        + "T-3;İlkay Şahin;Den Haag\r\n")
                .getBytes(StandardCharsets.UTF_8);
        CsvReader reader = CsvReader.open(new ByteArrayInputStream(file), null);
        assertEquals(';', reader.delimiter());
        assertEquals(List.of("tenantRef", "name", "city"), reader.header());
        List<CsvReader.Row> rows = rows(reader);
        assertEquals(3, rows.size());
        assertEquals("Łukasz Żółć", rows.get(0).get("name"));
        assertEquals("Nguyễn; \"Anh\"\r\nsecond line", rows.get(1).get("name"));
        assertEquals("Zeist", rows.get(1).get("city"));
        assertEquals(List.of("T-3", "İlkay Şahin", "Den Haag"), rows.get(2).values());
        // data rows count from 1; lines count the header and the line inside the quoted value
        assertEquals(
                List.of(1L, 2L, 3L), rows.stream().map(CsvReader.Row::number).toList());
        assertEquals(List.of(2L, 3L, 5L), rows.stream().map(CsvReader.Row::line).toList());
    }

    @Test
    void readsCommasAndLfWithoutAByteOrderMarkAndTrims() {
        CsvReader reader = CsvReader.open(new StringReader("a,b;c,d\n 1 , \"x;y\" ,\n\n2,3,4\n"));
        assertEquals(',', reader.delimiter());
        assertEquals(List.of("a", "b;c", "d"), reader.header());
        List<CsvReader.Row> rows = rows(reader);
        assertEquals(List.of("1", "x;y", ""), rows.get(0).values());
        assertEquals(List.of("2", "3", "4"), rows.get(1).values());
        assertEquals(2, rows.get(1).number());
        assertEquals(4, rows.get(1).line(), "the blank line is skipped, but counted as a line");
    }

    @Test
    void aRowWithTooFewValuesNamesTheFirstMissingColumn() {
        CsvReader.Row row =
                rows(CsvReader.open(new StringReader("a,b,c\n1,2\n"))).get(0);
        assertEquals(new CsvReader.Error("c", "missing: the row has 2 of the 3 values"), row.error());
        assertEquals(List.of("1", "2"), row.values());
        assertNull(row.get("c"));
    }

    @Test
    void aGivenDelimiterWinsOverTheHeader() {
        CsvReader reader = CsvReader.open(new StringReader("a;b,c\n1;2,3\n"), ',');
        assertEquals(List.of("a;b", "c"), reader.header());
        assertEquals(List.of("1;2", "3"), rows(reader).get(0).values());
    }

    @Test
    void aRowWithBrokenQuotesIsReportedWithItsColumnAndTheNextRowsAreRead() {
        List<CsvReader.Row> rows = rows(
                CsvReader.open(
                        new StringReader(
                                "ref;name;city\r\nT-1;\"Anna \"de\" Vries\";Utrecht\r\nT-2;Piet;Zeist\r\nT-3;Jan;Ede;extra\r\nT-4;Kees;;;\r\n")));
        assertEquals(4, rows.size());
        CsvReader.Row broken = rows.get(0);
        assertEquals(1, broken.number());
        assertEquals(2, broken.line());
        assertEquals("name", broken.error().column());
        assertTrue(
                broken.error().message().contains("broken quotes"),
                broken.error().message());
        assertNull(broken.get("name"));
        assertEquals("T-1", broken.get("ref"), "what can be read is kept for the report");
        assertEquals("Utrecht", broken.get("city"));
        assertEquals("Piet", rows.get(1).get("name"));
        assertNull(rows.get(1).error());
        assertEquals(
                new CsvReader.Error("column 4", "a value beyond the last of the 3 header columns"),
                rows.get(2).error());
        assertNull(rows.get(3).error(), "empty values beyond the header are what Excel writes; they are dropped");
        assertEquals(List.of("T-4", "Kees", ""), rows.get(3).values());
    }

    @Test
    void aQuoteThatIsNeverClosedCostsTheRestOfTheFileAndSaysSo() {
        List<CsvReader.Row> rows = rows(CsvReader.open(new StringReader("ref,name\nT-1,Anna\nT-2,\"Piet\nT-3,Jan\n")));
        assertEquals(2, rows.size());
        assertEquals("Anna", rows.get(0).get("name"));
        assertEquals("name", rows.get(1).error().column());
        assertTrue(
                rows.get(1).error().message().contains("not closed: it runs from line 3"),
                rows.get(1).error().message());
    }

    @Test
    void rowsOfOnlyDelimitersAndTrailingEmptyColumnsAreWhatExcelAddsAndAreDropped() {
        CsvReader reader = CsvReader.open(new StringReader("a;b;;\r\n1;2;;\r\n;;;\r\n3;4;;\r\n"));
        assertEquals(List.of("a", "b"), reader.header());
        List<CsvReader.Row> rows = rows(reader);
        assertEquals(2, rows.size());
        assertEquals(List.of("3", "4"), rows.get(1).values());
        assertEquals(2, rows.get(1).number());
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void aFileThatCannotBeReadAtAllIsACsvException() {
        assertThrows(CsvException.class, () -> CsvReader.open(new StringReader("")));
        assertThrows(CsvException.class, () -> CsvReader.open(new StringReader("\uFEFF\r\n\r\n")));
        CsvException twice = assertThrows(CsvException.class, () -> CsvReader.open(new StringReader("a;b;a\n1;2;3\n")));
        assertEquals("a", twice.column());
        assertEquals(1, twice.line());
        // Windows-1252 "é" in the second data line: refused with the line, never turned into '?'
        byte[] latin1 = "name\nAnna\nRen\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvReader reader = CsvReader.open(new ByteArrayInputStream(latin1), null);
        CsvException notUtf8 = assertThrows(CsvException.class, () -> rows(reader));
        assertEquals(3, notUtf8.line());
        assertTrue(notUtf8.getMessage().contains("not UTF-8"), notUtf8.getMessage());
    }

    /**
     * Rows without quotes are split by CsvReader itself (no parser per row): they must read exactly as Commons CSV reads
     * them, whatever whitespace, control and non-Latin characters surround or fill the values.
     */
    @Test
    void rowsWithoutQuotesReadAsCommonsCsvReadsThem() throws Exception {
        String alphabet = "ab zé\tش\u2003\u00a0\u0001\u001f\u000b.-";
        java.util.Random random = new java.util.Random(20261207);
        for (char delimiter : new char[] {',', ';'}) {
            org.apache.commons.csv.CSVFormat reference = org.apache.commons.csv.CSVFormat.RFC4180
                    .builder()
                    .setDelimiter(delimiter)
                    .setTrim(true)
                    .setIgnoreSurroundingSpaces(true)
                    .get();
            StringBuilder file = new StringBuilder("id" + delimiter + "a" + delimiter + "b" + delimiter + "c\n");
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < 2_000; r++) {
                StringBuilder line = new StringBuilder("R" + r);
                for (int column = 0; column < 3; column++) {
                    line.append(delimiter);
                    for (int k = random.nextInt(6); k > 0; k--) {
                        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                lines.add(line.toString());
                file.append(line).append('\n');
            }
            List<CsvReader.Row> rows = rows(CsvReader.open(new StringReader(file.toString()), delimiter));
            assertEquals(lines.size(), rows.size());
            for (int r = 0; r < lines.size(); r++) {
                List<String> expected;
                try (var parser = reference.parse(new StringReader(lines.get(r)))) {
                    expected = parser.iterator().next().toList();
                }
                assertEquals(expected, rows.get(r).values(), "row " + r + ": [" + lines.get(r) + "]");
                assertNull(rows.get(r).error());
            }
        }
    }
}
