package nl.meedoen.draw.cli;

import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 reader: commas, double-quoted fields with "" escapes, CRLF or LF, optional UTF-8 BOM. */
final class Csv {
    private Csv() {
    }

    static List<List<String>> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString().trim());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString().trim());
                field.setLength(0);
                addUnlessBlank(rows, row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        row.add(field.toString().trim());
        addUnlessBlank(rows, row);
        return rows;
    }

    private static void addUnlessBlank(List<List<String>> rows, List<String> row) {
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
            rows.add(row);
        }
    }
}
