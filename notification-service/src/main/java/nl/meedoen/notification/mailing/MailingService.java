package nl.meedoen.notification.mailing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.meedoen.commons.contracts.MailingRequestV1;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.job.JobConfig;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.delivery.RecipientPolicy;
import nl.meedoen.notification.delivery.Sources;
import nl.meedoen.notification.segment.SegmentFilter;
import nl.meedoen.notification.segment.Segments;
import nl.meedoen.notification.template.TemplateService;
import nl.meedoen.notification.template.TemplateView;
import org.hibernate.Session;

/** Mailings: create → start (or schedule) → pause / resume / cancel, and their progress. */
@ApplicationScoped
public class MailingService {

    static final int MAX_EXPLICIT = 200_000;
    private static final List<String> PURPOSES = List.of(
            MessageRequestV1.CONSULTATION,
            MessageRequestV1.PANEL,
            MessageRequestV1.RECRUITMENT,
            MessageRequestV1.SERVICE);
    /** What a sending service's mailing (fed by its message requests) may be for. */
    private static final List<String> BY_REQUEST_PURPOSES = List.of(
            MessageRequestV1.CONSULTATION,
            MessageRequestV1.PANEL,
            MessageRequestV1.RECRUITMENT,
            MessageRequestV1.FEEDBACK,
            MessageRequestV1.SERVICE);
    /** The tenant organisation's own purpose: its own opt-out scope, the contact budget applies. */
    public static final String TENANT_ORGANISATION = RecipientPolicy.TENANT_ORGANISATION;
    /** The templates a tenant organisation mails with. */
    static final String TENANT_ORGANISATION_TEMPLATES = "tenant-organisation.";

    @Inject
    EntityManager em;

    @Inject
    TemplateService templates;

    @Inject
    Segments segments;

    @Inject
    ObjectMapper mapper;

