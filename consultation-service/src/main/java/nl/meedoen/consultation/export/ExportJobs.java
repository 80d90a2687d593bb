package nl.meedoen.consultation.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.lifecycle.Caller;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
        ExportFormat format = ExportFormat.parse(request == null ? null : request.format());
        String dialect = request == null ? null : request.dialect();
        CsvDialect csvDialect;
        if (format.csv()) {
            csvDialect = CsvDialect.fromParameter(dialect);
        } else if (dialect != null && !dialect.isBlank()) {
            throw ProblemException.invalidField("dialect", "pabulib.pb has a fixed layout and takes no dialect");
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
        // one live job per consultation, format, dialect and caller: a double click is a 409 naming the job the caller can follow
        String subject = c.id + "/" + format.id() + (dialectName == null ? "" : "/" + dialectName) + "/" + caller.client();
        return jobs.submit(ResponseExportJob.KIND, subject, new ResponseExportJob.Input(c.id, format.id(), dialectName, caller.client()));
    }
}
