package nl.meedoen.commons.csv;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;

/** The response of a CSV export endpoint: streamed in the requested dialect, as a download. */
public final class CsvExport {

    /** Writes the rows of one export. */
    @FunctionalInterface
    public interface Body {
        void write(CsvWriter csv) throws IOException;
    }

    private CsvExport() {}

    /**
     * 200 {@code text/csv; charset=UTF-8} with {@code Content-Disposition: attachment}. The dialect is resolved by the caller
     * (with {@link CsvDialect#fromParameter}) before anything is streamed, so a bad {@code ?dialect=} is a 400, not a broken download.
     */
    public static Response attachment(String filename, CsvDialect dialect, Body body) {
        StreamingOutput output = out -> {
            CsvWriter csv = CsvWriter.open(out, dialect);
            body.write(csv);
            csv.flush(); // the container closes the stream
        };
        return Response.ok(output, CsvDialect.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
