package nl.meedoen.consultation.response;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.submit;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.meedoen.consultation.Api;
import org.junit.jupiter.api.Test;

/**
 * The attacker of an ANONYMOUS consultation holds the whole database: every table, every row's transaction id
 * ({@code xmin}), the rows' physical order, the invitations and which tenant each was sent to. Each tenant answers
 * alone, in a transaction of their own (the worst case: an idle service), with a remark nobody else wrote, so the
 * test knows whose each response is and can check how far each attack gets.
 */
@QuarkusTest
class AnonymityAttackTest {

    static final int K = 5; // meedoen.consultation.min-cell-size

    @Inject
    AgroalDataSource db;

    @Test
    void someoneWithTheDatabaseCannotNarrowAnAnonymousResponseToFewerThanKInvitations() throws Exception {
        String prefix = Api.prefix();
        String crowd = "N" + prefix + "crowd";
        String alone = "N" + prefix + "alone";
        List<String> refs = new ArrayList<>(Api.population(prefix + "c", 11, crowd));
        refs.addAll(Api.population(prefix + "a", 1, alone)); // the only invitee of her neighbourhood
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        List<String> answering = new ArrayList<>(refs.subList(7, 12)); // her among the first five
        answering.addAll(refs.subList(0, 5));

        // four answer: fewer than k, so their answers are nowhere in the database in a readable form
        for (String ref : answering.subList(0, K - 1)) {
            answer(tokens.get(ref), ref);
        }
        assertEquals(K - 1, count("SELECT count(*) FROM anonymous_pending WHERE consultation_id = '" + id + "'"));
        assertEquals(List.of(), tablesContaining("mark:" + prefix), "an answer readable before its release");

        // the fifth makes k: released together; then five more
        answer(tokens.get(answering.get(K - 1)), answering.get(K - 1));
        awaitResponses(id, K);
        for (String ref : answering.subList(K, 2 * K)) {
            answer(tokens.get(ref), ref);
        }
        awaitResponses(id, 2 * K);
        assertEquals(0, count("SELECT count(*) FROM anonymous_pending WHERE consultation_id = '" + id + "'"));
        assertEquals(
                List.of("response"),
                tablesContaining("mark:" + prefix),
                "once released, the answers are in the responses only");

        // what the attacker reads: each invitation's and each response's transaction, and whose response is whose
        Map<Long, String> completedIn = new TreeMap<>(); // xid of the completing transaction -> tenantRef
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT xmin::text::bigint, tenant_ref FROM invitation WHERE consultation_id = '"
                                + id + "' AND status = 'COMPLETED'")) {
            while (rs.next()) {
                completedIn.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<Long, List<String>> releasedIn = new TreeMap<>(); // xid of the releasing transaction -> whose responses
        List<String> days = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT xmin::text::bigint, answers, submitted_on::text FROM response WHERE consultation_id = '"
                                + id + "' ORDER BY ctid")) {
            while (rs.next()) {
                String answers = rs.getString(2);
                String ref = answers.substring(answers.indexOf("mark:" + prefix) + ("mark:" + prefix).length());
                releasedIn
                        .computeIfAbsent(rs.getLong(1), x -> new ArrayList<>())
                        .add(prefix + ref.substring(0, ref.indexOf('"')));
                days.add(rs.getString(3));
            }
        }
        assertEquals(2 * K, completedIn.size());

        // attack 1: a response written in the transaction that completed an invitation
        for (Long xid : releasedIn.keySet()) {
            assertTrue(!completedIn.containsKey(xid), "a response shares its transaction with an invitation");
        }
        // attack 2: transaction order. A response released in transaction X was completed after the release before
        // X and before X: the attacker's candidates. Each response must have at least k, its own among them.
        long previous = 0;
        for (Map.Entry<Long, List<String>> release : releasedIn.entrySet()) {
            List<String> candidates = new ArrayList<>(((TreeMap<Long, String>) completedIn)
                    .subMap(previous, release.getKey())
                    .values());
            assertTrue(candidates.size() >= K, "narrowed to " + candidates + " for " + release.getValue());
            assertTrue(candidates.containsAll(release.getValue()), "the attack reasons wrongly: " + candidates);
            previous = release.getKey();
        }
        // attack 3: the day. All released on one day, whenever each was answered
        assertEquals(1, days.stream().distinct().count(), "days " + days);

        // attack 4: counters. Her neighbourhood has one invitee, so nothing about its answers is kept
        Map<String, Long> aloneCounters = counters(id, alone);
        assertEquals(Map.of("__invited", 1L), aloneCounters, "counters of a group of one: " + aloneCounters);
        Map<String, Long> crowdCounters = counters(id, crowd);
        assertEquals(9L, crowdCounters.get("__respondents"), "the crowd of eleven invitees is counted apart");

        // and the results through the API count everyone
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", org.hamcrest.Matchers.equalTo(2 * K));
    }

    @Test
    void closingReleasesWhatStillWaitsSoTheClosedBooksCountEveryone() throws Exception {
        String id = openWithTwoWaiting();
        assertEquals(0, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));

        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        assertEquals(2, count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'"));
        assertEquals(0, count("SELECT count(*) FROM anonymous_pending WHERE consultation_id = '" + id + "'"));
        as("corporation")
                .get(BASE + "/" + id + "/results")
                .then()
                .statusCode(200)
                .body("respondents", org.hamcrest.Matchers.equalTo(2));
    }

    /**
     * A scheduled release (another replica's, say) holds the waiting rows when the consultation closes: the close waits
     * for it instead of skipping them, so the results read as soon as the close is answered count everyone.
     */
    @Test
    void aCloseDuringAReleaseInProgressStillCountsEveryoneOnceItIsAnswered() throws Exception {
        String id = openWithTwoWaiting();

        java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection release = db.getConnection()) {
            release.setAutoCommit(false);
            try (Statement s = release.createStatement()) { // what a release holds while it stores and counts
                s.execute("SELECT id FROM anonymous_pending WHERE consultation_id = '" + id + "' FOR UPDATE");
            }
            var closed = closer.submit(() ->
                    as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200));
            try {
                closed.get(1500, java.util.concurrent.TimeUnit.MILLISECONDS); // answered while the rows were held
            } catch (java.util.concurrent.TimeoutException waiting) {
                release.rollback(); // the release in progress ends (here: stored nothing), the close goes on
                closed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            as("corporation")
                    .get(BASE + "/" + id + "/results")
                    .then()
                    .statusCode(200)
                    .body("respondents", org.hamcrest.Matchers.equalTo(2));
            release.rollback();
        } finally {
            closer.shutdownNow();
        }
    }

    /** An open ANONYMOUS consultation of three invitees, two of whom answered: fewer than k, so both still wait. */
    private static String openWithTwoWaiting() {
        String prefix = Api.prefix();
        List<String> refs = Api.population(prefix, 3, "N" + prefix);
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "ANONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        answer(tokens.get(refs.get(0)), refs.get(0));
        answer(tokens.get(refs.get(1)), refs.get(1));
        return id;
    }

    /** Answers with a remark that names the tenant (18 characters: the question allows 20). */
    private static void answer(String token, String ref) {
        submit(token, "{\"kids\":\"no\",\"satisfaction\":3,\"remarks\":\"mark:" + ref + "\"}")
                .then()
                .statusCode(201);
    }

    private void awaitResponses(String id, int n) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM response WHERE consultation_id = '" + id + "'") == n);
    }

    /** Every table and text-like column of the service's database holding the text, by table. */
    private List<String> tablesContaining(String text) throws Exception {
        List<String[]> columns = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT table_name, column_name, data_type FROM information_schema.columns
                        WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')""")) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        Map<String, Boolean> found = new LinkedHashMap<>();
        for (String[] col : columns) {
            String value = "bytea".equals(col[2]) ? "encode(\"" + col[1] + "\", 'escape')" : "\"" + col[1] + "\"::text";
            if (count("SELECT count(*) FROM \"" + col[0] + "\" WHERE strpos(" + value + ", '" + text + "') > 0") > 0) {
                found.put(col[0], true);
            }
        }
        return List.copyOf(found.keySet());
    }

    /** The counters kept for one neighbourhood, answer key -> n, folded or not. */
    private Map<String, Long> counters(String id, String neighbourhood) throws Exception {
        Map<String, Long> counters = new HashMap<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT k, sum(n)::bigint FROM (
                          SELECT answer_key AS k, n FROM result_cell
                           WHERE consultation_id = '%1$s' AND attribute = 'neighbourhoodCode' AND attr_value = '%2$s'
                          UNION ALL
                          SELECT x.k, x.n FROM result_increment i, unnest(i.attribute, i.attr_value, i.answer_key, i.n) AS x(a, v, k, n)
                           WHERE i.consultation_id = '%1$s' AND x.a = 'neighbourhoodCode' AND x.v = '%2$s'
                        ) AS all_counters GROUP BY k""".formatted(id, neighbourhood))) {
            while (rs.next()) {
                counters.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counters;
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
