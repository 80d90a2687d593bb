package nl.meedoen.notification.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path.Node;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.annotation.ElementType;
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
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.job.JobCancelledException;
import nl.meedoen.commons.job.JobConfig;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.NotificationConfig;
import nl.meedoen.notification.tenant.TenantRegister;
import nl.meedoen.notification.tenant.TenantRequest;

/**
 * Bulk import of the register. The upload is streamed to a spool file (never held in memory; size
 * and row count checked on the way: 413 above the limits), staged in the database and processed by a
 * {@code tenant-import} job (commons) a chunk at a time with the single API's rules, set-based ({@link
 * TenantRegister#upsertAll}), so re-importing a file changes nothing.
 * Every row is validated; rejected rows are reported with their reasons and the good rows still go in.
 */
@ApplicationScoped
public class ImportService {

    static final java.util.regex.Pattern TENANT_REF = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    EntityManager em;

    @Inject
    TenantRegister register;

    /**
     * The request's constraints as the API checks them, without asking Hibernate ORM at each property whether it is
     * loaded (the default, for entities: a row is a record, always loaded, and the asking cost a third of validating).
     */
    private Validator validator;

    @Inject
    jakarta.validation.ValidatorFactory validation;

    @jakarta.annotation.PostConstruct
    void createValidator() {
        validator = validation
                .unwrap(org.hibernate.validator.HibernateValidatorFactory.class)
                .usingContext()
                .traversableResolver(new AlwaysReachable())
                .enableTraversableResolverResultCache(false) // nothing to cache: it answers true
                .getValidator();
    }

