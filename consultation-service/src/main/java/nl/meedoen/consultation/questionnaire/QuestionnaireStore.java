package nl.meedoen.consultation.questionnaire;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.meedoen.commons.json.StoredJson;

/**
 * Questionnaire versions. A saved version never changes, so versions are cached: respondents
 * fetch and submit against the same frozen document thousands of times.
 */
@ApplicationScoped
public class QuestionnaireStore {

    private static final int CACHE_LIMIT = 500;

    @Inject
    EntityManager em;

    private final Map<String, Questionnaire> cache = new ConcurrentHashMap<>();

    public Questionnaire load(UUID consultationId, int version) {
        if (version == 0) {
            return Questionnaire.EMPTY;
        }
        String key = consultationId + "/" + version;
        Questionnaire cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                        "SELECT document FROM questionnaire WHERE consultation_id = ?1 AND version = ?2")
                .setParameter(1, consultationId)
                .setParameter(2, version)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Questionnaire q = StoredJson.read(rows.get(0), Questionnaire.class);
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, q);
        return q;
    }

    public void save(UUID consultationId, int version, Questionnaire questionnaire, String by) {
        em.createNativeQuery("""
                        INSERT INTO questionnaire (consultation_id, version, document, created_at, created_by)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, consultationId)
                .setParameter(2, version)
                .setParameter(3, StoredJson.write(questionnaire))
                .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(5, by)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> versions(UUID consultationId) {
        return em.createNativeQuery(
                        "SELECT version, created_at, created_by FROM questionnaire WHERE consultation_id = ?1 ORDER BY version")
                .setParameter(1, consultationId)
                .getResultList();
    }
}
