package nl.meedoen.notification.importing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import nl.meedoen.commons.csv.CsvException;
import nl.meedoen.commons.csv.CsvReader;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.notification.tenant.TenantRequest;

/**
 * Reads an upload one row at a time (CSV with a header line, or NDJSON: one JSON object per line)
 * into a tenantRef and a {@link TenantRequest}, or the reason the row cannot be read.
 */
public final class ImportRows {

    /** The CSV columns (the header line must name them; order free, unknown columns refused). */
    public static final List<String> COLUMNS = List.of(
            "tenantRef",
            "name",
            "email",
            "street",
            "houseNumber",
            "houseNumberSuffix",
            "postcode",
            "city",
            "language",
            "preferredChannel",
            "complexId",
            "neighbourhoodCode",
            "birthYear",
            "householdType",
            "tenancyStart",
            "dwellingType");

    /** One row: its 1-based number (data rows: the first after the CSV header is 1), and either a request or an error. */
    public record Row(int number, String tenantRef, TenantRequest request, Problem.FieldError error) {}

    private ImportRows() {}

    public static Iterator<Row> read(String format, Reader reader, ObjectMapper mapper) throws IOException {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return "CSV".equals(format) ? csv(reader, strict) : ndjson(new BufferedReader(reader), strict);
    }

    /**
     * CSV as spreadsheets save it (commons {@link CsvReader}: BOM, {@code ,} or {@code ;}, CRLF). A row that cannot be read
     * (broken quotes, too few values) comes back with its error on the column and the next row is read as usual.
     */
    private static Iterator<Row> csv(Reader reader, ObjectMapper mapper) {
        CsvReader csv = CsvReader.open(reader);
        List<String> header = csv.header();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw new CsvException(1, column, "unknown CSV column '" + column + "'; the columns are " + COLUMNS);
            }
        }
        if (!header.contains("tenantRef")) {
            throw new CsvException(1, "tenantRef", "the CSV header must name a tenantRef column");
        }
        Iterator<CsvReader.Row> records = csv.iterator();
        return new Iterator<>() {
            public boolean hasNext() {
                return records.hasNext();
            }

            public Row next() {
                CsvReader.Row record = records.next();
                int number = Math.toIntExact(record.number());
                if (record.error() != null) { // the tenantRef, when it could be read, names the row in the report
                    return new Row(
                            number,
                            record.get("tenantRef"),
                            null,
                            new Problem.FieldError(
                                    record.error().column(), record.error().message()));
                }
                ObjectNode json = mapper.createObjectNode();
                ObjectNode address = json.putObject("address");
                ObjectNode profile = json.putObject("profile");
                for (String column : header) {
                    String value = record.get(column);
                    if (value.isEmpty() || column.equals("tenantRef")) {
                        continue;
                    }
                    // A CSV cell is text; the numeric columns become JSON numbers (binding is strict: "12" is no
                    // number),
                    // and a cell that is no number stays text so the row is refused naming its column.
                    switch (column) {
                        case "houseNumber" -> putNumber(address, column, value);
                        case "birthYear" -> putNumber(profile, column, value);
                        case "street", "houseNumberSuffix", "postcode", "city" -> address.put(column, value);
                        case "complexId", "neighbourhoodCode", "householdType", "tenancyStart", "dwellingType" ->
                            profile.put(column, value);
                        default -> json.put(column, value);
                    }
                }
                return toRow(number, record.get("tenantRef"), json, mapper);
            }
        };
    }

    private static Iterator<Row> ndjson(BufferedReader reader, ObjectMapper mapper) {
        return new Iterator<>() {
            int number;
            String line = nextLine();

            private String nextLine() {
                try {
                    String l;
                    do {
                        l = reader.readLine();
                    } while (l != null && l.isBlank());
                    return l;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            public boolean hasNext() {
                return line != null;
            }

            public Row next() {
                if (line == null) {
                    throw new NoSuchElementException();
                }
                String current = line;
                line = nextLine();
                number++;
                JsonNode node;
                try {
                    node = mapper.readTree(current);
                } catch (IOException e) {
                    return new Row(number, null, null, new Problem.FieldError("row", "not a JSON object"));
                }
                if (!(node instanceof ObjectNode object)) {
                    return new Row(number, null, null, new Problem.FieldError("row", "not a JSON object"));
                }
                JsonNode ref = object.remove("tenantRef");
                return toRow(number, ref == null || !ref.isTextual() ? null : ref.asText(), object, mapper);
            }
        };
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]{1,9}");

    private static void putNumber(ObjectNode node, String column, String value) {
        if (NUMBER.matcher(value).matches()) {
            node.put(column, Integer.parseInt(value));
        } else {
            node.put(column, value);
        }
    }

    private static Row toRow(int number, String tenantRef, ObjectNode json, ObjectMapper mapper) {
        try {
            return new Row(number, tenantRef, mapper.treeToValue(json, TenantRequest.class), null);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .reduce((a, b) -> a + "." + b)
                    .orElse("row");
            String message = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                    ? "unknown field"
                    : "wrong type or value";
            return new Row(number, tenantRef, null, new Problem.FieldError(field, message));
        } catch (IOException e) {
            return new Row(number, tenantRef, null, new Problem.FieldError("row", "cannot be read"));
        }
    }
}
