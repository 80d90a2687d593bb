package nl.meedoen.consultation.export;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Predicate;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.ConsultationConfig;

/**
 * Exports written by jobs, stored in {@code response_export} with their bytes in chunks of at most
 * {@value #CHUNK} bytes: written and read a chunk at a time, each in its own short statement (autocommit,
 * outside any transaction), so neither side ever holds a whole file in memory or a transaction open.
 */
@ApplicationScoped
public class ExportStore {

    static final int CHUNK = 1 << 20;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConsultationConfig config;

    /** An export as the download reads it: which file it is, how much of it was written, and until when it is kept. */
    public record Stored(
            UUID id,
            UUID consultationId,
            File file,
            Written written,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {}

    /** What the export is: its format ({@code responses.csv}, ...), CSV dialect (null for pabulib), name and media type. */
    public record File(String format, String dialect, String filename, String mediaType) {}

    /** How far writing got: complete once downloadable, the responses, bytes and chunks written. */
    public record Written(boolean complete, long rows, long bytes, int chunks) {}

    /** A complete, unexpired file of this consultation whose format passes; otherwise a 404 naming {@code what}. */
    public Stored downloadable(UUID consultationId, UUID id, Predicate<String> format, String what) {
        Stored stored = find(id);
        if (stored == null
                || !stored.consultationId().equals(consultationId)
                || !format.test(stored.file().format())
                || !stored.written().complete()
                || stored.expiresAt().isBefore(OffsetDateTime.now())) {
            throw ProblemException.notFound(what + " " + id + " of consultation " + consultationId);
        }
        return stored;
    }

    /** The file as an attachment, streamed a chunk at a time, with its name and length. */
    public Response attachment(Stored stored, String mediaType) {
        StreamingOutput body = out -> copy(stored, out);
        return Response.ok(body, mediaType)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + stored.file().filename() + "\"")
                .header("Content-Length", stored.written().bytes())
                .build();
    }

    /** What fills an export's bytes; returns how many rows (responses, forms) it wrote. */
    @FunctionalInterface
    public interface Content {
        long write(OutputStream out) throws IOException;
    }

    /**
     * Writes a whole export as a job does: begins it, fills it, stores its last chunk and marks it downloadable. A
     * failure or a cancellation deletes it, so no half file can be downloaded.
     */
    public Stored write(JobContext context, UUID consultationId, File file, String requestedBy, Content content) {
        UUID id = context.id();
        begin(id, consultationId, file, requestedBy == null ? "system" : requestedBy);
        try {
            ChunkStream out = open(id);
            long rows = content.write(out);
            context.checkCancelled();
            context.progress("storing the file");
            out.close();
            return complete(id, rows, out);
        } catch (IOException e) {
            delete(id);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(id); // cancelled or failed: no half file to download
            throw e;
        }
    }

    /** Starts (or, for a job that runs again after a restart, restarts) an export: whatever an earlier attempt wrote is dropped. */
    void begin(UUID id, UUID consultationId, File file, String requestedBy) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        update("DELETE FROM response_export WHERE id = ?", id);
        update(
                "INSERT INTO response_export (id, consultation_id, format, dialect, filename, media_type, requested_by, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                consultationId,
                file.format(),
                file.dialect(),
                file.filename(),
                file.mediaType(),
                requestedBy,
                now,
                now.plus(config.exportRetention()));
    }

    /** A stream whose bytes go into the export's chunks; {@link ChunkStream#close()} writes the last one. */
    ChunkStream open(UUID id) {
        return new ChunkStream(id);
    }

    /** Marks the export downloadable; it expires a retention period from now. */
    Stored complete(UUID id, long rows, ChunkStream written) {
        update(
                "UPDATE response_export SET complete = true, rows_written = ?, bytes = ?, chunks = ?, expires_at = ? WHERE id = ?",
                rows,
                written.bytes(),
                written.chunks(),
                OffsetDateTime.now(ZoneOffset.UTC).plus(config.exportRetention()),
                id);
        return find(id);
    }

    public void delete(UUID id) {
        update("DELETE FROM response_export WHERE id = ?", id);
    }

    /** Retention: deletes the exports past their expiry (their chunks go with them). */
    public int deleteExpired() {
        return update("DELETE FROM response_export WHERE expires_at < ?", OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The export, or null. */
    public Stored find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, consultation_id, format, dialect, filename, media_type, complete,"
                                + " rows_written, bytes, chunks, created_at, expires_at FROM response_export WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Stored(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        new File(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                        new Written(rs.getBoolean(7), rs.getLong(8), rs.getLong(9), rs.getInt(10)),
                        rs.getObject(11, OffsetDateTime.class),
                        rs.getObject(12, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the export's bytes to {@code out}, one chunk (one query) at a time. */
    public void copy(Stored export, OutputStream out) throws IOException {
        for (int seq = 0; seq < export.written().chunks(); seq++) {
            byte[] data;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT data FROM response_export_chunk WHERE export_id = ? AND seq = ?")) {
                ps.setObject(1, export.id());
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IOException(
                                "export " + export.id() + " lost chunk " + seq + " (expired while being read?)");
                    }
                    data = rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            out.write(data);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Buffers up to one chunk and stores it when full. */
    public final class ChunkStream extends OutputStream {

        private final UUID id;
        private final byte[] buffer = new byte[CHUNK];
        private int used;
        private int chunks;
        private long bytes;
        private boolean closed;

        private ChunkStream(UUID id) {
            this.id = id;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                store();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    store();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        /** Stores what is buffered as the last chunk (idempotent). */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (used > 0) {
                    store();
                }
            }
        }

        public long bytes() {
            return bytes;
        }

        public int chunks() {
            return chunks;
        }

        private void store() throws IOException {
            try {
                update(
                        "INSERT INTO response_export_chunk (export_id, seq, data) VALUES (?, ?, ?)",
                        id,
                        chunks,
                        Arrays.copyOf(buffer, used));
            } catch (IllegalStateException e) {
                throw new IOException(e);
            }
            chunks++;
            bytes += used;
            used = 0;
        }
    }
}
