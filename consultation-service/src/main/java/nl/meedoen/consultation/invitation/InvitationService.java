package nl.meedoen.consultation.invitation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.consultation.Attributes;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.invitation.InvitationViews.Counts;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationRequests;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.consultation.results.ResultCells;

/**
 * Invitations, reminders and feedback mails, a chunk per transaction: each chunk writes its
 * invitations (or marks) and the message requests to notification-service through the outbox
 * together, so a crash never loses or doubles a message. Rows are claimed with SKIP LOCKED, so
 * several replicas can share the work.
 */
@ApplicationScoped
public class InvitationService {

    public static final String INVITATION_TEMPLATE =
            nl.meedoen.commons.contracts.MessageKind.CONSULTATION_INVITATION.key();
    public static final String REMINDER_TEMPLATE = nl.meedoen.commons.contracts.MessageKind.CONSULTATION_REMINDER.key();
    public static final String FEEDBACK_TEMPLATE =
            nl.meedoen.commons.contracts.MessageKind.CONSULTATION_FEEDBACK_PUBLISHED.key();
    /**
     * The default purpose of feedback mails ({@code MessageRequestV1.FEEDBACK}): feedback on one's own participation is a service
     * message. notification-service lets it pass the contact budget and purpose opt-outs, but not an opt-out of {@code all}
     * (unlike {@code service}).
     */
    public static final String FEEDBACK_PURPOSE = "feedback";
    /** Message data key of the short code (letters print it for typing: notification-service). */
    public static final String SHORT_CODE = "shortCode";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    InvitationTokens tokens;

    @Inject
    ConsultationConfig config;

    @Inject
    ConsultationService consultations;

    @Inject
    ResultCells cells;

    /** One audience member to invite, with the profile the representativeness report counts. */
    private record Target(String tenantRef, Map<String, String> profile) {}

    /** Invites the next chunk of an open consultation's audience; false when there was nothing (left) to do. */
    @Transactional
    public boolean inviteChunk(UUID consultationId) {
        Consultation c = lockOpen(consultationId, "AND NOT invitations_done");
        if (c == null) {
            return false;
        }
        int limit = config.chunkSize();
        List<Target> targets = audienceChunk(c, limit);
        List<String> languages = consultations.languages(c);
        OffsetDateTime now = ConsultationService.now();
        List<Map<String, String>> profiles = new ArrayList<>(targets.size());
        List<MessageRequestV1> messages = new ArrayList<>(targets.size());
        Map<UUID, String> ids = freshIds(targets.size());
        var next = ids.entrySet().iterator();
        for (Target t : targets) {
            Invitation inv = new Invitation();
            var id = next.next();
            inv.id = id.getKey();
            inv.shortCodeHash = id.getValue();
            inv.consultationId = c.id;
            inv.tenantRef = t.tenantRef();
            String token = tokens.token(inv.id);
            inv.tokenHash = InvitationTokens.hash(token);
            inv.status = Invitation.Status.INVITED.name();
            String lang = t.profile().get("language");
            inv.languageFromRegister = lang != null && languages.contains(lang);
            inv.language = inv.languageFromRegister ? lang : languages.get(0);
            inv.remindersSent = c.remindersRequested; // a reminder round that already went out is not for latecomers
            inv.invitedAt = now;
            inv.persist();
            profiles.add(t.profile());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("consultationTitle", title(c, inv.language, languages));
            data.put("goal", goal(c, inv.language, languages));
            data.put("closesOn", closesOn(c, inv.language));
            data.put("invitationUrl", invitationUrl(token));
            data.put(SHORT_CODE, tokens.shortCode(inv.id));
            messages.add(request("consultation-invitation:" + inv.id, inv.tenantRef, INVITATION_TEMPLATE, data)
                    .from(source(c.id)));
        }
        send(messages);
        cells.addInvited(c.id, profiles);
        boolean done = targets.size() < limit;
        em.createNativeQuery("UPDATE consultation SET invitations_cursor = ?2, invitations_done = ?3 WHERE id = ?1")
                .setParameter(1, c.id)
                .setParameter(
                        2,
                        targets.isEmpty()
                                ? c.invitationsCursor
                                : targets.get(targets.size() - 1).tenantRef())
                .setParameter(3, done)
                .executeUpdate();
        return !targets.isEmpty();
    }

