package nl.meedoen.consultation.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;

/** Starts response exports as jobs: every check (access, format, dialect, PWE) is made here, so a refused request queues nothing. */
@ApplicationScoped
public class ExportJobs {

    @Inject
    ConsultationService consultations;

    @Inject
    ResponseExportWriter writer;

    @Inject
    Jobs jobs;

    @Inject
    AuditLog audit;

    @Transactional
    public JobView start(UUID id, ExportRequest request, Caller caller) {
        Consultation c = consultations.forResponses(id, caller, "export job");
        // no body at all is a malformed request (400); a body naming a wrong format or dialect breaks a field rule
        // (422)
        ExportFormat format =
                request == null ? ExportFormat.parse(null) : asFieldRule(() -> ExportFormat.parse(request.format()));
        String dialect = request == null ? null : request.dialect();
        CsvDialect csvDialect;
        if (format.csv()) {
            csvDialect = asFieldRule(() -> CsvDialect.fromParameter(dialect));
        } else if (dialect != null && !dialect.isBlank()) {
            throw ProblemException.fieldRules(
                    List.of(new Problem.FieldError("dialect", "pabulib.pb has a fixed layout and takes no dialect")));
        } else {
            csvDialect = ResponseExports.PABULIB;
        }
        writer.plan(c, format, csvDialect); // 409 for a PWE format without PWE, before anything is queued
        String dialectName = format.csv() ? csvDialect.name() : null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.id());
        if (dialectName != null) {
            details.put("dialect", dialectName);
        }
        details.put("as", "job");
        audit.record("consultation.responses.exported", "consultation", id.toString(), details);
        // one live job per consultation, format, dialect and caller: a double click is a 409 naming the job the caller
        // can follow
        String subject =
                c.id + "/" + format.id() + (dialectName == null ? "" : "/" + dialectName) + "/" + caller.client();
        return jobs.submit(
                ResponseExportJob.KIND,
                subject,
                new ResponseExportJob.Input(c.id, format.id(), dialectName, caller.client()));
    }

    /** format and dialect arrive in a body here: a wrong value is a field rule (422), not the query parameter's 400. */
    private static <T> T asFieldRule(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ProblemException e) {
            if (e.status() != 400 || e.errors().isEmpty()) {
                throw e;
            }
            throw ProblemException.fieldRules(e.errors());
        }
    }
}
