package nl.meedoen.notification.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;

/**
 * Versioned templates per message kind and language. Lookup falls back from the tenant's language to
 * English and then Dutch (Dutch is the default language of every tenant).
 */
@ApplicationScoped
public class TemplateService {

    public static final String KEY_PATTERN = "[a-z0-9]+(?:[.-][a-z0-9]+){0,7}";
    public static final String LANGUAGE_PATTERN = "[a-z]{2}";
    static final List<String> FALLBACK = List.of("en", "nl");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    final TemplateRenderer renderer = new TemplateRenderer();

    /** Versions never change, so their compiled form is cached for good. */
    private final Map<String, TemplateRenderer.Compiled> compiled = new ConcurrentHashMap<>();

    public record Saved(TemplateView template, boolean created) {}

    /** Stores a new version unless it equals the latest (then nothing changes). 422 on unknown placeholders. */
    @Transactional
    public Saved save(String key, String language, TemplateRequest request) {
        List<Problem.FieldError> errors =
                renderer.check(request.subject(), request.html(), request.text(), request.sampleData());
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    422, "template-invalid", "Template is not valid", ProblemException.summary(errors), errors);
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, key + "/" + language)
                .getSingleResult();
        Optional<TemplateView> latest = latest(key, language);
        if (latest.isPresent()
                && latest.get().subject().equals(request.subject())
                && latest.get().html().equals(request.html())
                && latest.get().text().equals(request.text())
                && Objects.equals(latest.get().sampleData(), request.sampleData())) {
            return new Saved(latest.get(), false);
        }
        int version = latest.map(t -> t.version() + 1).orElse(1);
        return new Saved(insert(key, language, version, request), true);
    }

    TemplateView insert(String key, String language, int version, TemplateRequest request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("""
                        INSERT INTO message_template (template_key, language, version, subject, html, text, sample_data, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, key)
                .setParameter(2, language)
                .setParameter(3, version)
                .setParameter(4, request.subject())
                .setParameter(5, request.html())
                .setParameter(6, request.text())
                .setParameter(7, json(request.sampleData()))
                .setParameter(8, now)
                .executeUpdate();
        return new TemplateView(
                key, language, version, request.subject(), request.html(), request.text(), request.sampleData(), now);
    }

    @Transactional
    public Optional<TemplateView> latest(String key, String language) {
        return query("WHERE template_key = ?1 AND language = ?2 ORDER BY version DESC LIMIT 1", key, language).stream()
                .findFirst();
    }

    @Transactional
    public Optional<TemplateView> version(String key, String language, int version) {
        return query("WHERE template_key = ?1 AND language = ?2 AND version = ?3", key, language, version).stream()
                .findFirst();
    }

    @Transactional
    public List<TemplateView> versions(String key, String language) {
        return query("WHERE template_key = ?1 AND language = ?2 ORDER BY version", key, language);
    }

    /** The latest version of every template and language. */
    @Transactional
    public List<TemplateView> list() {
        return query("""
                WHERE (template_key, language, version) IN
                  (SELECT template_key, language, max(version) FROM message_template GROUP BY 1, 2)
                ORDER BY template_key, language""");
    }

    @Transactional
    public boolean exists(String key) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM message_template WHERE template_key = ?1")
                                .setParameter(1, key)
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    /** The template a tenant with this language gets: their language, else English, else Dutch. */
    @Transactional
    public Optional<TemplateView> resolve(String key, String language) {
        List<String> chain = new ArrayList<>();
        if (language != null) {
            chain.add(language);
        }
        FALLBACK.stream().filter(l -> !chain.contains(l)).forEach(chain::add);
        for (String candidate : chain) {
            Optional<TemplateView> found = latest(key, candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private final Map<String, TemplateView> versions = new ConcurrentHashMap<>();

    /** One version, cached (versions never change). */
    public Optional<TemplateView> cachedVersion(String key, String language, int version) {
        String id = key + "/" + language + "/" + version;
        TemplateView cached = versions.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<TemplateView> found = version(key, language, version);
        found.ifPresent(t -> versions.put(id, t));
        return found;
    }

    public TemplateRenderer.Compiled compiled(TemplateView t) {
        return compiled.computeIfAbsent(
                t.templateKey() + "/" + t.language() + "/" + t.version(),
                k -> renderer.compile(t.subject(), t.html(), t.text()));
    }

    public TemplateViews.Rendered render(
            TemplateView t, Map<String, Object> data, String tenantName, String unsubscribeUrl) {
        return renderer.render(compiled(t), data, tenantName, unsubscribeUrl);
    }

    /** Renders with the sample data, overridden by any given values. */
    public TemplateViews.Rendered preview(TemplateView t, Map<String, Object> overrides) {
        Map<String, Object> data = TemplateRenderer.sample(t.sampleData(), true);
        if (overrides != null) {
            for (String key : overrides.keySet()) {
                if (!t.sampleData().containsKey(key) && !TemplateRenderer.STANDARD.contains(key)) {
                    throw new ProblemException(
                            422,
                            "unknown-placeholder",
                            "Unknown placeholder",
                            "data." + key + ": the template has no such placeholder",
                            List.of(new Problem.FieldError("data." + key, "the template has no such placeholder")));
                }
            }
            data.putAll(overrides);
        }
        try {
            return renderer.render(compiled(t), data, (String) data.get(TemplateRenderer.TENANT_NAME), (String)
                    data.get(TemplateRenderer.UNSUBSCRIBE_URL));
        } catch (io.quarkus.qute.TemplateException | ClassCastException e) {
            throw new ProblemException(
                    422,
                    "data-invalid",
                    "Data does not fit the template",
                    "data: " + e.getMessage(),
                    List.of(new Problem.FieldError("data", "does not fit the template's placeholders")));
        }
    }

    /** The data keys a message must supply for this template version. */
    public static List<Problem.FieldError> missingData(TemplateView t, Map<String, Object> data) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String key : t.sampleData().keySet()) {
            if (data == null || data.get(key) == null) {
                errors.add(new Problem.FieldError("data." + key, "required by template " + t.templateKey()));
            }
        }
        return errors;
    }

    private List<TemplateView> query(String where, Object... params) {
        var q = em.createNativeQuery(
                "SELECT template_key, language, version, subject, html, text, sample_data, created_at FROM message_template "
                        + where);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<TemplateView> views = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            views.add(new TemplateView(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).intValue(),
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    parse((String) r[6]),
                    toOffsetDateTime(r[7])));
        }
        return views;
    }

    public static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    private Map<String, Object> parse(String json) {
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
