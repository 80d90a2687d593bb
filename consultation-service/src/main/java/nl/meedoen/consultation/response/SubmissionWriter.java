package nl.meedoen.consultation.response;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.problem.ProblemMappers;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationEvents;
import nl.meedoen.consultation.results.ResultCells;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Group commit for final submissions. One writer thread takes whatever has queued up and, in one
 * transaction, reads the targets of all their tokens with one statement, applies each submission's
 * rules, and stores the ones that pass: one commit, one statement per table and one row of merged
 * result increments for the lot. Each caller is answered after the commit of its own batch, so a
 * 201 still means stored, and while a batch commits the next one gathers.
 */
@ApplicationScoped
public class SubmissionWriter {

    private static final Logger LOG = Logger.getLogger(SubmissionWriter.class);
    private static final int MAX_BATCH = 128;
    private static final long WAIT_SECONDS = 30;

    /** A submission that passed every rule, ready to be stored. */
    record Submission(
            Invitee invitee,
            Consulted consultation,
            LocalDate submittedOn,
            String answersJson,
            ResultCells.Respondent counted,
            List<Motivation> motivations,
            Origin origin,
            String channel) {

        boolean anonymous() {
            return consultation.anonymous();
        }
    }

    /** The invitation a response answers, and the tenant it was sent to. */
    record Invitee(UUID invitationId, String tenantRef) {}

    /** The consultation a response is for, as its batch read it: what its participation event and its row say. */
    record Consulted(
            UUID id, String kind, String anonymity, String initiatorParty, String audience, int questionnaireVersion) {

        boolean anonymous() {
            return Consultation.Anonymity.ANONYMOUS.name().equals(anonymity);
        }
    }

    /** The request a submission came in with (its correlation id and trace), carried to the writer's thread. */
    record Origin(String correlationId, nl.meedoen.commons.tracing.TraceContext trace) {}

    /** A PWE motivation for the results page; option null: the overall one. */
    record Motivation(String question, String option, String text) {}

    /** A submission waiting for its batch: its token's hash, the rules that turn the token's target into a submission or refuse it. */
    private record Queued(
            String tokenHash,
            Function<ResponseService.Target, Submission> rules,
            CompletableFuture<Submission> outcome) {}

    /** What became of a batch: the submissions stored, and the reason each other one was refused. */
    private record Outcomes(Map<Queued, Submission> stored, Map<Queued, RuntimeException> refused) {}

    @Inject
    EntityManager em;

    @Inject
    ConsultationEvents events;

    @Inject
    ResultCells cells;

    @Inject
    AnonymousMix mix;

    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;

    void start(@Observes StartupEvent ignored) {
        running = true;
        Thread writer = new Thread(this::run, "submission-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false; // the writer drains what is queued, then ends
    }

    /** Queues the submission to be stored with whatever else is queued; completes once committed, or with the reason it was not. */
    CompletionStage<Submission> write(String tokenHash, Function<ResponseService.Target, Submission> rules) {
        if (!running) {
            throw new ProblemException(503, "shutting-down", "Service shutting down", "retry the submission", null);
        }
        Queued q = new Queued(tokenHash, rules, new CompletableFuture<>());
        queue.add(q);
        return q.outcome()
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(reason(e)));
    }

    /** Why a queued submission was not stored: the writer's reason, or a 503 when its batch did not commit in time. */
    private static Throwable reason(Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return e instanceof TimeoutException
                ? new ProblemException(
                        503,
                        "submission-timeout",
                        "Submission not confirmed in time",
                        "the submission was not confirmed within " + WAIT_SECONDS
                                + " s; retry it (a stored one answers 409)",
                        null)
                : e;
    }

    /** Stores one submission in the caller's transaction (an Idempotency-Key's receipt must commit with it). */
    @Transactional(Transactional.TxType.MANDATORY)
    Submission writeInCallersTransaction(String tokenHash, Function<ResponseService.Target, Submission> rules) {
        Queued q = new Queued(tokenHash, rules, new CompletableFuture<>());
        Outcomes outcomes = writeAll(List.of(q));
        RuntimeException refused = outcomes.refused().get(q);
        if (refused != null) {
            throw refused;
        }
        return outcomes.stored().get(q);
    }

