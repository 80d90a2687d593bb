package nl.meedoen.consultation.paper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.job.JobContext;
import nl.meedoen.commons.job.JobHandler;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.consultation.export.ExportStore;
import nl.meedoen.consultation.invitation.InvitationTokens;
import nl.meedoen.consultation.lifecycle.Consultation;

/**
 * Prints the paper forms of a consultation's invitations into one PDF, one form per invitation still unanswered when
 * the job runs, ordered by short code (so they go into envelopes in the order of letters sorted the same way), and
 * stores it with the exports (chunks, expiring like them). Resumable: a rerun after a restart starts over and drops
 * what the earlier attempt wrote; a cancelled or failed job leaves nothing behind.
 */
@ApplicationScoped
public class PaperFormJob implements JobHandler {

    public static final String KIND = "paper-forms";

    @Inject
    PaperForms forms;

    @Inject
    InvitationTokens tokens;

    @Inject
    ExportStore store;

    @Inject
    EntityManager em;

    /**
     * What the job reads: invitation ids (no names, no codes: those are derived again here), the language (null: each
     * invitation's own) and who asked (a client id).
     */
    public record Input(UUID consultationId, String language, List<UUID> invitations, String requestedBy) {}

    private record Plan(List<PaperForm.Form> forms, int answered) {}

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome run(JobContext context) {
        UUID id = context.id();
        Input in = context.input(Input.class);
        context.progress("preparing");
        Plan plan = QuarkusTransaction.requiringNew().call(() -> plan(in));
        if (plan.forms().isEmpty()) {
            throw ProblemException.conflict(
                    "no-open-invitations",
                    "every invitation of consultation " + in.consultationId() + " asked for was answered meanwhile:"
                            + " no form to print");
        }
        int total = plan.forms().size();
        ExportStore.Stored stored = store.write(
                context,
                in.consultationId(),
                new ExportStore.File(PaperForms.FORMAT, null, "paper-forms-" + in.consultationId() + ".pdf", MEDIA),
                in.requestedBy(),
                out -> {
                    PaperForm.write(plan.forms(), out, done -> {
                        context.progress("printing forms", done, (long) total);
                        context.checkCancelled();
                    });
                    return total;
                });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("formsId", id);
        result.put("forms", plan.forms().size());
        result.put("answeredMeanwhile", plan.answered());
        result.put("bytes", stored.written().bytes());
        result.put("expiresAt", stored.expiresAt().toString());
        return new JobOutcome(location(in.consultationId(), id), result);
    }

    static final String MEDIA = "application/pdf";

    public static String location(UUID consultationId, UUID formsId) {
        return "/api/v1/consultations/" + consultationId + "/paper-forms/" + formsId;
    }

    /**
     * The forms of the invitations still unanswered, sorted by code: each in the language asked, else in its
     * invitation's (the language of the tenant's letter).
     */
    private Plan plan(Input in) {
        Consultation c = Consultation.findById(in.consultationId());
        if (c == null) {
            throw ProblemException.notFound("consultation " + in.consultationId());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> open = em.createNativeQuery(
                        "SELECT id, language FROM invitation WHERE consultation_id = ?1 AND id IN (?2)"
                                + " AND status <> 'COMPLETED' AND short_code_hash IS NOT NULL")
                .setParameter(1, c.id)
                .setParameter(2, in.invitations())
                .getResultList();
        Map<String, PaperForm.Sheet> sheets = new HashMap<>();
        List<PaperForm.Form> printed = new ArrayList<>();
        for (Object[] invitation : open) {
            String language = in.language() != null ? in.language() : (String) invitation[1];
            PaperForm.Sheet sheet = sheets.computeIfAbsent(String.valueOf(language), l -> forms.sheet(c, language));
            printed.add(new PaperForm.Form(sheet, tokens.shortCode((UUID) invitation[0])));
        }
        printed.sort(Comparator.comparing(PaperForm.Form::code));
        return new Plan(printed, in.invitations().size() - printed.size());
    }
}