    /**
     * New invitation ids with the short-code hash each will have, none in use yet. The codes are
     * derived from the ids, so an id whose code is taken (about one in 2^50 / invitations) is drawn
     * again; a race with another replica's chunk fails one of them on the unique index, and the
     * scheduler runs that chunk again.
     */
    private Map<UUID, String> freshIds(int n) {
        Map<UUID, String> ids = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.size() < n) {
            Map<UUID, String> candidates = new LinkedHashMap<>();
            while (ids.size() + candidates.size() < n) {
                UUID id = UUID.randomUUID();
                String hash = tokens.shortCodeHash(tokens.shortCode(id));
                if (seen.add(hash)) {
                    candidates.put(id, hash);
                }
            }
            @SuppressWarnings("unchecked")
            List<String> taken = em.createNativeQuery(
                            "SELECT short_code_hash FROM invitation WHERE short_code_hash = ANY (cast(?1 AS text[]))")
                    .setParameter(1, candidates.values().toArray(new String[0]))
                    .getResultList();
            candidates.forEach((id, hash) -> {
                if (!taken.contains(hash)) {
                    ids.put(id, hash);
                }
            });
        }
        return ids;
    }

    /** Sends the next chunk of due reminders to invitees who have not completed. */
    @Transactional
    public boolean remindChunk(UUID consultationId) {
        Consultation c = lockOpen(consultationId, "AND reminders_requested > 0");
        if (c == null) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Invitation> due = em.createNativeQuery("""
                        SELECT * FROM invitation WHERE consultation_id = ?1 AND status <> 'COMPLETED' AND reminders_sent < ?2
                        ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED""", Invitation.class)
                .setParameter(1, c.id)
                .setParameter(2, c.remindersRequested)
                .setParameter(3, config.chunkSize())
                .getResultList();
        List<String> languages = consultations.languages(c);
        List<MessageRequestV1> messages = new ArrayList<>(due.size());
        for (Invitation inv : due) {
            inv.remindersSent = c.remindersRequested;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("consultationTitle", title(c, inv.language, languages));
            data.put("closesOn", closesOn(c, inv.language));
            data.put("invitationUrl", invitationUrl(tokens.token(inv.id)));
            if (inv.shortCodeHash
                    != null) { // invited before short codes: the code would not be found, so none is printed
                data.put(SHORT_CODE, tokens.shortCode(inv.id));
            }
            messages.add(request(
                            "consultation-reminder:" + inv.id + ":" + c.remindersRequested,
                            inv.tenantRef,
                            REMINDER_TEMPLATE,
                            data)
                    .from(source(c.id)));
        }
        send(messages);
        return !due.isEmpty();
    }

    /** Mails the next chunk of the published feedback to everyone who was invited. */
    @Transactional
    public boolean feedbackChunk(UUID consultationId) {
        Consultation c = em.find(Consultation.class, consultationId);
        if (c == null || !c.is(Consultation.Status.FEEDBACK_PUBLISHED)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Invitation> due = em.createNativeQuery("""
                        SELECT * FROM invitation WHERE consultation_id = ?1 AND NOT feedback_sent
                        ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED""", Invitation.class)
                .setParameter(1, c.id)
                .setParameter(2, config.chunkSize())
                .getResultList();
        List<String> languages = consultations.languages(c);
        List<MessageRequestV1> messages = new ArrayList<>(due.size());
        for (Invitation inv : due) {
            inv.feedbackSent = true;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("consultationTitle", title(c, inv.language, languages));
            data.put("feedbackUrl", tokens.feedbackUrl(c.id, inv.id));
            if (inv.shortCodeHash != null) { // a letter prints it: typed at …/c it leads to this feedback
                data.put(SHORT_CODE, tokens.shortCode(inv.id));
            }
            // about the tenant's own participation: a service message, not marketing (see
            // ConsultationConfig#feedbackPurpose)
            messages.add(new MessageRequestV1(
                            "consultation-feedback:" + inv.id,
                            inv.tenantRef,
                            config.feedbackPurpose(),
                            FEEDBACK_TEMPLATE,
                            data,
                            null)
                    .from(source(c.id)));
        }
        send(messages);
        return !due.isEmpty();
    }

    /** Starts a reminder round now (besides the scheduled ones). */
    @Transactional
    public Consultation requestReminder(UUID id, nl.meedoen.commons.security.Caller caller, String ifMatch) {
        Consultation c = consultations.forChange(id, caller, ifMatch, false);
        c.requireStatus(Consultation.Status.OPEN);
        c.remindersRequested++;
        em.flush();
        return c;
    }

    /** Invited (every status), opened (fetched at least once), partial (a draft saved) and completed. */
    public Counts counts(Consultation c) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT status, count(*) FROM invitation WHERE consultation_id = ?1 GROUP BY status")
                .setParameter(1, c.id)
                .getResultList();
        Map<String, Long> by = new java.util.HashMap<>();
        rows.forEach(r -> by.put((String) r[0], ((Number) r[1]).longValue()));
        long completed = by.getOrDefault("COMPLETED", 0L);
        long partial = by.getOrDefault("PARTIAL", 0L);
        long opened = by.getOrDefault("OPENED", 0L) + partial + completed;
        long invited = opened + by.getOrDefault("INVITED", 0L);
        return new Counts(invited, opened, partial, completed, c.invitationsDone);
    }

    private Consultation lockOpen(UUID id, String condition) {
        @SuppressWarnings("unchecked")
        List<Consultation> rows = em.createNativeQuery(
                        "SELECT * FROM consultation WHERE id = ?1 AND status = 'OPEN' " + condition
                                + " FOR UPDATE SKIP LOCKED",
                        Consultation.class)
                .setParameter(1, id)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The next audience members after the cursor who have no invitation yet, in tenantRef order. */
    private List<Target> audienceChunk(Consultation c, int limit) {
        ConsultationRequests.Audience audience = StoredJson.read(c.audience, ConsultationRequests.Audience.class);
        StringBuilder columns = new StringBuilder();
        for (String a : Attributes.NAMES) {
            columns.append(", p.").append(Attributes.column(a));
        }
        List<Object> params = new ArrayList<>();
        params.add(c.id);
        String sql;
        String cursor = c.invitationsCursor == null ? "" : c.invitationsCursor;
        params.add(cursor);
        if ("LIST".equals(audience.type()) || "PANEL_WAVE".equals(audience.type())) {
            sql = "SELECT m.tenant_ref" + columns
                    + " FROM audience_member m LEFT JOIN population_member p ON p.tenant_ref = m.tenant_ref"
                    + " WHERE m.consultation_id = ?1 AND m.tenant_ref > ?2"
                    + " AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.consultation_id = ?1 AND i.tenant_ref = m.tenant_ref)"
                    + " ORDER BY m.tenant_ref";
        } else {
            StringBuilder where = new StringBuilder(" WHERE p.tenant_ref > ?2");
            if ("SEGMENT".equals(audience.type())) {
                for (Map.Entry<String, List<String>> f : audience.filter().entrySet()) {
                    params.add(f.getValue().toArray(new String[0]));
                    // the column comes from the fixed attribute table, never from the caller's text
                    where.append(" AND p.")
                            .append(Attributes.column(f.getKey()))
                            .append(" = ANY (cast(?")
                            .append(params.size())
                            .append(" AS text[]))");
                }
            }
            sql = "SELECT p.tenant_ref" + columns + " FROM population_member p" + where
                    + " AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.consultation_id = ?1 AND i.tenant_ref = p.tenant_ref)"
                    + " ORDER BY p.tenant_ref";
        }
        var query = em.createNativeQuery(sql + " LIMIT " + limit);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Target> targets = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, String> profile = new java.util.HashMap<>();
            for (int i = 0; i < Attributes.NAMES.size(); i++) {
                if (r[i + 1] != null) {
                    profile.put(Attributes.NAMES.get(i), (String) r[i + 1]);
                }
            }
            targets.add(new Target((String) r[0], profile));
        }
        return targets;
    }

    /**
     * The source every message of a consultation carries in notification-service (a panel wave's invitations too: one wave
     * per consultation), so its deliveries and letters are followed and printed per consultation.
     */
    public static String source(UUID consultationId) {
        return "consultation:" + consultationId;
    }

    private static MessageRequestV1 request(
            String requestId, String tenantRef, String template, Map<String, Object> data) {
        return new MessageRequestV1(requestId, tenantRef, MessageRequestV1.CONSULTATION, template, data, null);
    }

    /** A chunk's message requests as one batch in the outbox, in this transaction (key: tenantRef). */
    private void send(List<MessageRequestV1> messages) {
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
    }

    public String invitationUrl(String token) {
        return config.invitationUrl().replace("{token}", token);
    }

    private String title(Consultation c, String lang, List<String> languages) {
        return Texts.pick(consultations.texts(c.title), lang, languages.get(0));
    }

    private String goal(Consultation c, String lang, List<String> languages) {
        ConsultationRequests.Statement s = StoredJson.read(c.statement, ConsultationRequests.Statement.class);
        return s == null ? "" : Texts.pick(s.goal(), lang, languages.get(0));
    }

    /** The closing day as the tenant's language writes it; a consultation without one closes "until further notice". */
    private String closesOn(Consultation c, String lang) {
        String day = consultations.closesOn(c, lang);
        return day != null ? day : "nl".equals(lang) ? "nader bericht" : "further notice";
    }
}
