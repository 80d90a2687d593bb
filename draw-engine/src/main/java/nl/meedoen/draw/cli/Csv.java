package nl.meedoen.draw.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CLI's CSV reader, on Commons CSV with the rules of commons' {@code nl.meedoen.commons.csv.CsvReader}: optional UTF-8
 * byte-order mark, {@code ,} or {@code ;} (the one the header line uses most), CRLF or LF, quoted values, trimmed values,
 * blank rows skipped. A deliberate small copy: this module is plain Java and must not pull in commons (Quarkus).
 */
final class Csv {

    /** One row and the 1-based line of the file it starts on. */
    record Row(long line, List<String> values) {}

    private Csv() {}

    static List<Row> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter(text))
                .setTrim(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        List<Row> rows = new ArrayList<>();
        long line = 1;
        int counted = 0; // line breaks before this offset are in `line`
        try (CSVParser parser = format.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                int start = (int) record.getCharacterPosition();
                for (; counted < start; counted++) {
                    if (text.charAt(counted) == '\n') {
                        line++;
                    }
                }
                List<String> values = record.toList();
                if (!values.stream().allMatch(String::isEmpty)) {
                    rows.add(new Row(line, values));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("not readable as CSV: " + cause.getMessage());
        }
        return rows;
    }

    /** {@code ;} when the first line has more of them than commas outside quotes, else {@code ,}. */
    private static char delimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && (quoted || (text.charAt(i) != '\n' && text.charAt(i) != '\r')); i++) {
            char c = text.charAt(i);
            quoted ^= c == '"';
            commas += !quoted && c == ',' ? 1 : 0;
            semicolons += !quoted && c == ';' ? 1 : 0;
        }
        return semicolons > commas ? ';' : ',';
    }
}