    private void run() {
        List<Queued> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                LOG.error("submission writer: unexpected failure", t);
                batch.forEach(q -> q.outcome().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * One transaction for the batch; when it fails, each submission is tried alone, so a failure stays
     * with its cause. Not when the database is unavailable: then every submission queued meets the same,
     * and trying each alone, each waiting for a connection, would keep callers far past their timeouts.
     */
    private void commit(List<Queued> batch) {
        Outcomes outcomes;
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> writeAll(batch));
        } catch (RuntimeException e) {
            if (ProblemMappers.databaseUnavailable(e)) {
                List<Queued> waiting = new ArrayList<>(batch);
                queue.drainTo(waiting);
                waiting.forEach(q -> q.outcome().completeExceptionally(e));
            } else if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(e);
            } else {
                LOG.debugf(e, "a batch of %d submissions failed; writing them one by one", batch.size());
                batch.forEach(q -> commit(List.of(q)));
            }
            return;
        }
        outcomes.stored().forEach((q, s) -> q.outcome().complete(s));
        outcomes.refused().forEach((q, reason) -> q.outcome().completeExceptionally(reason));
    }

    /**
     * Checks and writes the batch in the current transaction. The targets are read in this
     * transaction, so the rules see the consultation as it is now; that the invitation is not used
     * yet is settled by a conditional update, so two submissions with one token cannot both pass,
     * whichever replica takes them.
     */
    private Outcomes writeAll(List<Queued> batch) {
        Map<Queued, RuntimeException> refused = new HashMap<>();
        Map<UUID, Queued> byInvitation = new LinkedHashMap<>();
        Map<Queued, Submission> stored = new LinkedHashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            Map<String, ResponseService.Target> targets = ResponseService.targets(
                    connection, batch.stream().map(Queued::tokenHash).collect(Collectors.toSet()));
            for (Queued q : batch) {
                ResponseService.Target target = targets.get(q.tokenHash());
                try {
                    if (target == null) {
                        throw ResponseService.invalidToken();
                    }
                    Submission s = q.rules().apply(target);
                    if (byInvitation.putIfAbsent(s.invitee().invitationId(), q) != null) {
                        throw ResponseService.used();
                    }
                    stored.put(q, s);
                } catch (RuntimeException e) {
                    refused.put(q, e);
                }
            }
            Set<UUID> completed = ids(connection, """
                    UPDATE invitation SET status = 'COMPLETED', draft = NULL WHERE id = ANY(?) AND status <> 'COMPLETED' RETURNING id""", List.copyOf(byInvitation.keySet()));
            byInvitation.forEach((invitation, q) -> {
                if (!completed.contains(invitation)) {
                    stored.remove(q);
                    refused.put(q, ResponseService.used());
                }
            });
            List<Submission> linkable =
                    stored.values().stream().filter(s -> !s.anonymous()).toList();
            insertResponses(connection, linkable);
            insertMotivations(connection, linkable);
            mix.hold(
                    connection,
                    stored.values().stream().filter(Submission::anonymous).toList());
        });
        Map<UUID, List<ResultCells.Respondent>> counted = new LinkedHashMap<>();
        List<ConsultationEvents.Participation> participations = new ArrayList<>();
        for (Submission s : stored.values()) {
            if (!s.anonymous()) { // an anonymous one is counted when the mix releases it
                counted.computeIfAbsent(s.consultation().id(), c -> new ArrayList<>())
                        .add(s.counted());
                participations.add(new ConsultationEvents.Participation(
                        s.consultation().id(),
                        s.consultation().kind(),
                        s.consultation().anonymity(),
                        s.consultation().initiatorParty(),
                        s.consultation().audience(),
                        s.invitee().tenantRef(),
                        s.origin().correlationId(),
                        s.origin().trace()));
            }
        }
        events.publishParticipations(participations);
        counted.forEach(cells::add);
        return new Outcomes(stored, refused);
    }

    /** The link to the invitation exists only for PSEUDONYMOUS consultations, and only in response_link. */
    static void insertResponses(Connection connection, List<Submission> accepted) throws SQLException {
        if (accepted.isEmpty()) {
            return;
        }
        accepted = new ArrayList<>(accepted);
        Collections.shuffle(accepted); // the order of the rows says nothing about the order of the invitations
        int n = accepted.size();
        UUID[] ids = new UUID[n];
        UUID[] consultations = new UUID[n];
        Integer[] versions = new Integer[n];
        String[] days = new String[n];
        String[] answers = new String[n];
        String[] channels = new String[n];
        List<UUID> linkedResponses = new ArrayList<>();
        List<UUID> linkedInvitations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Submission s = accepted.get(i);
            ids[i] = UUID.randomUUID();
            consultations[i] = s.consultation().id();
            versions[i] = s.consultation().questionnaireVersion();
            days[i] = s.submittedOn().toString();
            answers[i] = s.answersJson();
            channels[i] = s.anonymous() ? null : s.channel(); // an anonymous response does not say how it came
            if (!s.anonymous()) {
                linkedResponses.add(ids[i]);
                linkedInvitations.add(s.invitee().invitationId());
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO response (id, consultation_id, questionnaire_version, submitted_on, answers, channel)
                SELECT id, c, v, d::date, a, ch
                FROM unnest(?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[]) AS x(id, c, v, d, a, ch)""")) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            ps.setArray(2, connection.createArrayOf("uuid", consultations));
            ps.setArray(3, connection.createArrayOf("int4", versions));
            ps.setArray(4, connection.createArrayOf("text", days));
            ps.setArray(5, connection.createArrayOf("text", answers));
            ps.setArray(6, connection.createArrayOf("text", channels));
            ps.executeUpdate();
        }
        if (!linkedResponses.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO response_link (response_id, invitation_id, submitted_at)
                    SELECT r, i, now() FROM unnest(?::uuid[], ?::uuid[]) AS x(r, i)""")) {
                ps.setArray(1, connection.createArrayOf("uuid", linkedResponses.toArray()));
                ps.setArray(2, connection.createArrayOf("uuid", linkedInvitations.toArray()));
                ps.executeUpdate();
            }
        }
    }

    /** The PWE motivations of the batch, for the results page: one statement for all of them. */
    static void insertMotivations(Connection connection, List<Submission> accepted) throws SQLException {
        List<UUID> consultations = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Submission s : accepted) {
            for (Motivation m : s.motivations()) {
                consultations.add(s.consultation().id());
                questions.add(m.question());
                options.add(m.option());
                texts.add(m.text());
            }
        }
        if (texts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO pwe_motivation (id, consultation_id, question_id, option_id, text)
                SELECT gen_random_uuid(), c, q, o, t FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS x(c, q, o, t)""")) {
            ps.setArray(1, connection.createArrayOf("uuid", consultations.toArray()));
            ps.setArray(2, connection.createArrayOf("text", questions.toArray()));
            ps.setArray(3, connection.createArrayOf("text", options.toArray()));
            ps.setArray(4, connection.createArrayOf("text", texts.toArray()));
            ps.executeUpdate();
        }
    }

    private static Set<UUID> ids(Connection connection, String sql, List<UUID> ids) throws SQLException {
        Set<UUID> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }
}