    /**
     * A draft. A tenant organisation mails a segment of its constituency with purpose {@value #TENANT_ORGANISATION} and a
     * {@code tenant-organisation.*} template, never a list of tenants; the corporation never with that purpose.
     */
    @Transactional
    public MailingView create(MailingRequest r, Caller caller) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new Problem.FieldError("name", "1 to 200 characters"));
        }
        if (caller.isTenantOrganisation()) {
            if (!TENANT_ORGANISATION.equals(r.purpose())) {
                errors.add(new Problem.FieldError(
                        "purpose", "a tenant organisation mails with purpose " + TENANT_ORGANISATION));
            }
            if (r.templateKey() != null && !r.templateKey().startsWith(TENANT_ORGANISATION_TEMPLATES)) {
                errors.add(new Problem.FieldError(
                        "templateKey",
                        "a tenant organisation mails with a " + TENANT_ORGANISATION_TEMPLATES + "* template"));
            }
            if (r.audience() != null && r.audience().tenantRefs() != null) {
                errors.add(new Problem.FieldError(
                        "audience.tenantRefs", "a tenant organisation mails a segment, not a list of tenants"));
            }
        } else if (r.purpose() == null || !PURPOSES.contains(r.purpose())) { // List.of(...).contains(null) throws
            errors.add(new Problem.FieldError(
                    "purpose",
                    "must be one of " + PURPOSES
                            + (TENANT_ORGANISATION.equals(r.purpose())
                                    ? " (" + TENANT_ORGANISATION + " is the tenant organisation's own)"
                                    : "")));
        }
        if (r.channel() != null && !List.of("EMAIL", "LETTER").contains(r.channel())) {
            errors.add(new Problem.FieldError("channel", "must be EMAIL or LETTER"));
        }
        if (r.templateKey() == null
                || !r.templateKey().matches(TemplateService.KEY_PATTERN)
                || !templates.exists(r.templateKey())) {
            errors.add(new Problem.FieldError("templateKey", "unknown template " + r.templateKey()));
        } else {
            for (TemplateView t : templates.list()) {
                if (t.templateKey().equals(r.templateKey())) {
                    TemplateService.missingData(t, r.data()).stream()
                            .filter(e -> !errors.contains(e))
                            .forEach(errors::add);
                }
            }
        }
        if (Sources.check("source", r.source()) != null) {
            errors.add(Sources.check("source", r.source()));
        }
        List<String> refs = null;
        if (r.audience() == null
                || (r.audience().segment() == null) == (r.audience().tenantRefs() == null)) {
            errors.add(new Problem.FieldError("audience", "give either segment or tenantRefs"));
        } else if (r.audience().segment() != null) {
            errors.addAll(r.audience().segment().validate("audience.segment."));
        } else {
            refs = new ArrayList<>(new LinkedHashSet<>(r.audience().tenantRefs()));
            if (refs.isEmpty() || refs.size() > MAX_EXPLICIT) {
                errors.add(new Problem.FieldError("audience.tenantRefs", "1 to " + MAX_EXPLICIT + " tenantRefs"));
            }
            for (int i = 0; i < refs.size() && errors.size() < 20; i++) {
                if (refs.get(i) == null || !refs.get(i).matches("[A-Za-z0-9._-]{1,64}")) {
                    errors.add(new Problem.FieldError("audience.tenantRefs[" + i + "]", "not a tenantRef"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        Mailing m = new Mailing();
        m.id = UUID.randomUUID();
        m.name = r.name();
        m.templateKey = r.templateKey();
        m.purpose = r.purpose();
        m.channel = r.channel();
        m.source = r.source();
        m.owner = owner(caller);
        m.data = json(r.data() == null ? Map.of() : r.data());
        m.explicitList = refs != null;
        m.audienceFilter = refs == null ? json(r.audience().segment()) : null;
        m.status = Mailing.Status.DRAFT.name();
        m.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        m.persist();
        if (refs != null) {
            insertRecipients(m.id, refs);
        }
        em.flush();
        return view(m);
    }

    private void insertRecipients(UUID mailingId, List<String> refs) {
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO mailing_recipient (mailing_id, tenant_ref) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                int n = 0;
                for (String ref : refs) {
                    ps.setObject(1, mailingId);
                    ps.setString(2, ref);
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }

    /** The mailing a message request is attached to: the source its delivery carries, and whether it was cancelled. */
    public record Attached(String source, boolean cancelled) {}

    /**
     * Opens or updates a mailing whose recipients come as message requests (a sending service's mailing request):
     * running at once, named, and once {@code requested} is known, complete when that many deliveries exist and its
     * emails are handed over. A repeat changes nothing more; the mailing's status is the organiser's (a paused one
     * stays paused).
     */
    @Transactional
    public void openByRequest(MailingRequestV1 r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new Problem.FieldError("name", "1 to 200 characters"));
        }
        if (r.purpose() == null || !BY_REQUEST_PURPOSES.contains(r.purpose())) {
            errors.add(new Problem.FieldError("purpose", "must be one of " + BY_REQUEST_PURPOSES));
        }
        if (r.templateKey() == null
                || !r.templateKey().matches(TemplateService.KEY_PATTERN)
                || !templates.exists(r.templateKey())) {
            errors.add(new Problem.FieldError("templateKey", "unknown template " + r.templateKey()));
        }
        if (Sources.check("source", r.source()) != null) {
            errors.add(Sources.check("source", r.source()));
        }
        if (r.owner() != null && (r.owner().isBlank() || r.owner().length() > 200)) {
            errors.add(new Problem.FieldError("owner", "1 to 200 characters"));
        }
        if (r.requested() != null && r.requested() < 0) {
            errors.add(new Problem.FieldError("requested", "0 or more"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        Mailing m = openShell(r.mailingId(), r.purpose(), r.templateKey(), r.source());
        m.name = r.name();
        m.purpose = r.purpose();
        m.templateKey = r.templateKey();
        m.source = r.source();
        m.owner = r.owner();
        if (r.requested() != null) {
            m.audienceSize = r.requested();
        }
    }

    /**
     * The mailing a message request names, opened from the request itself when its mailing request has not arrived
     * yet (another key, so possibly another partition), and share-locked so a pause or cancel waits for this delivery.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Attached attach(MessageRequestV1 r) {
        Mailing m = openShell(r.mailingId(), r.purpose(), r.templateKey(), r.source());
        return new Attached(
                Sources.ofMailing(m.source, m.id),
                Mailing.Status.CANCELLED.name().equals(m.status));
    }

    private Mailing openShell(UUID id, String purpose, String templateKey, String source) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("""
                        INSERT INTO mailing (id, name, template_key, purpose, source, data, explicit_list, by_requests, status,
                                             materialised, version, created_at, started_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, '{}', false, true, 'RUNNING', false, 0, ?6, ?6) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, "mailing " + id)
                .setParameter(3, templateKey)
                .setParameter(4, purpose)
                .setParameter(5, source)
                .setParameter(6, now)
                .executeUpdate();
        Mailing m = Mailing.findById(id, LockModeType.PESSIMISTIC_READ);
        if (!m.byRequests) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "mailingId: mailing " + id + " was created through the API; it takes no message requests",
                    List.of(new Problem.FieldError(
                            "mailingId", "a mailing created through the API takes no message requests")));
        }
        return m;
    }

    /** Starts now, or at {@code startAt} (SCHEDULED). Only a draft can start. */
    @Transactional
    public MailingView start(UUID id, OffsetDateTime startAt, Caller caller) {
        Mailing m = lock(id, caller);
        requireStatus(m, "start", Mailing.Status.DRAFT);
        m.audienceSize = m.explicitList
                ? ((Number) em.createNativeQuery("SELECT count(*) FROM mailing_recipient WHERE mailing_id = ?1")
                                .setParameter(1, id)
                                .getSingleResult())
                        .intValue()
                : (int) segments.count(filter(m));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (startAt != null && startAt.isAfter(now)) {
            m.status = Mailing.Status.SCHEDULED.name();
            m.scheduledAt = startAt;
        } else {
            m.status = Mailing.Status.RUNNING.name();
            m.startedAt = now;
            submitJob(m);
        }
        return view(m);
    }

    @Inject
    Jobs jobs;

    @Inject
    JobConfig jobConfig;

    /** A running mailing's messages are created by its job; one is started unless one is still live (a quick pause and resume). */
    private void submitJob(Mailing m) {
        if (!m.byRequests && !m.materialised && !jobs.live(MailingJob.KIND, m.id.toString())) {
            jobs.submit(MailingJob.KIND, m.id.toString(), null);
        }
    }

    @Transactional
    public MailingView pause(UUID id, Caller caller) {
        Mailing m = lock(id, caller);
        requireStatus(m, "pause", Mailing.Status.RUNNING, Mailing.Status.SCHEDULED);
        m.status = Mailing.Status.PAUSED.name();
        return view(m);
    }

    @Transactional
    public MailingView resume(UUID id, Caller caller) {
        Mailing m = lock(id, caller);
        requireStatus(m, "resume", Mailing.Status.PAUSED);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (m.startedAt == null && m.scheduledAt != null && m.scheduledAt.isAfter(now)) {
            m.status = Mailing.Status.SCHEDULED.name();
        } else {
            m.status = Mailing.Status.RUNNING.name();
            if (m.startedAt == null) {
                m.startedAt = now;
            }
            submitJob(m);
        }
        return view(m);
    }

    /** Stops for good: messages not yet handed to SMTP (or to a print batch) are cancelled. */
    @Transactional
    public MailingView cancel(UUID id, Caller caller) {
        Mailing m = lock(id, caller);
        requireStatus(
                m,
                "cancel",
                Mailing.Status.DRAFT,
                Mailing.Status.SCHEDULED,
                Mailing.Status.RUNNING,
                Mailing.Status.PAUSED);
        m.status = Mailing.Status.CANCELLED.name();
        m.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush();
        em.createNativeQuery(
                        "UPDATE delivery SET status = 'CANCELLED', data = NULL, updated_at = now() WHERE mailing_id = ?1 AND status = 'QUEUED'")
                .setParameter(1, id)
                .executeUpdate();
        return view(m);
    }

    @Transactional
    public MailingView get(UUID id, Caller caller) {
        Mailing m = Mailing.findById(id);
        if (m == null || !sees(caller, m.owner)) { // another party's mailing is not there for this caller
            throw ProblemException.notFound("mailing " + id);
        }
        return view(m);
    }

    @Transactional
    public Page<MailingView> list(PageRequest page, Caller caller) {
        // ops: every mailing; a tenant organisation: its own; the corporation: those without an owner
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (caller.isTenantOrganisation()) {
            where.add("owner = :owner");
            params.put("owner", caller.actsFor());
        } else if (!nl.meedoen.commons.security.Roles.OPS.equals(caller.role())) {
            where.add("owner is null");
        }
        if (page.afterKey() != null) {
            where.add("id > :after");
            params.put("after", parseId(page.afterKey()));
        }
        String query = where.isEmpty() ? "order by id" : String.join(" and ", where) + " order by id";
        List<Mailing> rows =
                Mailing.find(query, params).page(0, page.limit() + 1).list();
        return page.page(rows.stream().map(this::view).toList(), v -> v.id().toString());
    }

    static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("after", "not a cursor returned by this API");
        }
    }

    SegmentFilter filter(Mailing m) {
        try {
            return mapper.readValue(m.audienceFilter, SegmentFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mailing lock(UUID id, Caller caller) {
        Mailing m = Mailing.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !sees(caller, m.owner)) {
            throw ProblemException.notFound("mailing " + id);
        }
        return m;
    }

    private static void requireStatus(Mailing m, String action, Mailing.Status... allowed) {
        for (Mailing.Status s : allowed) {
            if (s.name().equals(m.status)) {
                return;
            }
        }
        throw ProblemException.conflict("cannot " + action + " a mailing that is " + m.status);
    }

    MailingView view(Mailing m) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> channels = new LinkedHashMap<>();
        long materialised = 0;
        double rate = 0;
        Long eta = null;
        if (!Mailing.Status.DRAFT.name().equals(m.status)) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT status, channel, count(*) FROM delivery WHERE mailing_id = ?1 GROUP BY status, channel ORDER BY status, channel")
                    .setParameter(1, m.id)
                    .getResultList();
            for (Object[] row : rows) {
                long n = ((Number) row[2]).longValue();
                counts.merge((String) row[0], n, Long::sum);
                if (!List.of("SUPPRESSED", "CANCELLED").contains((String) row[0])) {
                    channels.merge((String) row[1], n, Long::sum);
                }
                materialised += n;
            }
            if (m.startedAt != null) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                long window = Math.max(
                        1,
                        Math.min(
                                60, java.time.Duration.between(m.startedAt, now).toSeconds()));
                long recent = ((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM delivery WHERE mailing_id = ?1 AND sent_at > ?2")
                                .setParameter(1, m.id)
                                .setParameter(2, now.minusSeconds(window))
                                .getSingleResult())
                        .longValue();
                rate = recent / (double) window;
                long queuedEmail = ((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM delivery WHERE mailing_id = ?1 AND status IN ('QUEUED', 'SENDING') AND channel = 'EMAIL'")
                                .setParameter(1, m.id)
                                .getSingleResult())
                        .longValue();
                long remaining = queuedEmail
                        + (m.materialised
                                ? 0
                                : Math.max(0, (m.audienceSize == null ? 0 : m.audienceSize) - materialised));
                if (remaining == 0) {
                    eta = 0L;
                } else if (rate > 0 && Mailing.Status.RUNNING.name().equals(m.status)) {
                    eta = (long) Math.ceil(remaining / rate);
                }
            }
        }
        em.flush(); // a job submitted in this transaction is part of the view
        Object job = em.createNativeQuery(
                        "SELECT id FROM job WHERE kind = ?1 AND subject = ?2 ORDER BY created_at DESC LIMIT 1")
                .setParameter(1, MailingJob.KIND)
                .setParameter(2, m.id.toString())
                .getResultStream()
                .findFirst()
                .orElse(null);
        return new MailingView(
                m.id,
                m.name,
                m.templateKey,
                m.purpose,
                m.channel,
                Sources.ofMailing(m.source, m.id),
                Mailing.Status.valueOf(m.status),
                m.scheduledAt,
                m.createdAt,
                m.startedAt,
                m.finishedAt,
                m.version,
                job == null ? null : jobConfig.path() + "/" + job,
                new MailingView.Progress(
                        m.audienceSize, materialised, counts, channels, Math.round(rate * 10) / 10.0, eta));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }

    /**
     * The owner a mailing created by this caller gets: the tenant organisation it acts for, none for the corporation
     * (every client of one organisation sees the same mailings).
     */
    private static String owner(Caller caller) {
        return caller.isTenantOrganisation() ? caller.actsFor() : null;
    }

    /** Ops sees every mailing, a tenant organisation its own, the corporation those without an owner. */
    private static boolean sees(Caller caller, String owner) {
        return caller.is(Roles.OPS)
                || (caller.isTenantOrganisation() ? caller.actsFor().equals(owner) : owner == null);
    }
}
