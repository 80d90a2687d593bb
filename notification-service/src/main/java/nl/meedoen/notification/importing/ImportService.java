package nl.meedoen.notification.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.NotificationConfig;
import nl.meedoen.notification.tenant.TenantRegister;
import nl.meedoen.notification.tenant.TenantRequest;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bulk import of the register. The upload is streamed to a spool file (never held in memory; size
 * and row count checked on the way: 413 above the limits), then processed in the background a
 * chunk at a time through the same upsert as the single API, so re-importing a file changes nothing.
 * Every row is validated; rejected rows are reported with their reasons and the good rows still go in.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final java.util.regex.Pattern TENANT_REF = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    EntityManager em;

    @Inject
    TenantRegister register;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper mapper;

    @Inject
    NotificationConfig config;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tenant-import");
        t.setDaemon(true);
        return t;
    });

    /** Fired when an import was created: it starts once that transaction has committed. */
    public record Created(UUID id) {
    }

    @Inject
    jakarta.enterprise.event.Event<Created> created;

    void onCreated(@Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS) Created event) {
        submit(event.id());
    }

    /** A spooled upload: its file, rows (lines after any header) and content hash. */
    public record Spooled(Path file, int rows, String sha256) {
    }

    /** The imports this process holds (queued or running): it vouches for them with a heartbeat. */
    private final java.util.Set<UUID> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @io.quarkus.scheduler.Scheduled(every = "30s", delayed = "5s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        if (!held.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "UPDATE tenant_import SET heartbeat_at = now() WHERE id = ANY(?1)")
                    .setParameter(1, held.toArray(UUID[]::new)).executeUpdate());
        }
        takeOverStale();
    }

    /**
     * An unfinished import nobody vouched for lately lost its process (crash, stop, pod replaced). The
     * replica that still has its spool file (a restarted container keeps its /tmp volume) claims it and
     * resumes after the rows already stored; when no replica has the file for twice as long, it fails.
     * Imports other replicas are running keep their heartbeat and are left alone.
     */
    void takeOverStale() {
        java.time.Duration stale = config.importing().staleAfter();
        List<UUID> claimed = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> candidates = em.createNativeQuery("""
                            SELECT id, spool_path, coalesce(heartbeat_at, created_at) < now() - 2 * ?1 * interval '1 millisecond'
                            FROM tenant_import
                            WHERE status IN ('QUEUED', 'RUNNING') AND coalesce(heartbeat_at, created_at) < now() - ?1 * interval '1 millisecond'
                            FOR UPDATE SKIP LOCKED""")
                    .setParameter(1, stale.toMillis()).getResultList();
            for (Object[] row : candidates) {
                UUID id = (UUID) row[0];
                if (row[1] != null && Files.exists(Path.of((String) row[1]))) {
                    em.createNativeQuery("UPDATE tenant_import SET heartbeat_at = now() WHERE id = ?1").setParameter(1, id).executeUpdate();
                    claimed.add(id);
                } else if ((Boolean) row[2]) {
                    em.createNativeQuery("UPDATE tenant_import SET status = 'FAILED', finished_at = now(), spool_path = NULL WHERE id = ?1")
                            .setParameter(1, id).executeUpdate();
                }
            }
        });
        claimed.forEach(this::submit);
    }

    private void submit(UUID id) {
        held.add(id);
        executor.submit(() -> {
            try {
                run(id);
            } finally {
                held.remove(id);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        executor.shutdownNow();
    }

    /** Set on shutdown: an import cut off by it keeps its spool file and status, for a takeover. */
    private volatile boolean stopping;

    /**
     * Streams the body to a temporary file; 413 (problem+json) as soon as a limit is passed, 422 naming the line when the
     * bytes are not UTF-8 (a CSV saved as Windows-1252 would otherwise import with its accents lost or fail halfway).
     * A CSV's rows are its line breaks outside quotes: a quoted value may hold line breaks.
     */
    public Spooled spool(InputStream body, boolean csv) throws IOException {
        Path file = Files.createTempFile("tenant-import-", ".upload");
        long maxBytes = config.importing().maxBytes();
        int maxRows = config.importing().maxRows();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Utf8Check utf8 = new Utf8Check();
            long bytes = 0;
            int lines = 0;
            boolean quoted = false;
            boolean lastWasNewline = true;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    bytes += n;
                    if (bytes > maxBytes) {
                        throw new ProblemException(413, "payload-too-large", "Upload too large",
                                "an import may be at most " + maxBytes + " bytes", null);
                    }
                    utf8.check(buffer, n);
                    for (int i = 0; i < n; i++) {
                        if (csv && buffer[i] == '"') {
                            quoted = !quoted;
                        } else if (buffer[i] == '\n' && !quoted) {
                            lines++;
                        }
                    }
                    lastWasNewline = buffer[n - 1] == '\n';
                    if (lines - (csv ? 1 : 0) > maxRows) {
                        throw tooManyRows(maxRows);
                    }
                    out.write(buffer, 0, n);
                }
            }
            utf8.end();
            int rows = (lastWasNewline ? lines : lines + 1) - (csv ? 1 : 0);
            if (rows > maxRows) {
                throw tooManyRows(maxRows);
            }
            if (bytes == 0 || rows <= 0) {
                throw new ProblemException(422, "validation", "Request is not valid", "the upload holds no rows",
                        List.of(new Problem.FieldError("body", "no rows")));
            }
            return new Spooled(file, rows, HexFormat.of().formatHex(sha.digest()));
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes the upload as it streams by, only to find the first byte that is not UTF-8 and its line. */
    private static final class Utf8Check {
        private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(64 * 1024);
        private java.nio.ByteBuffer pending = java.nio.ByteBuffer.allocate(0);
        private int line = 1;

        void check(byte[] buffer, int n) {
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(pending.remaining() + n).put(pending).put(buffer, 0, n).flip();
            decode(in, false);
            pending = in; // an incomplete character at the end waits for the next bytes
        }

        void end() {
            decode(pending, true);
        }

        private void decode(java.nio.ByteBuffer in, boolean last) {
            int start = in.position();
            java.nio.charset.CoderResult result;
            do {
                chars.clear();
                result = decoder.decode(in, chars, last);
            } while (result.isOverflow());
            int stop = in.position();
            for (int i = start; i < stop; i++) {
                if (in.get(i) == '\n') {
                    line++;
                }
            }
            if (result.isError()) {
                String message = "line " + line + " is not UTF-8 text; save the file as \"CSV UTF-8\"";
                throw new ProblemException(422, "validation", "Request is not valid", message, List.of(new Problem.FieldError("body", message)));
            }
        }
    }

    private static ProblemException tooManyRows(int maxRows) {
        return new ProblemException(413, "payload-too-large", "Upload too large", "an import may hold at most " + maxRows + " rows", null);
    }

    /** Creates the import (in the caller's transaction) and starts it after commit. */
    public ImportView create(String format, Spooled spooled) {
        if ("CSV".equals(format)) {
            checkHeader(spooled.file());
        }
        TenantImport i = new TenantImport();
        i.id = UUID.randomUUID();
        i.format = format;
        i.status = TenantImport.Status.QUEUED.name();
        i.totalRows = spooled.rows();
        i.spoolPath = spooled.file().toString();
        i.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        i.persist();
        created.fire(new Created(i.id));
        return ImportView.of(i);
    }

    private void checkHeader(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportRows.read("CSV", reader, mapper);
        } catch (IllegalArgumentException e) { // CsvException: no header, an unknown or doubled column
            throw new ProblemException(422, "validation", "Request is not valid", e.getMessage(),
                    List.of(new Problem.FieldError("header", e.getMessage())));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProblemException(422, "validation", "Request is not valid", "the CSV cannot be read",
                    List.of(new Problem.FieldError("header", "the CSV cannot be read")));
        }
    }

    private record Outcome(int row, String tenantRef, TenantRequest request, List<Problem.FieldError> errors) {
    }

    void run(UUID id) {
        TenantImport job = QuarkusTransaction.requiringNew().call(() -> {
            TenantImport i = TenantImport.findById(id);
            if (i == null || i.spoolPath == null) {
                return null; // finished meanwhile (resumed twice): nothing left to do
            }
            i.status = TenantImport.Status.RUNNING.name();
            i.heartbeatAt = OffsetDateTime.now(ZoneOffset.UTC);
            return i;
        });
        if (job == null) {
            return;
        }
        Path file = Path.of(job.spoolPath);
        boolean interrupted = false;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<ImportRows.Row> rows = ImportRows.read(job.format, reader, mapper);
            // rows are counted in the transaction that stores them, so "processed" is exactly what is done
            for (int skip = job.processed; skip > 0 && rows.hasNext(); skip--) {
                rows.next();
            }
            List<Outcome> chunk = new ArrayList<>();
            while (rows.hasNext()) {
                if (stopping) {
                    interrupted = true;
                    return;
                }
                chunk.add(validate(rows.next()));
                if (chunk.size() == config.importing().chunkSize()) {
                    store(id, chunk);
                    chunk.clear();
                }
            }
            store(id, chunk);
            finish(id, TenantImport.Status.COMPLETED);
        } catch (Exception e) {
            if (stopping) {
                interrupted = true;
                return;
            }
            LOG.errorf("import %s failed: %s", id, e.getClass().getName()); // no row content: it is personal data
            finish(id, TenantImport.Status.FAILED);
        } finally {
            try {
                if (!interrupted) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                LOG.warnf("could not delete spool file of import %s", id);
            }
        }
    }

    private Outcome validate(ImportRows.Row row) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (row.tenantRef() == null || !TENANT_REF.matcher(row.tenantRef()).matches()) {
            errors.add(new Problem.FieldError("tenantRef", "1 to 64 letters, digits or . _ -"));
        }
        if (row.error() != null) {
            errors.add(row.error());
        } else {
            for (ConstraintViolation<TenantRequest> v : validator.validate(row.request())) {
                errors.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()));
            }
        }
        errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return new Outcome(row.number(), row.tenantRef(), row.request(), errors);
    }

    /** One chunk in one transaction; if the chunk fails as a whole, row by row so one bad row costs only itself. */
    private void store(UUID id, List<Outcome> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> apply(id, chunk));
        } catch (RuntimeException e) {
            for (Outcome row : chunk) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> apply(id, List.of(row)));
                } catch (RuntimeException rowFailure) {
                    QuarkusTransaction.requiringNew().run(() -> apply(id, List.of(new Outcome(row.row(), row.tenantRef(), null,
                            List.of(new Problem.FieldError("row", "could not be stored"))))));
                }
            }
        }
    }

    private void apply(UUID id, List<Outcome> chunk) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (Outcome row : chunk) {
            if (!row.errors().isEmpty()) {
                rejected++;
                for (Problem.FieldError error : row.errors()) {
                    em.createNativeQuery("""
                                    INSERT INTO tenant_import_error (import_id, row_number, tenant_ref, field, message)
                                    VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                            .setParameter(1, id).setParameter(2, row.row())
                            .setParameter(3, row.tenantRef() != null && TENANT_REF.matcher(row.tenantRef()).matches() ? row.tenantRef() : null)
                            .setParameter(4, error.field()).setParameter(5, error.message()).executeUpdate();
                }
                continue;
            }
            TenantRegister.Upserted result = register.upsert(row.tenantRef(), row.request(), null);
            em.flush();
            em.clear(); // keep the session small: a chunk of managed tenants would make every flush slower
            if (result.created()) {
                created++;
            } else if (result.changed()) {
                updated++;
            } else {
                unchanged++;
            }
        }
        em.createNativeQuery("""
                        UPDATE tenant_import SET processed = processed + ?2, created = created + ?3, updated = updated + ?4,
                               unchanged = unchanged + ?5, rejected = rejected + ?6, heartbeat_at = now() WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, chunk.size()).setParameter(3, created).setParameter(4, updated)
                .setParameter(5, unchanged).setParameter(6, rejected).executeUpdate();
    }

    private void finish(UUID id, TenantImport.Status status) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE tenant_import SET status = ?2, finished_at = now(), spool_path = NULL WHERE id = ?1")
                .setParameter(1, id).setParameter(2, status.name()).executeUpdate());
    }

    public ImportView get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TenantImport i = TenantImport.findById(id);
            if (i == null) {
                throw ProblemException.notFound("import " + id);
            }
            return ImportView.of(i);
        });
    }

    public Page<ImportView.RowError> errors(UUID id, PageRequest page) {
        get(id);
        int afterRow = 0;
        String afterField = "";
        if (page.afterKey() != null) {
            String[] parts = page.afterKey().split("\n", 2);
            try {
                afterRow = Integer.parseInt(parts[0]);
                afterField = parts.length > 1 ? parts[1] : "";
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("after", "not a cursor returned by this API");
            }
        }
        int row = afterRow;
        String field = afterField;
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT row_number, tenant_ref, field, message FROM tenant_import_error
                            WHERE import_id = ?1 AND (row_number, field) > (?2, ?3) ORDER BY row_number, field""")
                    .setParameter(1, id).setParameter(2, row).setParameter(3, field).setMaxResults(page.limit() + 1).getResultList();
            List<ImportView.RowError> errors = rows.stream().map(r -> new ImportView.RowError(((Number) r[0]).intValue(),
                    (String) r[1], (String) r[2], (String) r[3])).toList();
            return page.page(errors, e -> e.row() + "\n" + e.field());
        });
    }
}
