package nl.meedoen.consultation.export;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.lifecycle.Consultation;

/**
 * A response export as a job: prepare (short transaction), then stream the responses from one database
 * snapshot, a page at a time, into the export's chunks (progress done/total per response; cancellable
 * between rows), then mark it downloadable. Resumable: after a restart it starts again from the first row
 * and drops what the earlier attempt wrote. A cancelled or failed export leaves nothing behind.
 */
@ApplicationScoped
public class ResponseExportJob implements JobHandler {

    public static final String KIND = "response-export";

    @Inject
    ResponseExportWriter writer;

    @Inject
    ExportStore store;

    /** What the job reads: no personal data, only what to export and for whom (a client id). */
    public record Input(UUID consultationId, String format, String dialect, String requestedBy) {}

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome run(JobContext context) {
        Input in = context.input(Input.class);
        UUID exportId = context.id();
        ExportFormat format = ExportFormat.parse(in.format());
        CsvDialect dialect = format.csv() ? CsvDialect.fromParameter(in.dialect()) : ResponseExports.PABULIB;
        context.progress("preparing");
        ResponseExportWriter.Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            Consultation c = Consultation.findById(in.consultationId());
            if (c == null) {
                throw ProblemException.notFound("consultation " + in.consultationId());
            }
            return writer.plan(c, format, dialect);
        });
        ExportStore.Stored stored = store.write(
                context,
                in.consultationId(),
                new ExportStore.File(
                        format.id(), format.csv() ? dialect.name() : null, plan.filename(), plan.mediaType()),
                in.requestedBy(),
                out -> writer.write(plan, out, (done, total) -> {
                    context.progress("writing responses", done, total);
                    context.checkCancelled();
                }));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("exportId", exportId);
        result.put("format", format.id());
        if (format.csv()) {
            result.put("dialect", dialect.name());
        }
        result.put("responses", stored.written().rows());
        result.put("bytes", stored.written().bytes());
        result.put("expiresAt", stored.expiresAt().toString());
        return new JobOutcome(location(in.consultationId(), exportId), result);
    }

    public static String location(UUID consultationId, UUID exportId) {
        return "/api/v1/consultations/" + consultationId + "/exports/" + exportId;
    }
}
