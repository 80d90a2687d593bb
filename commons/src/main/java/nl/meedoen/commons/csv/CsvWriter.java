package nl.meedoen.commons.csv;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes CSV in a {@link CsvDialect}: UTF-8 (with a byte-order mark when the dialect says so), values quoted only when they
 * must be, CRLF after every row.
 * <p>
 * Formula injection is defused in every cell: text starting with {@code = + - @}, tab or CR gets a leading {@code '} so a
 * spreadsheet shows it instead of running it (OWASP "CSV injection"). Numbers are left alone — a {@link Number} value, and
 * text that is just a plain number such as {@code -12} or {@code -3.50}: they cannot run anything, and prefixing them
 * would turn amounts into text.
 */
public final class CsvWriter implements Flushable, Closeable {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?[0-9]+([.,][0-9]+)?");

    private final Writer out;
    private final CSVPrinter printer;
    private final CsvDialect dialect;

    private CsvWriter(Writer out, CsvDialect dialect) throws IOException {
        this.out = out;
        this.dialect = dialect;
        this.printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setDelimiter(dialect.delimiter())
                        .setRecordSeparator("\r\n")
                        .setQuoteMode(QuoteMode.MINIMAL)
                        .get());
    }

    /** A writer on {@code out}; writes the byte-order mark at once if the dialect has one. Closing it closes {@code out}. */
    public static CsvWriter open(OutputStream out, CsvDialect dialect) {
        try {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (dialect.bom()) {
                writer.write('\uFEFF');
            }
            return new CsvWriter(writer, dialect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CsvDialect dialect() {
        return dialect;
    }

    public CsvWriter row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public CsvWriter row(Iterable<?> cells) {
        try {
            for (Object cell : cells) {
                printer.print(cell(cell, dialect));
            }
            printer.println();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of one cell as this dialect writes it (before quoting). */
    public static String cell(Object value, CsvDialect dialect) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            String s = number(n);
            return dialect.decimalComma() ? s.replace('.', ',') : s;
        }
        return defuse(value.toString());
    }

    /** Text a spreadsheet would run as a formula, with a leading {@code '}; plain numbers unchanged. */
    public static String defuse(String s) {
        if (!s.isEmpty()
                && "=+-@\t\r".indexOf(s.charAt(0)) >= 0
                && !PLAIN_NUMBER.matcher(s).matches()) {
            return "'" + s;
        }
        return s;
    }

    private static String number(Number n) {
        if (n instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            // whole numbers without ".0"; others in plain notation (never 1.0E-5)
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : BigDecimal.valueOf(d).toPlainString();
        }
        return n.toString();
    }

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        printer.close();
        out.close();
    }
}
