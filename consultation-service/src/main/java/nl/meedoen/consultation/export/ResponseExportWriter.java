package nl.meedoen.consultation.export;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvWriter;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.consultation.questionnaire.QuestionnaireStore;

/**
 * Writes a response export, the same bytes whether a synchronous route streams it or a job stores it:
 * {@link #plan} (inside the caller's transaction: the questionnaire, and a 409 for a PWE format on a
 * consultation without PWE) and then {@link #write} (no transaction needed), which reads the responses in
 * one read-only snapshot with a cursor, {@value #PAGE} rows at a time, so memory stays bounded at any size.
 */
@ApplicationScoped
public class ResponseExportWriter {

    static final int PAGE = 1000;

    @Inject
    QuestionnaireStore questionnaires;

    @Inject
    ConsultationService consultations;

    @Inject
    AgroalDataSource dataSource;

    /** How the head of an export is written, once the number of responses is known. */
    @FunctionalInterface
    public interface Head {
        void write(CsvWriter out, long responses);
    }

    /** How one response is written; {@code n} counts from 1. */
    @FunctionalInterface
    public interface Row {
        void write(CsvWriter out, long n, ResponseRow response);
    }

    /** Told after each row; may throw to stop (a cancelled job). */
    @FunctionalInterface
    public interface Progress {
        void rows(long done, long total);
    }

    /** An export, ready to write. */
    public record Plan(
            UUID consultationId,
            ExportFormat format,
            CsvDialect dialect,
            String filename,
            String mediaType,
            Head head,
            Row row) {}

    /** Checks that the export applies to the consultation and prepares it; call inside a transaction. */
    public Plan plan(Consultation c, ExportFormat format, CsvDialect dialect) {
        return switch (format) {
            case RESPONSES_CSV -> {
                Questionnaire q = questionnaires.load(c.id, c.questionnaireVersion);
                boolean withDate = !c.anonymous(); // ANONYMOUS: not even the day
                yield new Plan(
                        c.id,
                        format,
                        dialect,
                        "responses.csv",
                        CsvDialect.MEDIA_TYPE,
                        (out, n) -> out.row(ResponseExports.csvHeader(q, withDate)),
                        (out, n, r) -> out.row(ResponseExports.csvRow(q, r, withDate)));
            }
            case PORTCHOICE_CSV -> {
                Question pwe = pwe(c);
                yield new Plan(
                        c.id,
                        format,
                        dialect,
                        "portchoice.csv",
                        CsvDialect.MEDIA_TYPE,
                        (out, n) -> out.row(ResponseExports.portchoiceHeader(pwe)),
                        (out, n, r) -> out.row(ResponseExports.portchoiceRow(pwe, r)));
            }
            case PABULIB_PB -> {
                Question pwe = pwe(c);
                List<String> languages = consultations.languages(c);
                String title = consultations.texts(c.title).get(languages.get(0));
                LocalDate begin = c.openedAt == null ? null : c.openedAt.toLocalDate();
                LocalDate end = c.closedAt == null ? null : c.closedAt.toLocalDate();
                String id = c.id.toString();
                yield new Plan(
                        c.id,
                        format,
                        ResponseExports.PABULIB,
                        "consultation-" + c.id + ".pb",
                        "text/plain; charset=UTF-8",
                        (out, n) -> ResponseExports.pabulibHead(out, title, id, pwe, languages.get(0), n, begin, end),
                        (out, n, r) -> ResponseExports.pabulibVote(out, n, pwe, r));
            }
        };
    }

    /** The number of responses of a consultation (for the synchronous routes' limit). */
    public long count(UUID consultationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps =
                        connection.prepareStatement("SELECT count(*) FROM response WHERE consultation_id = ?")) {
            ps.setObject(1, consultationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the export to {@code output} (flushed, not closed) and returns the number of responses written.
     * The count in the head and the rows come from one snapshot, so they agree even while responses arrive.
     */
    public long write(Plan plan, OutputStream output, Progress progress) {
        CsvWriter csv = CsvWriter.open(output, plan.dialect());
        long n = 0;
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                long total;
                try (PreparedStatement ps =
                        connection.prepareStatement("SELECT count(*) FROM response WHERE consultation_id = ?")) {
                    ps.setObject(1, plan.consultationId());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                plan.head().write(csv, total);
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT id, submitted_on, answers FROM response WHERE consultation_id = ? ORDER BY id")) {
                    ps.setFetchSize(PAGE);
                    ps.setObject(1, plan.consultationId());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ResponseRow row = new ResponseRow(
                                    rs.getString(1),
                                    rs.getObject(2, LocalDate.class),
                                    StoredJson.read(rs.getString(3), new TypeReference<Map<String, Object>>() {}));
                            plan.row().write(csv, ++n, row);
                            if (progress != null) {
                                progress.rows(n, total);
                            }
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        csv.flush();
        return n;
    }

    private Question pwe(Consultation c) {
        Question pwe = ResponseExports.pweQuestion(questionnaires.load(c.id, c.questionnaireVersion));
        if (pwe == null) {
            throw ProblemException.conflict("this consultation has no PWE block");
        }
        return pwe;
    }
}
