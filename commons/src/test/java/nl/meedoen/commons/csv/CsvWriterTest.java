package nl.meedoen.commons.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.meedoen.commons.problem.ProblemException;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    static byte[] write(CsvDialect dialect, List<?>... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.open(out, dialect)) {
            for (List<?> row : rows) {
                csv.row(row);
            }
        }
        return out.toByteArray();
    }

    @Test
    void theDefaultIsRfc4180WithoutAByteOrderMark() throws IOException {
        byte[] bytes = write(
                CsvDialect.RFC4180,
                List.of("id", "name", "amount"),
                List.of("T-1", "Jansen, \"Piet\"", new BigDecimal("3000.00")),
                Arrays.asList("T-2", "two\nlines", null));
        assertEquals(
                "id,name,amount\r\nT-1,\"Jansen, \"\"Piet\"\"\",3000.00\r\nT-2,\"two\nlines\",\r\n",
                new String(bytes, StandardCharsets.UTF_8));
        assertEquals('i', bytes[0]);
    }

    @Test
    void excelNlHasAByteOrderMarkSemicolonsAndDecimalCommas() throws IOException {
        byte[] bytes = write(
                CsvDialect.EXCEL_NL,
                List.of("naam", "bedrag", "aandeel", "aantal"),
                List.of("Łukasz Żółć; jr", new BigDecimal("2100.50"), 0.25, 3.0),
                List.of("Jansen, Piet", -12, 1.5e-7, 7L));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        assertEquals(
                "\uFEFFnaam;bedrag;aandeel;aantal\r\n\"Łukasz Żółć; jr\";2100,50;0,25;3\r\nJansen, Piet;-12;0,00000015;7\r\n",
                new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void formulasAreDefusedAndPlainNumbersAreNot() {
        for (String formula : List.of(
                "=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\r=1", "-", "=")) {
            assertEquals("'" + formula, CsvWriter.cell(formula, CsvDialect.RFC4180), formula);
        }
        for (String plain : List.of("-12", "-3.50", "-3,50", "+31", "12", "a=b", "'=already", "")) {
            assertEquals(plain, CsvWriter.cell(plain, CsvDialect.RFC4180), plain);
        }
        assertEquals("-5", CsvWriter.cell(-5, CsvDialect.EXCEL_NL));
        assertEquals("-2,5", CsvWriter.cell(-2.5, CsvDialect.EXCEL_NL));
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBackDefused() throws IOException {
        List<String> tricky = List.of("Nguyễn; \"Anh\"\r\nline 2", "=HYPERLINK(\"x\")", "İlkay Şahin", "-7");
        for (CsvDialect dialect : List.of(CsvDialect.RFC4180, CsvDialect.EXCEL_NL)) {
            byte[] bytes = write(dialect, List.of("a", "b", "c", "d"), tricky);
            CsvReader reader = CsvReader.open(new ByteArrayInputStream(bytes), null);
            assertEquals(dialect.delimiter(), reader.delimiter());
            List<CsvReader.Row> rows = new ArrayList<>();
            reader.forEach(rows::add);
            assertEquals(
                    List.of(tricky.get(0), "'" + tricky.get(1), tricky.get(2), tricky.get(3)),
                    rows.get(0).values(),
                    dialect.name());
        }
    }

    @Test
    void theDialectParameterIsRfc4180ByDefaultAndAnythingUnknownIsA400NamingIt() {
        assertSame(CsvDialect.RFC4180, CsvDialect.fromParameter(null));
        assertSame(CsvDialect.RFC4180, CsvDialect.fromParameter(""));
        assertSame(CsvDialect.RFC4180, CsvDialect.fromParameter("rfc4180"));
        assertSame(CsvDialect.EXCEL_NL, CsvDialect.fromParameter("excel-nl"));
        assertSame(CsvDialect.EXCEL_NL, CsvDialect.fromParameter("Excel-NL"));
        ProblemException e = assertThrows(ProblemException.class, () -> CsvDialect.fromParameter("xlsx"));
        assertEquals(400, e.status());
        assertEquals("dialect", e.errors().get(0).field());
    }
}
