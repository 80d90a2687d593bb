package nl.meedoen.panel.panel;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.security.Caller;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Writes and reads the audit trail, in the caller's transaction. */
@ApplicationScoped
public class AuditTrail {

    @Schema(name = "AuditEntry", description = "Who did what, when")
    public record View(
            long id,
            String subject,
            String action,
            String party,
            String actor,
            OffsetDateTime at,
            Map<String, Object> detail) {}

    @Inject
    SecurityIdentity identity;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID panelId, String subject, String action, Map<String, ?> detail) {
        AuditEntry e = new AuditEntry();
        e.panelId = panelId;
        e.subject = subject;
        e.action = action;
        e.party = caller().role();
        e.actor = caller().client();
        e.at = OffsetDateTime.now(ZoneOffset.UTC);
        e.detail = detail == null || detail.isEmpty() ? null : StoredJson.write(detail);
        e.persist();
    }

    /** @param subject null for the whole panel, else e.g. {@code theme:<id>} */
    public Page<View> list(UUID panelId, String subject, PageRequest page) {
        long after = afterId(page);
        List<AuditEntry> rows = subject == null
                ? AuditEntry.find("panelId = ?1 and id > ?2 order by id", panelId, after)
                        .page(0, page.limit() + 1)
                        .list()
                : AuditEntry.find("panelId = ?1 and subject = ?2 and id > ?3 order by id", panelId, subject, after)
                        .page(0, page.limit() + 1)
                        .list();
        return page.page(rows.stream().map(AuditTrail::view).toList(), v -> Long.toString(v.id()));
    }

    public List<View> all(UUID panelId, String subject) {
        List<AuditEntry> rows = AuditEntry.find("panelId = ?1 and subject = ?2 order by id", panelId, subject)
                .list();
        return rows.stream().map(AuditTrail::view).toList();
    }

    private static long afterId(PageRequest page) {
        if (page.afterKey() == null) {
            return 0;
        }
        try {
            return Long.parseLong(page.afterKey());
        } catch (NumberFormatException e) {
            throw nl.meedoen.commons.problem.ProblemException.invalidField(
                    "after", "not a cursor returned by this API");
        }
    }

    static View view(AuditEntry e) {
        Map<String, Object> detail = e.detail == null ? null : StoredJson.read(e.detail, new TypeReference<>() {});
        return new View(e.id, e.subject, e.action, e.party, e.actor, e.at, detail);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
