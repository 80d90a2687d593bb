package nl.meedoen.consultation.results;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.ConsultationConfig;
import org.hibernate.Session;
import org.jboss.logging.Logger;

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
    record Key(String attribute, String question, String value, String key) {}

    @Inject
    EntityManager em;

    @Inject
    ConsultationConfig config;

    /** One respondent's increments and profile (attribute name → value; missing: {@code unknown}; null: not counted apart). */
    public record Respondent(List<Tally.Increment> increments, Map<String, String> profile) {}

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
                        if (value == null) {
                            continue; // a group too small to be counted apart (AnonymousMix)
                        }
                        merge(
                                rows,
                                new Key(
                                        attribute,
                                        inc.question(),
                                        value == null ? Attributes.UNKNOWN : value,
                                        inc.key()),
                                inc);
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
                merge(
                        rows,
                        new Key(attribute, "", value == null ? Attributes.UNKNOWN : value, Tally.INVITED),
                        one.get(0));
            }
        }
        append(consultationId, rows);
    }

    /** The configured breakdown attributes, in the fixed order (unknown names are refused at startup). */
    public List<String> attributes() {
        List<String> configured = config.breakdownAttributes();
        for (String a : configured) {
            if (!Attributes.known(a)) {
                throw new IllegalStateException("meedoen.consultation.breakdown-attributes: no attribute " + a
                        + "; one of " + Attributes.NAMES);
            }
        }
        return Attributes.NAMES.stream().filter(configured::contains).toList();
    }

    private static void merge(Map<Key, double[]> rows, Key key, Tally.Increment inc) {
        merge(rows, key, inc.n(), inc.total());
    }

    private static void merge(Map<Key, double[]> rows, Key key, double n, double total) {
        double[] acc = rows.computeIfAbsent(key, k -> new double[2]);
        acc[0] += n;
        acc[1] += total;
    }

    private void append(UUID consultationId, Map<Key, double[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Columns columns = new Columns(rows.size());
        rows.forEach((key, acc) -> columns.add(consultationId, key, acc));
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO result_increment (consultation_id, attribute, question_id, attr_value, answer_key, n, total)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, consultationId);
                columns.bindKeysAndCounts(connection, ps, 2);
                ps.executeUpdate();
            }
        });
    }

    /** Counters as parallel arrays, one element per counter: the shape result_increment stores and the fold's upsert reads. */
    private static final class Columns {
        final UUID[] consultations;
        final String[] attributes;
        final String[] questions;
        final String[] values;
        final String[] keys;
        final Long[] counts;
        final Double[] totals;
        int size;

        Columns(int capacity) {
            consultations = new UUID[capacity];
            attributes = new String[capacity];
            questions = new String[capacity];
            values = new String[capacity];
            keys = new String[capacity];
            counts = new Long[capacity];
            totals = new Double[capacity];
        }

        void add(UUID consultationId, Key key, double[] acc) {
            consultations[size] = consultationId;
            attributes[size] = key.attribute();
            questions[size] = key.question();
            values[size] = key.value();
            keys[size] = key.key();
            counts[size] = (long) acc[0];
            totals[size] = acc[1];
            size++;
        }

        /** Binds attribute, question, value, key, n and total from parameter {@code first} on. */
        void bindKeysAndCounts(java.sql.Connection connection, PreparedStatement ps, int first) throws SQLException {
            ps.setArray(first, connection.createArrayOf("text", attributes));
            ps.setArray(first + 1, connection.createArrayOf("text", questions));
            ps.setArray(first + 2, connection.createArrayOf("text", values));
            ps.setArray(first + 3, connection.createArrayOf("text", keys));
            ps.setArray(first + 4, connection.createArrayOf("bigint", counts));
            ps.setArray(first + 5, connection.createArrayOf("float8", totals));
        }
    }

    /** The increments not folded yet, as rows: (consultation, attribute, question, value, key, n, total). */
    private static final String INCREMENTS = """
            SELECT i.consultation_id, x.a COLLATE "C" AS attribute, x.q COLLATE "C" AS question_id, x.v COLLATE "C" AS attr_value,
                   x.k COLLATE "C" AS answer_key, x.c AS n, x.t AS total
            FROM result_increment i, unnest(i.attribute, i.question_id, i.attr_value, i.answer_key, i.n, i.total) AS x(a, q, v, k, c, t)""";

    /** Moves up to {@value #FOLD_ROWS} rows of increments (of any consultation) into shard 0; returns how many. */
    int foldOnce() {
        return QuarkusTransaction.requiringNew()
                .call(() -> moveIncrements(
                        "SELECT id FROM result_increment ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", FOLD_ROWS, 0));
    }

    /**
     * Deletes the increment rows {@code chosen} selects (by its one parameter) and adds them, merged,
     * to the counters of {@code shard}, in the same transaction, so each is counted exactly once.
     * The merge happens here, where it is cheap, so the database updates each counter once, in key
     * order (the folds of several replicas cannot deadlock). Returns how many increment rows it moved.
     */
    private int moveIncrements(String chosen, Object parameter, int shard) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Map<UUID, Map<Key, double[]>> merged = new HashMap<>();
            int moved = 0;
            try (PreparedStatement ps =
                    connection.prepareStatement("DELETE FROM result_increment WHERE id IN (" + chosen + """
                    ) RETURNING consultation_id, attribute, question_id, attr_value, answer_key, n, total""")) {
                ps.setObject(1, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        moved++;
                        Map<Key, double[]> cells =
                                merged.computeIfAbsent(rs.getObject(1, UUID.class), c -> new HashMap<>());
                        String[] attributes = (String[]) rs.getArray(2).getArray();
                        String[] questions = (String[]) rs.getArray(3).getArray();
                        String[] values = (String[]) rs.getArray(4).getArray();
                        String[] keys = (String[]) rs.getArray(5).getArray();
                        Long[] counts = (Long[]) rs.getArray(6).getArray();
                        Double[] totals = (Double[]) rs.getArray(7).getArray();
                        for (int i = 0; i < keys.length; i++) {
                            merge(
                                    cells,
                                    new Key(attributes[i], questions[i], values[i], keys[i]),
                                    counts[i],
                                    totals[i]);
                        }
                    }
                }
            }
            if (moved == 0) {
                return 0;
            }
            Columns columns =
                    new Columns(merged.values().stream().mapToInt(Map::size).sum());
            merged.forEach(
                    (consultationId, cells) -> cells.forEach((key, acc) -> columns.add(consultationId, key, acc)));
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO result_cell (consultation_id, attribute, question_id, attr_value, answer_key, shard, n, total)
                    SELECT c, a, q, v, k, ?, n, t FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::float8[])
                      AS x(c, a, q, v, k, n, t)
                    ORDER BY c, a COLLATE "C", q COLLATE "C", v COLLATE "C", k COLLATE "C"
                    ON CONFLICT (consultation_id, attribute, question_id, attr_value, answer_key, shard)
                    DO UPDATE SET n = result_cell.n + excluded.n, total = result_cell.total + excluded.total""")) {
                ps.setShort(1, (short) shard);
                ps.setArray(2, connection.createArrayOf("uuid", columns.consultations));
                columns.bindKeysAndCounts(connection, ps, 3);
                ps.executeUpdate();
            }
            return moved;
        });
    }

    /** Keeps the increments few: reads add them up, the counters are cheaper to read. */
    @Scheduled(
            every = "${meedoen.consultation.results-fold-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
        moveIncrements("SELECT id FROM result_increment WHERE consultation_id = ? FOR UPDATE", consultationId, -1);
        em.createNativeQuery("""
                        WITH moved AS (
                          DELETE FROM result_cell WHERE ctid IN (
                            SELECT ctid FROM result_cell WHERE consultation_id = ?1 AND shard >= 0 FOR UPDATE SKIP LOCKED)
                          RETURNING attribute, question_id, attr_value, answer_key, n, total)
                        INSERT INTO result_cell (consultation_id, attribute, question_id, attr_value, answer_key, shard, n, total)
                        SELECT ?1, attribute, question_id, attr_value, answer_key, -1, sum(n), sum(total)
                        FROM moved GROUP BY attribute, question_id, attr_value, answer_key
                        ON CONFLICT (consultation_id, attribute, question_id, attr_value, answer_key, shard)
                        DO UPDATE SET n = result_cell.n + excluded.n, total = result_cell.total + excluded.total""").setParameter(1, consultationId).executeUpdate();
    }

    /** One aggregated counter: summed over shards and the increments not folded yet. */
    public record Cell(String question, String value, String key, long n, double total) {}

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
                          SELECT * FROM (""" + INCREMENTS + """
                                         WHERE i.consultation_id = ?1) x WHERE attribute = ?2) cells
                        WHERE cast(?3 AS text) IS NULL OR question_id = ?3 GROUP BY 1, 2, 3""")
                .setParameter(1, consultationId)
                .setParameter(2, attribute)
                .setParameter(3, question)
                .getResultList();
        List<Cell> cells = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            cells.add(new Cell(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).doubleValue()));
        }
        return cells;
    }
}
