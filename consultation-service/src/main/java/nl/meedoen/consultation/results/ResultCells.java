package nl.meedoen.consultation.results;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.ConsultationConfig;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The result counters. A write appends one row of increments (arrays, one element per counter) in
 * the caller's transaction, so it commits with the responses it counts and costs one row, whatever
 * the number of counters. In the background, {@link #fold()} moves the appended increments into the
 * counter rows of {@code result_cell} (shard 0), many batches merged into one upsert in key order,
 * so the folds of several replicas never deadlock. Reads add the increments not folded yet, so they
 * are always exact. Shard -1 holds the compacted counters of a closed consultation.
 */
@ApplicationScoped
public class ResultCells {

    private static final Logger LOG = Logger.getLogger(ResultCells.class);
    private static final int FOLD_ROWS = 500;

    /** One counter row: (attribute, question, attribute value, key). */
    record Key(String attribute, String question, String value, String key) {
    }

    @Inject
    EntityManager em;

    @Inject
    ConsultationConfig config;

    /** One respondent's increments and profile (attribute name → value; missing: {@code unknown}). */
    public record Respondent(List<Tally.Increment> increments, Map<String, String> profile) {
    }

    /**
     * Adds the increments of many respondents of one consultation, for the whole and for each profile
     * attribute's value, merged first: one element per counter the batch changes.
     */
    public void add(UUID consultationId, List<Respondent> respondents) {
        Map<Key, double[]> rows = new HashMap<>();
        List<String> attributes = attributes();
        for (Respondent respondent : respondents) {
            for (Tally.Increment inc : respondent.increments()) {
                merge(rows, new Key("", inc.question(), "", inc.key()), inc);
                if (!inc.wholeOnly()) {
                    for (String attribute : attributes) {
                        String value = respondent.profile().getOrDefault(attribute, Attributes.UNKNOWN);
                        merge(rows, new Key(attribute, inc.question(), value == null ? Attributes.UNKNOWN : value, inc.key()), inc);
                    }
                }
            }
        }
        append(consultationId, rows);
    }

    /** Counts invitations per profile value: the target population of the representativeness report. */
    public void addInvited(UUID consultationId, List<Map<String, String>> profiles) {
        List<Tally.Increment> one = List.of(new Tally.Increment("", Tally.INVITED, 1, 0, false));
        Map<Key, double[]> rows = new HashMap<>();
        for (Map<String, String> profile : profiles) {
            merge(rows, new Key("", "", "", Tally.INVITED), one.get(0));
            for (String attribute : attributes()) {
                String value = profile.get(attribute);
                merge(rows, new Key(attribute, "", value == null ? Attributes.UNKNOWN : value, Tally.INVITED), one.get(0));
            }
        }
        append(consultationId, rows);
    }

    /** The configured breakdown attributes, in the fixed order (unknown names are refused at startup). */
    public List<String> attributes() {
        List<String> configured = config.breakdownAttributes();
        for (String a : configured) {
            if (!Attributes.known(a)) {
                throw new IllegalStateException("meedoen.consultation.breakdown-attributes: no attribute " + a + "; one of " + Attributes.NAMES);
            }
        }
        return Attributes.NAMES.stream().filter(configured::contains).toList();
    }

    private static void merge(Map<Key, double[]> rows, Key key, Tally.Increment inc) {
        double[] acc = rows.computeIfAbsent(key, k -> new double[2]);
        acc[0] += inc.n();
        acc[1] += inc.total();
    }

    private void append(UUID consultationId, Map<Key, double[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] attributes = new String[n];
        String[] questions = new String[n];
        String[] values = new String[n];
        String[] keys = new String[n];
        Long[] counts = new Long[n];
        Double[] totals = new Double[n];
        int i = 0;
        for (Map.Entry<Key, double[]> e : rows.entrySet()) {
            attributes[i] = e.getKey().attribute();
            questions[i] = e.getKey().question();
            values[i] = e.getKey().value();
            keys[i] = e.getKey().key();
            counts[i] = (long) e.getValue()[0];
            totals[i] = e.getValue()[1];
            i++;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO result_increment (consultation_id, attribute, question_id, attr_value, answer_key, n, total)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, consultationId);
                ps.setArray(2, connection.createArrayOf("text", attributes));
                ps.setArray(3, connection.createArrayOf("text", questions));
                ps.setArray(4, connection.createArrayOf("text", values));
                ps.setArray(5, connection.createArrayOf("text", keys));
                ps.setArray(6, connection.createArrayOf("bigint", counts));
                ps.setArray(7, connection.createArrayOf("float8", totals));
                ps.executeUpdate();
            }
        });
    }

    /** The increments as rows: (consultation, attribute, question, value, key, n, total). */
    private static final String INCREMENTS = """
            SELECT i.consultation_id, x.a COLLATE "C" AS attribute, x.q COLLATE "C" AS question_id, x.v COLLATE "C" AS attr_value,
                   x.k COLLATE "C" AS answer_key, x.c AS n, x.t AS total
            FROM %s i, unnest(i.attribute, i.question_id, i.attr_value, i.answer_key, i.n, i.total) AS x(a, q, v, k, c, t)""";

    /** Moves up to {@value #FOLD_ROWS} rows of increments (of any consultation) into shard 0; returns how many. */
    int foldOnce() {
        return QuarkusTransaction.requiringNew().call(() ->
                moveIncrements("SELECT id FROM result_increment ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED", FOLD_ROWS, 0));
    }

    /**
     * Deletes the increment rows {@code chosen} selects (by {@code ?1}) and adds them, merged, to the
     * counters of {@code shard} in key order, in one statement, so each is counted exactly once.
     * Returns how many increment rows it moved.
     */
    private int moveIncrements(String chosen, Object parameter, int shard) {
        return ((Number) em.createNativeQuery("""
                        WITH moved AS (DELETE FROM result_increment WHERE id IN (%s) RETURNING *),
                        cells AS (
                          SELECT consultation_id, attribute, question_id, attr_value, answer_key, sum(n) AS n, sum(total) AS total
                          FROM (%s) x GROUP BY 1, 2, 3, 4, 5),
                        written AS (
                          INSERT INTO result_cell (consultation_id, attribute, question_id, attr_value, answer_key, shard, n, total)
                          SELECT consultation_id, attribute, question_id, attr_value, answer_key, cast(?2 AS smallint), n, total FROM cells
                          ORDER BY consultation_id, attribute, question_id, attr_value, answer_key
                          ON CONFLICT (consultation_id, attribute, question_id, attr_value, answer_key, shard)
                          DO UPDATE SET n = result_cell.n + excluded.n, total = result_cell.total + excluded.total)
                        SELECT count(*) FROM moved""".formatted(chosen, INCREMENTS.formatted("moved")))
                .setParameter(1, parameter).setParameter(2, shard).getSingleResult()).intValue();
    }

    /** Keeps the increments few: reads add them up, the counters are cheaper to read. */
    @Scheduled(every = "${meedoen.consultation.results-fold-interval:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fold() {
        try {
            while (foldOnce() == FOLD_ROWS) {
                // more waiting: go on
            }
        } catch (RuntimeException e) {
            LOG.warnf("folding result increments failed, next round retries: %s", e.toString());
        }
    }

    /**
     * Folds the increments and the shards of a closed consultation into shard -1, which only this
     * method writes, so reads touch one row per counter. Counter rows a running fold still holds are
     * skipped (and summed by reads as ever), so this cannot deadlock with one.
     */
    public void compact(UUID consultationId) {
        // its increments first, waiting for a fold that holds some (so none is left behind in a shard)
        moveIncrements("SELECT id FROM result_increment WHERE consultation_id = ?1 FOR UPDATE", consultationId, -1);
        em.createNativeQuery("""
                        WITH moved AS (
                          DELETE FROM result_cell WHERE ctid IN (
                            SELECT ctid FROM result_cell WHERE consultation_id = ?1 AND shard >= 0 FOR UPDATE SKIP LOCKED)
                          RETURNING attribute, question_id, attr_value, answer_key, n, total)
                        INSERT INTO result_cell (consultation_id, attribute, question_id, attr_value, answer_key, shard, n, total)
                        SELECT ?1, attribute, question_id, attr_value, answer_key, -1, sum(n), sum(total)
                        FROM moved GROUP BY attribute, question_id, attr_value, answer_key
                        ON CONFLICT (consultation_id, attribute, question_id, attr_value, answer_key, shard)
                        DO UPDATE SET n = result_cell.n + excluded.n, total = result_cell.total + excluded.total""")
                .setParameter(1, consultationId).executeUpdate();
    }

    /** One aggregated counter: summed over shards and the increments not folded yet. */
    public record Cell(String question, String value, String key, long n, double total) {
    }

    /** Every counter of one attribute ('' = the whole). */
    public List<Cell> read(UUID consultationId, String attribute) {
        return read(consultationId, attribute, null);
    }

    /** The counters of one attribute and one question ('' holds respondents and invited). */
    public List<Cell> read(UUID consultationId, String attribute, String question) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT question_id, attr_value, answer_key, sum(n), sum(total) FROM (
                          SELECT consultation_id, attribute, question_id, attr_value, answer_key, n, total FROM result_cell
                          WHERE consultation_id = ?1 AND attribute = ?2
                          UNION ALL
                          SELECT * FROM (""" + INCREMENTS.formatted("result_increment") + """
                                         WHERE i.consultation_id = ?1) x WHERE attribute = ?2) cells
                        WHERE cast(?3 AS text) IS NULL OR question_id = ?3 GROUP BY 1, 2, 3""")
                .setParameter(1, consultationId).setParameter(2, attribute).setParameter(3, question).getResultList();
        List<Cell> cells = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            cells.add(new Cell((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).doubleValue()));
        }
        return cells;
    }
}
