package nl.meedoen.commons.csv;

/** A CSV that cannot be read at all (no header, a duplicate column, not UTF-8): where and why. */
public class CsvException extends IllegalArgumentException {

    private final long line;
    private final String column;

    public CsvException(long line, String column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the file (the header is line 1), 0 when it is not about one line. */
    public long line() {
        return line;
    }

    /** The column it is about, or null. */
    public String column() {
        return column;
    }
}
