package nl.meedoen.notification.letter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;
import nl.meedoen.commons.problem.ProblemException;

/**
 * A print batch as a job: collect the waiting letters into a batch (one short transaction), render its PDF once
 * (no transaction held; progress in letters) and store it, so letters.pdf serves it at once. Resumable: run
 * again after a restart it finds the batch it made and only renders. When the PDF cannot be made the batch is
 * undone (its letters wait again), so a failed job leaves nothing half-written. The same handler, as kind
 * {@code print-batch-pdf}, renders the PDF of an existing batch that has none.
 */
@ApplicationScoped
public class PrintBatchJob implements JobHandler {

    public static final String KIND = "print-batch";
    /** One collection at a time: two would only race for the same letters. */
    public static final String SUBJECT = "waiting-letters";

    /** What a print-batch job reads: the most letters to collect, and the one source to collect them of (null: every source). */
    public record Input(Integer limit, String source) {}

    @Inject
    PrintBatchService batches;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean cancellable() {
        return false; // at most 5,000 pages: it runs to its end in seconds
    }

    @Override
    public JobOutcome run(JobContext context) throws IOException {
        Input in = context.input(Input.class);
        if (in == null || in.limit() == null || in.limit() < 1 || in.limit() > PrintBatchService.MAX_LETTERS) {
            throw ProblemException.invalidField("limit", "between 1 and " + PrintBatchService.MAX_LETTERS);
        }
        context.progress("collecting letters");
        PrintBatchService.BatchView batch = batches.madeBy(context.id());
        boolean made = batch == null;
        if (made) {
            batch = batches.create(
                    in.limit(), in.source(), context.id()); // 409 problem when none is waiting: nothing written
        } else if (batches.storedPdf(batch.id()) != null) {
            return outcome(batch); // stored just before a restart
        }
        try {
            render(batch.id(), context);
        } catch (IOException | RuntimeException e) {
            if (batch.status() == PrintBatch.Status.CREATED) {
                batches.undo(batch.id());
            }
            throw e;
        }
        return outcome(batch);
    }

    private static JobOutcome outcome(PrintBatchService.BatchView batch) {
        return new JobOutcome(
                "/api/v1/print-batches/" + batch.id(), Map.of("batch", batch.id(), "letters", batch.letters()));
    }

    /** Renders the batch's PDF and stores it; progress is the letters rendered. */
    void render(UUID id, JobContext context) throws IOException {
        List<PrintBatchService.Entry> entries = batches.entries(id);
        long total = entries.size();
        context.progress("rendering letters", 0, total);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024 + entries.size() * 4096);
        LetterPdf.write(
                () -> new Iterator<>() {
                    private final Iterator<PrintBatchService.Entry> it = entries.iterator();
                    private long done;

                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    public LetterPdf.Letter next() {
                        context.progress("rendering letters", done++, total);
                        return it.next().letter();
                    }
                },
                pdf);
        context.progress("storing the PDF", total, total);
        batches.storePdf(id, pdf.toByteArray());
    }

    /** The PDF of an existing batch that has none (made before PDFs were stored, or dropped by an erasure). */
    @ApplicationScoped
    public static class Pdf implements JobHandler {

        public static final String KIND = "print-batch-pdf";

        @Inject
        PrintBatchService batches;

        @Inject
        PrintBatchJob job;

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public boolean resumable() {
            return true;
        }

        @Override
        public boolean cancellable() {
            return false;
        }

        @Override
        public JobOutcome run(JobContext context) throws IOException {
            UUID id = UUID.fromString(context.subject());
            if (batches.storedPdf(id) == null) {
                job.render(id, context);
            }
            return new JobOutcome("/api/v1/print-batches/" + id + "/letters.pdf", Map.of("batch", id));
        }
    }
}
