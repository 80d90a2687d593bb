package nl.meedoen.consultation.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.ConsultationConfig;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The result counters. Every write is one upsert statement in the caller's transaction; each
 * transaction picks a random shard, so concurrent writers rarely wait on the same row, and rows
 * are written in key order, so they never deadlock.
 */
@ApplicationScoped
public class ResultCells {

    /** One counter row: (attribute, question, attribute value, key). */
    record Key(String attribute, String question, String value, String key) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = attribute.compareTo(o.attribute);
            c = c != 0 ? c : question.compareTo(o.question);
            c = c != 0 ? c : value.compareTo(o.value);
            return c != 0 ? c : key.compareTo(o.key);
        }
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
     * attribute's value, merged first so each counter row is written once.
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
        upsert(consultationId, rows);
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
        upsert(consultationId, rows);
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

    private void upsert(UUID consultationId, Map<Key, double[]> rows) {
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
        List<Map.Entry<Key, double[]>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Map.Entry.comparingByKey()); // key order: concurrent upserts lock rows in the same order
        int i = 0;
        for (Map.Entry<Key, double[]> e : sorted) {
            attributes[i] = e.getKey().attribute();
            questions[i] = e.getKey().question();
            values[i] = e.getKey().value();
            keys[i] = e.getKey().key();
            counts[i] = (long) e.getValue()[0];
            totals[i] = e.getValue()[1];
            i++;
        }
        short shard = (short) ThreadLocalRandom.current().nextInt(Math.max(1, config.resultShards()));
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO result_cell (consultation_id, attribute, question_id, attr_value, answer_key, shard, n, total)
                    SELECT ?, a, q, v, k, ?, c, t FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::float8[]) AS x(a, q, v, k, c, t)
                    ON CONFLICT (consultation_id, attribute, question_id, attr_value, answer_key, shard)
                    DO UPDATE SET n = result_cell.n + excluded.n, total = result_cell.total + excluded.total""")) {
                ps.setObject(1, consultationId);
                ps.setShort(2, shard);
                ps.setArray(3, connection.createArrayOf("text", attributes));
                ps.setArray(4, connection.createArrayOf("text", questions));
                ps.setArray(5, connection.createArrayOf("text", values));
                ps.setArray(6, connection.createArrayOf("text", keys));
                ps.setArray(7, connection.createArrayOf("bigint", counts));
                ps.setArray(8, connection.createArrayOf("float8", totals));
                ps.executeUpdate();
            }
        });
    }

    /**
     * Folds the shards of a closed consultation into shard -1, which only this method writes, so reads
     * touch one row per counter. Rows a late submission still holds are skipped (and summed by reads
     * as ever), so this never waits on a submission and cannot deadlock with one.
     */
    public void compact(UUID consultationId) {
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

    /** One aggregated counter: summed over shards. */
    public record Cell(String question, String value, String key, long n, double total) {
    }

    /** Every counter of one attribute ('' = the whole), summed over shards. */
    public List<Cell> read(UUID consultationId, String attribute) {
        return read(consultationId, attribute, null);
    }

    /** The counters of one attribute and one question ('' holds respondents and invited), summed over shards. */
    public List<Cell> read(UUID consultationId, String attribute, String question) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT question_id, attr_value, answer_key, sum(n), sum(total) FROM result_cell
                        WHERE consultation_id = ?1 AND attribute = ?2 AND (cast(?3 AS text) IS NULL OR question_id = ?3) GROUP BY 1, 2, 3""")
                .setParameter(1, consultationId).setParameter(2, attribute).setParameter(3, question).getResultList();
        List<Cell> cells = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            cells.add(new Cell((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).doubleValue()));
        }
        return cells;
    }
}