    private static final class AlwaysReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object b, Node n, Class<?> r, jakarta.validation.Path p, ElementType e) {
            return true;
        }

        @Override
        public boolean isCascadable(Object b, Node n, Class<?> r, jakarta.validation.Path p, ElementType e) {
            return true;
        }
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    NotificationConfig config;

    @Inject
    Jobs jobs;

    @Inject
    JobConfig jobConfig;

    /** The job kind that processes an import. */
    public static final String JOB_KIND = "tenant-import";

    /** Bytes per staged part of an upload (a row of tenant_import_upload). */
    static final int PART_BYTES = 1 << 20;

    /** A spooled upload: its file, rows (lines after any header) and content hash. */
    public record Spooled(Path file, int rows, String sha256) {}

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
                        throw new ProblemException(
                                413,
                                "payload-too-large",
                                "Upload too large",
                                "an import may be at most " + maxBytes + " bytes",
                                null);
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
                throw new ProblemException(
                        422,
                        "validation",
                        "Request is not valid",
                        "the upload holds no rows",
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
        private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(64 * 1024);
        private java.nio.ByteBuffer pending = java.nio.ByteBuffer.allocate(0);
        private int line = 1;

        void check(byte[] buffer, int n) {
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(pending.remaining() + n)
                    .put(pending)
                    .put(buffer, 0, n)
                    .flip();
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
                throw new ProblemException(
                        422,
                        "validation",
                        "Request is not valid",
                        message,
                        List.of(new Problem.FieldError("body", message)));
            }
        }
    }

    private static ProblemException tooManyRows(int maxRows) {
        return new ProblemException(
                413, "payload-too-large", "Upload too large", "an import may hold at most " + maxRows + " rows", null);
    }

    /**
     * Creates the import in the caller's transaction: the row, the upload staged in the database (so any
     * replica can run it, also after a restart) and its job, which a runner picks up after the commit.
     */
    public ImportView create(String format, Spooled spooled) {
        if ("CSV".equals(format)) {
            checkHeader(spooled.file());
        }
        TenantImport i = new TenantImport();
        i.id = UUID.randomUUID();
        i.format = format;
        i.status = TenantImport.Status.QUEUED.name();
        i.totalRows = spooled.rows();
        i.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        i.persist();
        em.flush();
        stage(i.id, spooled.file());
        i.jobId = jobs.submit(JOB_KIND, i.id.toString(), null).id();
        return ImportView.of(i, jobConfig.path());
    }

    /** Copies the spooled upload into tenant_import_upload, a part at a time. */
    private void stage(UUID id, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int part = 0;
            for (byte[] data; (data = in.readNBytes(PART_BYTES)).length > 0; part++) {
                em.createNativeQuery("INSERT INTO tenant_import_upload (import_id, part, data) VALUES (?1, ?2, ?3)")
                        .setParameter(1, id)
                        .setParameter(2, part)
                        .setParameter(3, data)
                        .executeUpdate();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void checkHeader(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportRows.read("CSV", reader, mapper);
        } catch (IllegalArgumentException e) { // CsvException: no header, an unknown or doubled column
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    e.getMessage(),
                    List.of(new Problem.FieldError("header", e.getMessage())));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "the CSV cannot be read",
                    List.of(new Problem.FieldError("header", "the CSV cannot be read")));
        }
    }

    private record Outcome(int row, String tenantRef, TenantRequest request, List<Problem.FieldError> errors) {}

    /**
     * The work of a {@code tenant-import} job: the staged upload a chunk at a time, after the rows stored
     * already (rows are counted in the transaction that stores them, so {@code processed} is exactly what
     * is done and a resumed job goes on from there). Cancellation is checked after each chunk; the rows
     * stored before stay. The upload is deleted once the import is COMPLETED (or by {@link #reconcile} when
     * its job failed or was cancelled).
     */
    JobHandler.JobOutcome run(JobContext context) throws IOException {
        UUID id = UUID.fromString(context.subject());
        TenantImport job = QuarkusTransaction.requiringNew().call(() -> {
            TenantImport i = TenantImport.findById(id);
            if (i != null && !finished(i)) {
                i.status = TenantImport.Status.RUNNING.name();
            }
            return i;
        });
        if (job == null) {
            throw ProblemException.notFound("import " + id);
        }
        if (finished(job)) {
            return outcome(job); // finished just before a restart: nothing left to do
        }
        int processed = job.processed;
        context.progress("importing rows", processed, (long) job.totalRows);
        try (Reader reader =
                new java.io.BufferedReader(new java.io.InputStreamReader(new Upload(id), StandardCharsets.UTF_8))) {
            Iterator<ImportRows.Row> rows = ImportRows.read(job.format, reader, mapper);
            for (int skip = processed; skip > 0 && rows.hasNext(); skip--) {
                rows.next();
            }
            try (ReadAhead chunks = new ReadAhead(rows, config.importing().chunkSize())) {
                for (List<Outcome> chunk; (chunk = chunks.next()) != null; ) {
                    processed = store(id, chunk, processed);
                    context.progress("importing rows", processed, (long) job.totalRows);
                    context.checkCancelled();
                }
            }
        }
        context.progress("importing rows", processed, (long) job.totalRows);
        context.checkCancelled();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery(
                            "UPDATE tenant_import SET status = 'COMPLETED', finished_at = now() WHERE id = ?1 AND status = 'RUNNING'")
                    .setParameter(1, id)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM tenant_import_upload WHERE import_id = ?1")
                    .setParameter(1, id)
                    .executeUpdate();
        });
        return outcome(QuarkusTransaction.requiringNew().call(() -> TenantImport.<TenantImport>findById(id)));
    }

    private static boolean finished(TenantImport i) {
        return !TenantImport.Status.QUEUED.name().equals(i.status)
                && !TenantImport.Status.RUNNING.name().equals(i.status);
    }

    private static JobHandler.JobOutcome outcome(TenantImport i) {
        if (!TenantImport.Status.COMPLETED.name().equals(i.status)) {
            throw new ProblemException(
                    409, "import-finished", "Import has finished", "the import is " + i.status, null);
        }
        return new JobHandler.JobOutcome(
                "/api/v1/tenant-imports/" + i.id,
                Map.of(
                        "totalRows",
                        i.totalRows,
                        "created",
                        i.created,
                        "updated",
                        i.updated,
                        "unchanged",
                        i.unchanged,
                        "rejected",
                        i.rejected));
    }

    /**
     * An import whose job failed or was cancelled without the import hearing of it (cancelled while queued,
     * failed after its worker stopped, failed unexpectedly) takes the job's outcome, and its staged upload
     * is deleted. Run before an import is read and every minute.
     */
    @io.quarkus.scheduler.Scheduled(
            every = "1m",
            delayed = "10s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ended = em.createNativeQuery("""
                            UPDATE tenant_import i SET status = CASE WHEN j.status = 'CANCELLED' THEN 'CANCELLED' ELSE 'FAILED' END,
                                   finished_at = coalesce(j.finished_at, now())
                            FROM job j WHERE j.id = i.job_id AND i.status IN ('QUEUED', 'RUNNING') AND j.status IN ('FAILED', 'CANCELLED')
                            RETURNING i.id""").getResultList();
            if (!ended.isEmpty()) {
                em.createNativeQuery("DELETE FROM tenant_import_upload WHERE import_id = ANY(?1)")
                        .setParameter(1, ended.toArray(UUID[]::new))
                        .executeUpdate();
            }
        });
    }

    /** The staged upload read back a part at a time, each in a short transaction of its own. */
    private final class Upload extends InputStream {
        private final UUID id;
        private int part;
        private byte[] data = new byte[0];
        private int position;
        private boolean end;

        Upload(UUID id) {
            this.id = id;
        }

        private boolean fill() {
            while (!end && position == data.length) {
                int n = part++;
                List<?> rows = QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery(
                                        "SELECT data FROM tenant_import_upload WHERE import_id = ?1 AND part = ?2")
                                .setParameter(1, id)
                                .setParameter(2, n)
                                .getResultList());
                if (rows.isEmpty()) {
                    end = true;
                    if (n == 0) {
                        throw new ProblemException(
                                410,
                                "import-upload-gone",
                                "Upload is gone",
                                "the staged upload of import " + id + " is no longer there; upload the file again",
                                null);
                    }
                } else {
                    data = (byte[]) rows.get(0);
                    position = 0;
                }
            }
            return !end || position < data.length;
        }

        @Override
        public int read() {
            return fill() ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    /**
     * Reads and validates the rows a chunk ahead on a thread of its own, while the job's thread stores the chunk before:
     * parsing and validating cost about as much as storing, and so they overlap. Chunks come in file order; a failure
     * of the reading (the upload gone, a broken file) is thrown by {@link #next()} in its place.
     */
    private final class ReadAhead implements AutoCloseable {
        private static final Object END = new Object();
        private final java.util.concurrent.BlockingQueue<Object> ready =
                new java.util.concurrent.ArrayBlockingQueue<>(1);
        private final Thread reader;
        private volatile boolean closed;

        ReadAhead(Iterator<ImportRows.Row> rows, int chunkSize) {
            reader = new Thread(() -> read(rows, chunkSize), "tenant-import-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Iterator<ImportRows.Row> rows, int chunkSize) {
            Object last = END;
            try {
                List<Outcome> chunk = new ArrayList<>(chunkSize);
                while (!closed && rows.hasNext()) {
                    chunk.add(validate(rows.next()));
                    if (chunk.size() == chunkSize) {
                        hand(chunk);
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
                if (!chunk.isEmpty()) {
                    hand(chunk);
                }
            } catch (RuntimeException | Error e) {
                last = e;
            }
            hand(last);
        }

        private void hand(Object item) {
            try {
                while (!closed && !ready.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // the job's thread is still storing the chunk before
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }

        /** The next chunk, or null after the last. */
        @SuppressWarnings("unchecked")
        List<Outcome> next() {
            Object item;
            try {
                item = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException();
            }
            if (item == END) {
                return null;
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item instanceof Error e) {
                throw e;
            }
            return (List<Outcome>) item;
        }

        /** Stops the reading (when the job stops early) and waits for it, so the upload is not read after it is closed. */
        @Override
        public void close() {
            closed = true;
            ready.clear();
            try {
                reader.join(java.time.Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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

    /** Thrown (rolling back) when the import's count is not what this worker expected: another worker took the job over. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super("the import was taken over by another worker", null, false, false);
        }
    }

    /**
     * One chunk in one transaction; if the chunk fails as a whole, row by row so one bad row costs only itself.
     * Returns the rows processed after it. A chunk whose import no longer has {@code processed} rows done (the
     * job was taken over after this worker stalled) is not stored and stops this worker.
     */
    private int store(UUID id, List<Outcome> chunk, int processed) {
        if (chunk.isEmpty()) {
            return processed;
        }
        try {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(id, chunk, processed));
            } catch (Superseded e) {
                throw e;
            } catch (RuntimeException e) {
                int done = processed;
                for (Outcome row : chunk) {
                    int before = done;
                    try {
                        QuarkusTransaction.requiringNew().run(() -> apply(id, List.of(row), before));
                    } catch (Superseded superseded) {
                        throw superseded;
                    } catch (RuntimeException rowFailure) {
                        QuarkusTransaction.requiringNew()
                                .run(() -> apply(
                                        id,
                                        List.of(new Outcome(
                                                row.row(),
                                                row.tenantRef(),
                                                null,
                                                List.of(new Problem.FieldError("row", "could not be stored")))),
                                        before));
                    }
                    done++;
                }
            }
        } catch (Superseded e) {
            throw new JobCancelledException();
        }
        return processed + chunk.size();
    }

    /** The errors of the rejected rows, one statement for all (a row's tenantRef only when it is a valid one). */
    private void reject(UUID id, List<Outcome> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> numbers = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Outcome row : rows) {
            String ref = row.tenantRef() != null
                            && TENANT_REF.matcher(row.tenantRef()).matches()
                    ? row.tenantRef()
                    : null;
            for (Problem.FieldError error : row.errors()) {
                numbers.add(row.row());
                refs.add(ref);
                fields.add(error.field());
                messages.add(error.message());
            }
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO tenant_import_error (import_id, row_number, tenant_ref, field, message)
                    SELECT ?, r, t, f, m FROM unnest(?::int[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS x(r, t, f, m, n)
                    ORDER BY n ON CONFLICT DO NOTHING""")) {
                ps.setObject(1, id);
                ps.setArray(2, connection.createArrayOf("int4", numbers.toArray()));
                ps.setArray(3, connection.createArrayOf("text", refs.toArray()));
                ps.setArray(4, connection.createArrayOf("text", fields.toArray()));
                ps.setArray(5, connection.createArrayOf("text", messages.toArray()));
                ps.executeUpdate();
            }
        });
    }

    /**
     * Stores a chunk: its rejected rows' errors in one statement, its good rows through {@link TenantRegister#upsertAll}
     * (the single API's values, versions and events, set-based), and its counts, if the import still has
     * {@code processed} rows done.
     */
    private void apply(UUID id, List<Outcome> chunk, int processed) {
        List<Outcome> rejectedRows = new ArrayList<>();
        List<TenantRegister.Upsert> upserts = new ArrayList<>(chunk.size());
        for (Outcome row : chunk) {
            if (row.errors().isEmpty()) {
                upserts.add(new TenantRegister.Upsert(row.tenantRef(), row.request()));
            } else {
                rejectedRows.add(row);
            }
        }
        reject(id, rejectedRows);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (TenantRegister.Outcome outcome : register.upsertAll(upserts)) {
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        int rejected = rejectedRows.size();
        int counted = em.createNativeQuery("""
                        UPDATE tenant_import SET processed = processed + ?2, created = created + ?3, updated = updated + ?4,
                               unchanged = unchanged + ?5, rejected = rejected + ?6 WHERE id = ?1 AND processed = ?7 AND status = 'RUNNING'""")
                .setParameter(1, id)
                .setParameter(2, chunk.size())
                .setParameter(3, created)
                .setParameter(4, updated)
                .setParameter(5, unchanged)
                .setParameter(6, rejected)
                .setParameter(7, processed)
                .executeUpdate();
        if (counted == 0) {
            throw new Superseded();
        }
    }

    public ImportView get(UUID id) {
        reconcile();
        return QuarkusTransaction.requiringNew().call(() -> {
            TenantImport i = TenantImport.findById(id);
            if (i == null) {
                throw ProblemException.notFound("import " + id);
            }
            return ImportView.of(i, jobConfig.path());
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
                    .setParameter(1, id)
                    .setParameter(2, row)
                    .setParameter(3, field)
                    .setMaxResults(page.limit() + 1)
                    .getResultList();
            List<ImportView.RowError> errors = rows.stream()
                    .map(r -> new ImportView.RowError(
                            ((Number) r[0]).intValue(), (String) r[1], (String) r[2], (String) r[3]))
                    .toList();
            return page.page(errors, e -> e.row() + "\n" + e.field());
        });
    }
}
