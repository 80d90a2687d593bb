package nl.meedoen.commons.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV with a header line, one row at a time, as spreadsheets save it: UTF-8 with or without a byte-order mark,
 * {@code ,} or {@code ;} between values (the one the header line uses most, unless given), CRLF or LF, quoted values with
 * delimiters, quotes ({@code ""}) and line breaks in them. Values and column names are trimmed; trailing empty columns
 * (Excel writes them for formatted cells) are dropped; rows without any value are skipped.
 * <p>
 * A bad row does not stop the reading: it comes back as a {@link Row} with an {@link Error} naming the column, and the next
 * row is read as usual. Rows are numbered twice: {@link Row#number()} is the 1-based data row (the header and skipped rows not
 * counted), {@link Row#line()} the 1-based line of the file where the row starts (the header is line 1).
 * <p>
 * Commons CSV parses each row; this class only finds where a row ends (a line break outside quotes), so that a row whose
 * quotes are broken costs only that row.
 */
public final class CsvReader implements Iterable<CsvReader.Row>, Closeable {

    /** Why a row cannot be used: the column (its header name, or "column N" beyond the header) and what is wrong. */
    public record Error(String column, String message) {}

    /** One data row: its values in header order, or an error. */
    public static final class Row {
        private final long number;
        private final long line;
        private final List<String> values;
        private final Error error;
        private final Map<String, Integer> index;

        Row(long number, long line, List<String> values, Error error, Map<String, Integer> index) {
            this.number = number;
            this.line = line;
            this.values = values;
            this.error = error;
            this.index = index;
        }

        /** 1-based data row: the first row after the header is 1. */
        public long number() {
            return number;
        }

        /** 1-based line of the file where this row starts: the header is line 1. */
        public long line() {
            return line;
        }

        /**
         * The values, one per header column. With an {@link #error()}: what could be read (fewer when the row is short, null
         * where the quotes are broken), so that a report can still name, say, the row's id.
         */
        public List<String> values() {
            return values;
        }

        /** Why this row cannot be used, or null. */
        public Error error() {
            return error;
        }

        /** The value of a column ("" when empty), or null when the header has no such column or the value cannot be read. */
        public String get(String column) {
            Integer i = index.get(column);
            return i == null || i >= values.size() ? null : values.get(i);
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final CSVFormat format;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private long line = 1; // the line the next character is on
    private long rows;
    private boolean iterated;

    /** One row's text as it stood in the file, without its line break. */
    private record Text(String text, long line, boolean unterminated) {}

    private CsvReader(Reader in, Character delimiter) {
        this.in = in;
        skipByteOrderMark();
        Text first;
        do {
            first = next();
        } while (first != null && first.text().isBlank());
        if (first == null) {
            throw new CsvException(0, null, "the CSV is empty: it needs a header line naming the columns");
        }
        this.delimiter = delimiter != null ? delimiter : detect(first.text());
        this.format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(this.delimiter)
                .setTrim(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        List<String> names;
        try {
            names = new ArrayList<>(parse(first.text()));
        } catch (UncheckedIOException e) {
            throw new CsvException(first.line(), null, "the header line cannot be read: broken quotes");
        }
        while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        for (int i = 0; i < names.size(); i++) {
            if (index.putIfAbsent(names.get(i), i) != null) {
                throw new CsvException(
                        first.line(), names.get(i), "the header names the column '" + names.get(i) + "' twice");
            }
        }
        this.header = Collections.unmodifiableList(names);
    }

    /** Reads {@code source} (a byte-order mark at its start is skipped), detecting the delimiter from the header line. */
    public static CsvReader open(Reader source) {
        return open(source, null);
    }

    /**
     * Reads {@code source} with the given delimiter, or (null) the one of {@code ,} and {@code ;} the header line uses most.
     *
     * @throws CsvException when there is no header line, it names a column twice, or it cannot be read
     */
    public static CsvReader open(Reader source, Character delimiter) {
        return new CsvReader(source instanceof BufferedReader ? source : new BufferedReader(source), delimiter);
    }

    /**
     * Reads UTF-8 bytes. Bytes that are not UTF-8 (a file saved as Windows-1252) are a {@link CsvException} naming the line
     * when the reading reaches them, never replaced silently.
     */
    public static CsvReader open(InputStream source, Character delimiter) {
        // decoded with replacement characters, which are then refused where they stand: a decoder that reports would
        // fail
        // a whole buffer ahead, before the line is known
        return open(new InputStreamReader(source, StandardCharsets.UTF_8), delimiter);
    }

    public char delimiter() {
        return delimiter;
    }

    /** The column names in file order. */
    public List<String> header() {
        return header;
    }

    /** The data rows; a reader can be iterated once. */
    @Override
    public Iterator<Row> iterator() {
        if (iterated) {
            throw new IllegalStateException("a CsvReader is read once");
        }
        iterated = true;
        return new Iterator<>() {
            Row ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = read();
                }
                return ahead != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = ahead;
                ahead = null;
                return row;
            }
        };
    }

    private Row read() {
        for (Text t = next(); t != null; t = next()) {
            if (t.text().isBlank()) {
                continue;
            }
            List<String> values;
            try {
                values = parse(t.text());
            } catch (UncheckedIOException e) {
                return broken(++rows, t);
            }
            if (values.stream().allMatch(String::isEmpty)) {
                continue; // a row of only delimiters: what Excel writes for formatted but empty rows
            }
            return row(++rows, t.line(), values);
        }
        return null;
    }

    private Row row(long number, long line, List<String> values) {
        int n = header.size();
        if (values.size() > n) {
            for (int i = n; i < values.size(); i++) {
                if (!values.get(i).isEmpty()) {
                    return new Row(
                            number,
                            line,
                            List.copyOf(values.subList(0, n)),
                            new Error("column " + (i + 1), "a value beyond the last of the " + n + " header columns"),
                            index);
                }
            }
            values = values.subList(0, n);
        } else if (values.size() < n) {
            return new Row(
                    number,
                    line,
                    List.copyOf(values),
                    new Error(
                            header.get(values.size()),
                            "missing: the row has " + values.size() + " of the " + n + " values"),
                    index);
        }
        return new Row(number, line, List.copyOf(values), null, index);
    }

    /** A row Commons CSV refused: each value read on its own; the first that cannot be names the column. */
    private Row broken(long number, Text t) {
        List<String> raw = split(t.text());
        List<String> values = new ArrayList<>();
        int bad = -1;
        for (int i = 0; i < raw.size() && i < header.size(); i++) {
            try {
                values.add(parse(raw.get(i)).get(0));
            } catch (UncheckedIOException e) {
                values.add(null);
                bad = bad < 0 ? i : bad;
            }
        }
        bad = bad < 0 ? raw.size() - 1 : bad;
        String column = bad < header.size() ? header.get(bad) : "column " + (bad + 1);
        return new Row(
                number,
                t.line(),
                Collections.unmodifiableList(values),
                new Error(
                        column,
                        t.unterminated()
                                ? "a quoted value is not closed: it runs from line " + t.line()
                                        + " to the end of the file"
                                : "broken quotes: a quoted value must be closed right before the delimiter, and a \" inside it doubled (\"\")"),
                index);
    }

    private List<String> parse(String text) {
        if (text.indexOf('"') < 0) {
            return plain(text); // most rows: no parser built for them, which was a third of an import's reading
        }
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Iterator<CSVRecord> records = parser.iterator();
            return records.hasNext() ? records.next().toList() : List.of("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row without quotes as Commons CSV reads it with {@link #format}: split at each delimiter, each value stripped of
     * surrounding whitespace ({@code ignoreSurroundingSpaces}: {@link Character#isWhitespace}), then of what
     * {@link String#trim} removes ({@code trim}). {@code CsvReaderTest} holds the two to the same answers.
     */
    private List<String> plain(String text) {
        List<String> values = new ArrayList<>(header == null ? 16 : header.size());
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == delimiter) {
                int from = start;
                int to = i;
                while (from < to && Character.isWhitespace(text.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                    to--;
                }
                values.add(text.substring(from, to).trim());
                start = i + 1;
            }
        }
        return values;
    }

    /** The raw values of a row: split at delimiters outside quotes. */
    private List<String> split(String text) {
        List<String> raw = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                raw.add(text.substring(start, i));
                start = i + 1;
            }
        }
        raw.add(text.substring(start));
        return raw;
    }

    private void skipByteOrderMark() {
        try {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static char detect(String header) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** The next row's text: up to a line break (CRLF, LF or CR) outside quotes; null at the end. */
    private Text next() {
        StringBuilder text = new StringBuilder();
        long start = line;
        boolean quoted = false;
        try {
            int c = in.read();
            if (c == EOF) {
                return null;
            }
            for (; c != EOF; c = in.read()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\uFFFD') {
                    throw notUtf8(line);
                } else if (c == '\n' || c == '\r') {
                    line++;
                    if (c == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') {
                            in.reset();
                        } else if (quoted) {
                            text.append('\r');
                            c = '\n';
                        }
                    }
                    if (!quoted) {
                        return new Text(text.toString(), start, false);
                    }
                }
                text.append((char) c);
            }
            return new Text(text.toString(), start, quoted);
        } catch (CharacterCodingException e) {
            throw notUtf8(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvException notUtf8(long line) {
        return new CsvException(
                line, null, (line > 0 ? "line " + line : "the file") + " is not UTF-8 text (save it as \"CSV UTF-8\")");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
