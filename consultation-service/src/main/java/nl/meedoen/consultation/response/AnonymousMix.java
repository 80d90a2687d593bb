package nl.meedoen.consultation.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.invitation.InvitationTokens;
import nl.meedoen.consultation.lifecycle.Closing;
import nl.meedoen.consultation.response.SubmissionWriter.Consulted;
import nl.meedoen.consultation.response.SubmissionWriter.Motivation;
import nl.meedoen.consultation.response.SubmissionWriter.Submission;
import nl.meedoen.consultation.results.ResultCells;
import nl.meedoen.consultation.results.Tally;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Keeps an ANONYMOUS response from being linked to the invitation it used up. The invitation's completion and the
 * response must commit together (or a token could answer twice, or an answer be lost), and rows written together
 * share a transaction id and a place in the WAL. So the submission's transaction writes the response sealed
 * ({@link InvitationTokens#sealAnonymous}) into {@code anonymous_pending}; once k of one consultation wait (k =
 * {@code min-cell-size}), or when it closes, one transaction opens them all, writes them to {@code response} in
 * shuffled order with the release's day, counts them, and deletes the sealed rows. Someone with the database then
 * cannot narrow a response to fewer than k invitations, except for the last fewer than k at closing.
 *
 * <p>Counting happens here too, and a breakdown group with fewer than k invitees is not counted apart at all (the
 * respondent still counts in the whole): a counter for a group of one would be that tenant's answers.
 */
@ApplicationScoped
public class AnonymousMix {

    private static final Logger LOG = Logger.getLogger(AnonymousMix.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** What a waiting response holds, sealed: nothing of the invitation or the request it came with. */
    record Sealed(
            Consulted consultation, String answersJson, ResultCells.Respondent counted, List<Motivation> motivations) {}

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConsultationConfig config;

    @Inject
    InvitationTokens tokens;

    @Inject
    ResultCells cells;

    private final AtomicBoolean released = new AtomicBoolean();

    /** In the submission's transaction: each ANONYMOUS submission sealed, to wait for its release. */
    void hold(Connection connection, List<Submission> anonymous) throws SQLException {
        if (anonymous.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO anonymous_pending (id, consultation_id, sealed) VALUES (?, ?, ?)")) {
            for (Submission s : anonymous) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, s.consultation().id());
                ps.setBytes(
                        3,
                        tokens.sealAnonymous(
                                write(new Sealed(s.consultation(), s.answersJson(), s.counted(), s.motivations()))));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Closing releases what still waits, fewer than k or not, so the closed books count every response. */
    void onClosing(@Observes Closing closing) {
        release(closing.consultationId(), true);
    }

    /** Releases every consultation with k or more waiting (and any no longer open), then vacuums the sealed rows. */
    @Scheduled(
            every = "${meedoen.consultation.results-fold-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseDue() {
        try {
            List<UUID> due = QuarkusTransaction.requiringNew()
                    .call(() -> em.unwrap(Session.class).doReturningWork(c -> {
                        try (PreparedStatement ps = c.prepareStatement("""
                                SELECT p.consultation_id FROM anonymous_pending p JOIN consultation c ON c.id = p.consultation_id
                                GROUP BY p.consultation_id, c.status HAVING count(*) >= ? OR c.status <> 'OPEN'""")) {
                            ps.setInt(1, config.minCellSize());
                            return uuids(ps);
                        }
                    }));
            for (UUID id : due) {
                QuarkusTransaction.requiringNew().run(() -> release(id, false));
            }
            if (released.getAndSet(false)) {
                vacuum();
            }
        } catch (RuntimeException e) {
            LOG.warnf("releasing anonymous responses failed, next round retries: %s", e.toString());
        }
    }

    /**
     * In the current transaction: opens the waiting responses of one consultation and stores and counts them, when
     * k or more wait, the consultation is no longer open, or {@code all}. A scheduled round skips rows another release
     * holds; the closing one ({@code all}) waits for that release to commit, so the results read once the close is
     * answered count every response.
     *
     * @return how many were released
     */
    int release(UUID consultationId, boolean all) {
        List<Submission> responses = em.unwrap(Session.class).doReturningWork(c -> {
            boolean everything = all;
            List<UUID> ids = new ArrayList<>();
            List<Sealed> waiting = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.id, p.sealed, c.status FROM anonymous_pending p JOIN consultation c ON c.id = p.consultation_id
                    WHERE p.consultation_id = ? FOR UPDATE OF p""" + (all ? "" : " SKIP LOCKED"))) {
                ps.setObject(1, consultationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                        waiting.add(read(tokens.openAnonymous(rs.getBytes(2))));
                        everything |= !"OPEN".equals(rs.getString(3));
                    }
                }
            }
            if (waiting.isEmpty() || (!everything && waiting.size() < config.minCellSize())) {
                return List.<Submission>of();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM anonymous_pending WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                ps.executeUpdate();
            }
            LocalDate today = LocalDate.now(config.zone());
            List<Submission> opened = waiting.stream()
                    .map(w -> new Submission(
                            null, w.consultation(), today, w.answersJson(), w.counted(), w.motivations(), null, null))
                    .toList();
            SubmissionWriter.insertResponses(c, opened);
            SubmissionWriter.insertMotivations(c, opened);
            return opened;
        });
        if (!responses.isEmpty()) {
            cells.add(
                    consultationId,
                    withoutSmallGroups(
                            consultationId,
                            responses.stream().map(Submission::counted).toList()));
            released.set(true);
        }
        return responses.size();
    }

    /** The respondents just released, their profile values of groups with fewer than k invitees left out. */
    private List<ResultCells.Respondent> withoutSmallGroups(
            UUID consultationId, List<ResultCells.Respondent> respondents) {
        Map<String, Map<String, Long>> invited = new HashMap<>();
        for (String attribute : cells.attributes()) {
            Map<String, Long> byValue = new HashMap<>();
            for (ResultCells.Cell cell : cells.read(consultationId, attribute, "")) {
                if (Tally.INVITED.equals(cell.key())) {
                    byValue.merge(cell.value(), cell.n(), Long::sum);
                }
            }
            invited.put(attribute, byValue);
        }
        return respondents.stream()
                .map(r -> {
                    Map<String, String> profile = new HashMap<>(r.profile());
                    invited.forEach((attribute, byValue) -> {
                        String value = profile.getOrDefault(attribute, Attributes.UNKNOWN);
                        if (byValue.getOrDefault(value, 0L) < config.minCellSize()) {
                            profile.put(attribute, null); // not counted apart: see ResultCells.add
                        }
                    });
                    return new ResultCells.Respondent(r.increments(), profile);
                })
                .toList();
    }

    private void vacuum() {
        // outside any transaction: VACUUM cannot run in one; it removes the deleted sealed rows from the table's pages
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("VACUUM anonymous_pending");
        } catch (SQLException e) {
            LOG.debugf("vacuum of anonymous_pending failed (autovacuum will do it): %s", e.toString());
        }
    }

    private static List<UUID> uuids(PreparedStatement ps) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private static String write(Sealed sealed) {
        try {
            return JSON.writeValueAsString(sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sealed read(String json) {
        try {
            return JSON.readValue(json, Sealed.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
