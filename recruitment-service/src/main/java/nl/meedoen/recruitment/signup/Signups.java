package nl.meedoen.recruitment.signup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.meedoen.commons.contracts.MailingRequestV1;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.population.PopulationMember;
import nl.meedoen.recruitment.RecruitmentConfig;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignDraw;
import nl.meedoen.recruitment.campaign.CampaignSession;
import nl.meedoen.recruitment.campaign.CampaignSignups;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import nl.meedoen.recruitment.signup.SignupRequests.SignupIn;
import nl.meedoen.recruitment.signup.SignupRequests.TokenIn;
import nl.meedoen.recruitment.signup.SignupRequests.TokenSignupIn;
import nl.meedoen.recruitment.signup.SignupViews.Conversion;
import nl.meedoen.recruitment.signup.SignupViews.SignupOut;
import nl.meedoen.recruitment.signup.SignupViews.SourceConversion;

/** Outreach with personal sign-up links, sign-ups (by token or by the tenant portal), withdrawal, conversion. */
@ApplicationScoped
public class Signups implements CampaignSignups {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String OUTREACH_TEMPLATE = nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_OUTREACH.key();

    @Inject
    SignupCodes codes;

    @Inject
    Campaigns campaigns;

    @Inject
    Outbox outbox;

    @Inject
    Jobs jobs;

    @Inject
    Places places;

    @Inject
    CampaignDraw draw;

    @Inject
    EntityManager em;

    /** The personal sign-up link without its token; the token goes after '#', so it never lands in a server log. */
    @Inject
    RecruitmentConfig config;

    /** SHA-256 of the text's UTF-8 bytes, lowercase hex (link tokens are stored so; draw records' households too). */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Queues an outreach ({@link OutreachJob}): one personal sign-up link per eligible tenant not reached through
     * this source yet (a repeat sends nothing twice). A job, because a population can be half a million tenants.
     */
    @Transactional
    public JobView requestOutreach(UUID campaignId, String source) {
        Signup.Source src = source(source, "source");
        if (src != Signup.Source.MAILING && src != Signup.Source.LETTER) {
            throw ProblemException.invalidField("source", "an outreach goes out as MAILING or LETTER");
        }
        Campaign c = campaigns.find(campaignId);
        openForOutreach(c);
        return jobs.submit(OutreachJob.KIND, c.id + ":" + src, new SignupRequests.OutreachIn(src.name()));
    }

    private static void openForOutreach(Campaign c) {
        if (c.state() != Campaign.Status.OPEN) {
            throw ProblemException.conflict("outreach needs an OPEN campaign; this one is " + c.status);
        }
    }

    /** Eligible tenants of the campaign, counted by PostgreSQL. */
    public long eligibleCount(UUID campaignId) {
        EligibilityRule.Condition eligible =
                EligibilityRule.sql(Campaigns.rules(Campaign.findById(campaignId)), "p", 1);
        var query = em.createNativeQuery("SELECT count(*) FROM population_member p WHERE " + eligible.sql());
        for (int i = 0; i < eligible.parameters().size(); i++) {
            query.setParameter(i + 1, eligible.parameters().get(i));
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    /** One batch of an outreach: the eligible tenants after {@code after} (in tenantRef order), and how many were messaged. */
    public record OutreachBatch(int scanned, int messaged, String last) {}

    /**
     * Sends the next {@code size} eligible tenants (after {@code after}) their link, in one transaction: the
     * invitation rows and the message requests commit together, so a stop between batches loses nothing and
     * sends nothing twice. The messages belong to notification-service mailing {@code mailingId}, opened (through the
     * outbox, before them) with the first batch that messages anybody.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public OutreachBatch outreachBatch(UUID campaignId, Signup.Source src, String after, int size, UUID mailingId) {
        Campaign c = Campaign.findById(campaignId);
        openForOutreach(c);
        EligibilityRule.Condition eligible = EligibilityRule.sql(Campaigns.rules(c), "p", 4);
        var query = em.createNativeQuery(
                "SELECT p.tenant_ref, EXISTS (SELECT 1 FROM outreach_invitation i WHERE i.campaign_id = ?1"
                        + " AND i.source = ?2 AND i.tenant_ref = p.tenant_ref) OR EXISTS (SELECT 1 FROM signup s WHERE s.campaign_id = ?1"
                        + " AND s.tenant_ref = p.tenant_ref) FROM population_member p WHERE p.tenant_ref > ?3 AND "
                        + eligible.sql()
                        + " ORDER BY p.tenant_ref LIMIT " + size);
        query.setParameter(1, c.id).setParameter(2, src.name()).setParameter(3, after);
        for (int i = 0; i < eligible.parameters().size(); i++) {
            query.setParameter(i + 4, eligible.parameters().get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<MessageRequestV1> messages = new ArrayList<>();
        List<OutreachInvitation> invitations = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Object[] row : rows) {
            String tenantRef = (String) row[0];
            if (Boolean.TRUE.equals(row[1])) {
                continue; // reached through this source before, or signed up already
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            OutreachInvitation inv = new OutreachInvitation();
            inv.tokenHash = hash(token);
            String code = SignupCodes.of(token);
            inv.shortCodeHash = codes.hash(code);
            inv.campaignId = c.id;
            inv.tenantRef = tenantRef;
            inv.source = src.name();
            inv.createdAt = now;
            invitations.add(inv);
            Map<String, Object> data = new LinkedHashMap<>();
            // the placeholders of notification-service's recruitment.outreach template (a missing one is refused there)
            data.put("campaignTitle", c.title);
            data.put("description", c.theme);
            data.put("signUpDeadline", c.signupCloses.toString());
            data.put("signUpUrl", config.signupUrl() + token);
            // typed on the sign-up page (opened without a token) by whoever cannot scan the letter's QR code
            data.put("shortCode", code);
            data.put("codeUrl", codeUrl());
            data.put("theme", c.theme);
            data.put("form", c.form);
            messages.add(new MessageRequestV1(
                    "recruitment:" + c.id + ":outreach:" + src + ":" + tenantRef,
                    tenantRef,
                    MessageRequestV1.RECRUITMENT,
                    OUTREACH_TEMPLATE,
                    data,
                    // a letter round asks for letters; otherwise the register decides (email, or a letter for whoever
                    // prefers
                    // one or has no usable email address)
                    src == Signup.Source.LETTER ? MessageRequestV1.LETTER : null,
                    campaignSource(c.id),
                    mailingId));
        }
        if (!messages.isEmpty() && OutreachInvitation.count("mailingId", mailingId) == 0) {
            publishOutreachMailing(c, mailingId, null);
        }
        for (OutreachInvitation inv : invitations) {
            inv.mailingId = mailingId;
            inv.persist();
        }
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
        return new OutreachBatch(
                rows.size(), messages.size(), rows.isEmpty() ? after : (String) rows.get(rows.size() - 1)[0]);
    }

    /**
     * Tells notification-service how many messages outreach mailing {@code mailingId} has in all, so it completes when they
     * are sent (also after a cancelled job: what was requested so far). Returns the mailing id, or null when it messaged nobody.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UUID closeOutreachMailing(UUID campaignId, UUID mailingId) {
        long requested = OutreachInvitation.count("mailingId", mailingId);
        if (requested == 0) {
            return null; // never opened: nobody was messaged
        }
        publishOutreachMailing(Campaign.findById(campaignId), mailingId, (int) requested);
        return mailingId;
    }

    /** The outreach's mailing request; the mailing is the organiser's: a tenant organisation's own campaign makes it its owner. */
    private void publishOutreachMailing(Campaign c, UUID mailingId, Integer requested) {
        String owner = Roles.TENANT_ORGANISATION.equals(c.organiserParty) ? c.organiserClient : null;
        outbox.publish(
                MailingRequestV1.TOPIC,
                MailingRequestV1.TYPE,
                mailingId.toString(),
                new MailingRequestV1(
                        mailingId,
                        shortName(c.title + ": outreach"),
                        MessageRequestV1.RECRUITMENT,
                        OUTREACH_TEMPLATE,
                        campaignSource(c.id),
                        owner,
                        requested));
    }

    private static String shortName(String name) {
        return name.length() <= 200 ? name : name.substring(0, 200);
    }

    /** The source every message of a campaign carries in notification-service: deliveries and letters per campaign. */
    public static String campaignSource(UUID campaignId) {
        return "campaign:" + campaignId;
    }

    @Transactional
    public Signup signUp(UUID campaignId, SignupIn in) {
        Campaign c = campaigns.find(campaignId); // another organisation's campaign: 404 before anything about the body
        if (in == null || in.tenantRef() == null || in.tenantRef().isBlank()) {
            throw ProblemException.invalidField("tenantRef", "required");
        }
        Signup.Source src = source(in.source(), "source");
        if (campaigns.tenantOrganisationOnly() && src != Signup.Source.EVENT) {
            throw ProblemException.fieldRule(
                    "source", "a tenant organisation records sign-ups from its own events: EVENT");
        }
        return register(c, in.tenantRef(), src, Texts.of(in));
    }

    /**
     * Most sign-ups one bulk call takes: an evening's or a paper round's worth (and the field trial's pool of 1,700),
     * answered well within the gateway's 10 s timeout. Measured (the module's test setup, 2-core machine shared with other
     * builds): 5,000 lines took 11.3 s cold / 4.4 s warm — past the gateway — so the maximum is 2,000 (see the README).
     */
    public static final int BULK_MAX = 2000;

    /**
     * Sign-ups collected offline (an evening, a paper form), each checked and stored as a single sign-up would be,
     * in one transaction; a line that is refused is reported with its reason and the others are kept.
     * {@code rows} carries each line's row number (CSV data row, or list position) and a parse error if it has one.
     */
    @Transactional
    public SignupViews.BulkOut signUpMany(UUID campaignId, List<BulkLine> rows) {
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("body", "no sign-ups in it");
        }
        if (rows.size() > BULK_MAX) {
            throw new ProblemException(
                    413,
                    "too-many-items",
                    "Too many sign-ups in one call",
                    rows.size() + " sign-ups; at most " + BULK_MAX + " per call",
                    null);
        }
        Campaign c = campaigns.find(campaignId);
        // Read once, not per line: the profiles (one statement, read-only), the campaign's sign-ups so far, its rules;
        // an open campaign's row is locked once and its seats counted once. Then the sign-ups, their events and their
        // confirmation messages go in as three multi-row statements (the measured times: README).
        List<EligibilityRule> rules = Campaigns.rules(c);
        Set<String> refs = new HashSet<>();
        for (BulkLine line : rows) {
            if (line.signup() != null && line.signup().tenantRef() != null) {
                refs.add(line.signup().tenantRef());
            }
        }
        Map<String, PopulationMember> members = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<PopulationMember> found = em.createNativeQuery(
                        "SELECT * FROM population_member WHERE tenant_ref = ANY(CAST(?1 AS text[]))",
                        PopulationMember.class)
                .setParameter(1, refs.toArray(String[]::new))
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        found.forEach(m -> members.put(m.tenantRef, m));
        Set<String> signedUp =
                new HashSet<>(em.createQuery("select s.tenantRef from Signup s where s.campaignId = ?1", String.class)
                        .setParameter(1, c.id)
                        .getResultList());
        boolean open = c.mode() == Campaign.SelectionMode.OPEN_UP_TO_CAPACITY;
        long seated = 0;
        int waiting = 0;
        List<MessageRequestV1> places = new ArrayList<>(); // open up to capacity: a seat or a waitlist place at once
        String nextSteps = null;
        if (open) {
            em.lock(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            seated = Signup.seated(c.id);
            waiting = Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED).size();
            nextSteps = CampaignSession.nextSteps(c.id); // for every seat's message, read once
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<SignupViews.BulkItem> items = new ArrayList<>();
        List<Signup> accepted = new ArrayList<>();
        for (BulkLine line : rows) {
            SignupIn in = line.signup();
            String ref = in == null ? null : in.tenantRef();
            try {
                if (line.error() != null) {
                    throw ProblemException.invalidField(
                            line.error().field(), line.error().message());
                }
                if (ref == null || ref.isBlank()) {
                    throw ProblemException.invalidField("tenantRef", "required");
                }
                Signup.Source src = source(in.source(), "source");
                check(
                        c,
                        rules,
                        ref,
                        members.get(ref),
                        signedUp.contains(ref)); // the single call's checks, in its order
                Signup s = newSignup(
                        c,
                        ref,
                        src,
                        Texts.of(in),
                        now.plusNanos(1000L * accepted.size())); // the lines' order is the sign-up (and waitlist) order
                if (open) {
                    Signup.Outcome place = seated < c.seats ? Signup.Outcome.SELECTED : Signup.Outcome.WAITLISTED;
                    if (place == Signup.Outcome.SELECTED) {
                        seated++;
                        places.add(Places.message(c, nextSteps, ref, Places.SEATED, null));
                    } else {
                        places.add(Places.message(c, ref, Places.WAITLISTED, ++waiting));
                    }
                    s.outcome = place.name();
                    s.placedAt = s.createdAt;
                }
                signedUp.add(ref);
                accepted.add(s);
                items.add(new SignupViews.BulkItem(line.row(), ref, 201, null, null, s.id));
            } catch (ProblemException e) {
                // every check comes before anything is written: a refused line leaves nothing behind
                items.add(new SignupViews.BulkItem(
                        line.row(),
                        ref,
                        e.status(),
                        nl.meedoen.commons.problem.Problem.TYPE_BASE + e.type(),
                        e.getMessage(),
                        null));
            }
        }
        insertAll(accepted);
        outbox.publishAll(
                RecruitmentEventV1.TOPIC,
                RecruitmentEventV1.SIGNUP_RECEIVED,
                accepted.stream()
                        .map(s -> new RecruitmentEventV1(
                                c.id.toString(), c.form, c.organiserParty, s.tenantRef, s.source, null, null))
                        .toList(),
                e -> c.id.toString());
        outbox.publishAll(
                MessageRequestV1.TOPIC,
                MessageRequestV1.TYPE,
                accepted.stream().map(s -> confirmation(c, s.tenantRef)).toList(),
                MessageRequestV1::tenantRef);
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, places, MessageRequestV1::tenantRef);
        return new SignupViews.BulkOut(rows.size(), accepted.size(), rows.size() - accepted.size(), items);
    }

    /** The sign-ups of a bulk call as one multi-row INSERT (they are not needed as entities afterwards). */
    private void insertAll(List<Signup> signups) {
        if (signups.isEmpty()) {
            return;
        }
        int n = signups.size();
        UUID[] ids = new UUID[n];
        String[] refs = new String[n];
        String[] motivation = new String[n];
        String[] expertise = new String[n];
        String[] availability = new String[n];
        String[] source = new String[n];
        String[] outcome = new String[n];
        String[] created = new String[n];
        String[] placed = new String[n];
        for (int i = 0; i < n; i++) {
            Signup s = signups.get(i);
            ids[i] = s.id;
            refs[i] = s.tenantRef;
            motivation[i] = s.motivation;
            expertise[i] = s.expertise;
            availability[i] = s.availability;
            source[i] = s.source;
            outcome[i] = s.outcome;
            created[i] = s.createdAt.toString(); // ISO-8601 with offset: PostgreSQL reads it as timestamptz
            placed[i] = s.placedAt == null ? null : s.placedAt.toString();
        }
        UUID campaign = signups.get(0).campaignId;
        em.flush();
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO signup (id, campaign_id, tenant_ref, motivation, expertise, availability, source, status, outcome, created_at, placed_at)
                    SELECT i, ?, r, m, e, a, s, 'ACTIVE', o, c, p
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                         AS x(i, r, m, e, a, s, o, c, p)""")) {
                ps.setObject(1, campaign);
                ps.setArray(2, connection.createArrayOf("uuid", ids));
                ps.setArray(3, connection.createArrayOf("text", refs));
                ps.setArray(4, connection.createArrayOf("text", motivation));
                ps.setArray(5, connection.createArrayOf("text", expertise));
                ps.setArray(6, connection.createArrayOf("text", availability));
                ps.setArray(7, connection.createArrayOf("text", source));
                ps.setArray(8, connection.createArrayOf("text", outcome));
                ps.setArray(9, connection.createArrayOf("text", created));
                ps.setArray(10, connection.createArrayOf("text", placed));
                ps.executeUpdate();
            }
        });
    }

    /** One line of a bulk sign-up as read: its row number, the sign-up, or why it could not be read. */
    public record BulkLine(long row, SignupIn signup, nl.meedoen.commons.problem.Problem.FieldError error) {}

    @Transactional
    public Signup signUpByToken(TokenSignupIn in) {
        if (in == null || in.token() == null || in.token().isBlank()) {
            throw ProblemException.invalidField("token", "required");
        }
        OutreachInvitation inv = invitation(in.token());
        Campaign c = Campaign.findById(inv.campaignId);
        return register(
                c,
                inv.tenantRef,
                Signup.Source.valueOf(inv.source),
                new Texts(in.motivation(), in.expertise(), in.availability()));
    }

    /**
     * What a personal sign-up link opens: the campaign, the tenant's sign-up (any channel, also withdrawn) and what she
     * can do now, decided by the same rules as signing up and withdrawing.
     */
    @Transactional
    public SignupViews.TokenInvitationOut invitationView(String token) {
        OutreachInvitation inv = invitation(token);
        Campaign c = Campaign.findById(inv.campaignId);
        PopulationMember m = PopulationMember.findById(inv.tenantRef);
        Signup s = Signup.of(c.id, inv.tenantRef);
        Refusal refusal = refusal(c, Campaigns.rules(c), m, s != null, LocalDate.now(ZoneOffset.UTC));
        boolean active = s != null && Signup.ACTIVE.equals(s.status);
        return new SignupViews.TokenInvitationOut(
                nl.meedoen.recruitment.campaign.CampaignViews.CampaignOut.from(c),
                m == null ? null : m.language,
                s == null ? null : SignupOut.of(s),
                refusal == null,
                refusal == null ? null : refusal.name(),
                active && withdrawalRefusal(c) == null,
                asks(c.mode()));
    }

    /** Withdrawal through the personal link: the same rules as the organiser's withdrawal. */
    @Transactional
    public Signup withdrawByToken(TokenIn in) {
        if (in == null || in.token() == null || in.token().isBlank()) {
            throw ProblemException.invalidField("token", "required");
        }
        OutreachInvitation inv = invitation(in.token());
        return withdraw(inv.campaignId, inv.tenantRef);
    }

    /** The sign-up page's address, where a letter's short code is typed: the sign-up link without its '#'. */
    String codeUrl() {
        String url = config.signupUrl();
        return url.endsWith("#") ? url.substring(0, url.length() - 1) : url;
    }

    /** The invitation of a link's token or of the short code from its message; 404 for neither. */
    private OutreachInvitation invitation(String token) {
        OutreachInvitation inv = token == null || token.isBlank()
                ? null
                : ShortCodes.normal(token) != null
                        ? OutreachInvitation.find("shortCodeHash", codes.hash(token))
                                .firstResult()
                        : OutreachInvitation.findById(hash(token));
        if (inv == null) {
            throw ProblemException.notFound("sign-up link");
        }
        return inv;
    }

    /** What a sign-up page asks, by how the campaign chooses: what those who choose read (all optional). */
    static List<String> asks(Campaign.SelectionMode mode) {
        return switch (mode) {
            // the board appoints on knowledge, experience and interest
            case APPOINTMENT -> List.of("motivation", "expertise", "availability");
            // a lottery reads none of it; the organisers plan the sessions with the availability
            case LOTTERY_WHEN_OVERSUBSCRIBED -> List.of("motivation", "availability");
            // first come: an event's places need nothing more
            case OPEN_UP_TO_CAPACITY -> List.of();
        };
    }

    /** What the tenant wrote when signing up (erased after the campaign: {@link SignupRetention}). */
    record Texts(String motivation, String expertise, String availability) {
        static Texts of(SignupIn in) {
            return new Texts(in.motivation(), in.expertise(), in.availability());
        }
    }

    private Signup register(Campaign c, String tenantRef, Signup.Source source, Texts texts) {
        check(
                c,
                Campaigns.rules(c),
                tenantRef,
                PopulationMember.findById(tenantRef),
                Signup.of(c.id, tenantRef) != null);
        Signup.Outcome place = null;
        int position = 0;
        if (c.mode() == Campaign.SelectionMode.OPEN_UP_TO_CAPACITY) {
            // everyone is in, first come, up to capacity; the campaign row is locked so two sign-ups never take one
            // last seat
            em.lock(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            place = Signup.seated(c.id) < c.seats ? Signup.Outcome.SELECTED : Signup.Outcome.WAITLISTED;
            if (place == Signup.Outcome.WAITLISTED) {
                position = Signup.withOutcome(c.id, Signup.Outcome.WAITLISTED).size() + 1;
            }
        }
        Signup s = newSignup(c, tenantRef, source, texts, OffsetDateTime.now(ZoneOffset.UTC));
        if (place != null) {
            s.outcome = place.name();
            s.placedAt = s.createdAt;
        }
        s.persist();
        campaigns.publish(c, RecruitmentEventV1.SIGNUP_RECEIVED, tenantRef, source.name(), null, null);
        MessageRequestV1 m = confirmation(c, tenantRef);
        outbox.publish(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, tenantRef, m);
        if (place != null) {
            places.tell(c, tenantRef, place == Signup.Outcome.SELECTED ? Places.SEATED : Places.WAITLISTED, position);
        }
        return s;
    }

    /** Why a tenant cannot sign up now ({@link #refusal}); the sign-up page says each in its own words. */
    enum Refusal {
        CAMPAIGN_NOT_OPEN,
        NOT_YET_OPEN,
        WINDOW_CLOSED,
        NOT_ELIGIBLE,
        ALREADY_SIGNED_UP
    }

    /** What every sign-up must pass, in this order: open, within the window, eligible, not signed up yet; null: passes. */
    static Refusal refusal(
            Campaign c, List<EligibilityRule> rules, PopulationMember m, boolean alreadySignedUp, LocalDate today) {
        if (c.state() != Campaign.Status.OPEN) {
            return Refusal.CAMPAIGN_NOT_OPEN;
        }
        if (today.isBefore(c.signupOpens)) {
            return Refusal.NOT_YET_OPEN;
        }
        if (today.isAfter(c.signupCloses)) {
            return Refusal.WINDOW_CLOSED;
        }
        if (!EligibilityRule.eligible(rules, m)) {
            return Refusal.NOT_ELIGIBLE;
        }
        return alreadySignedUp ? Refusal.ALREADY_SIGNED_UP : null;
    }

    private static void check(
            Campaign c, List<EligibilityRule> rules, String tenantRef, PopulationMember m, boolean alreadySignedUp) {
        Refusal refusal = refusal(c, rules, m, alreadySignedUp, LocalDate.now(ZoneOffset.UTC));
        if (refusal == null) {
            return;
        }
        throw switch (refusal) {
            case CAMPAIGN_NOT_OPEN ->
                new ProblemException(409, "signups-closed", "Sign-ups are not open", "campaign is " + c.status, null);
            case NOT_YET_OPEN, WINDOW_CLOSED ->
                new ProblemException(
                        409,
                        "signups-closed",
                        "Sign-ups are not open",
                        "the sign-up window is " + c.signupOpens + " to " + c.signupCloses,
                        null);
            case NOT_ELIGIBLE ->
                new ProblemException(
                        422,
                        "not-eligible",
                        "Tenant is not eligible",
                        m == null
                                ? "tenant " + tenantRef + " is not in the population"
                                : "tenant " + tenantRef + " does not meet the campaign's eligibility rules",
                        null);
            case ALREADY_SIGNED_UP ->
                ProblemException.conflict("tenant " + tenantRef + " already signed up for this campaign");
        };
    }

    private static Signup newSignup(
            Campaign c, String tenantRef, Signup.Source source, Texts texts, OffsetDateTime at) {
        Signup s = new Signup();
        s.id = UUID.randomUUID();
        s.campaignId = c.id;
        s.tenantRef = tenantRef;
        s.motivation = texts.motivation();
        s.expertise = texts.expertise();
        s.availability = texts.availability();
        s.source = source.name();
        s.status = Signup.ACTIVE;
        s.createdAt = at;
        return s;
    }

    private static MessageRequestV1 confirmation(Campaign c, String tenantRef) {
        return new MessageRequestV1(
                        "recruitment:" + c.id + ":signup-confirmation:" + tenantRef,
                        tenantRef,
                        MessageRequestV1.SERVICE,
                        nl.meedoen.commons.contracts.MessageKind.RECRUITMENT_SIGNUP_CONFIRMATION.key(),
                        Map.of(
                                "campaignTitle",
                                c.title,
                                "drawDate",
                                c.signupCloses.plusDays(1).toString()),
                        null)
                .from(campaignSource(c.id));
    }

    @Transactional
    public Signup withdraw(UUID campaignId, String tenantRef) {
        Campaign c = campaigns.find(campaignId);
        Signup s = Signup.of(c.id, tenantRef);
        if (s == null || Signup.WITHDRAWN.equals(s.status)) {
            throw ProblemException.notFound("active sign-up of " + tenantRef);
        }
        String refused = withdrawalRefusal(c);
        if (refused != null) {
            throw ProblemException.conflict(refused);
        }
        boolean hadSeat = Signup.Outcome.SELECTED.name().equals(s.outcome)
                || Signup.Outcome.CONFIRMED.name().equals(s.outcome);
        s.status = Signup.WITHDRAWN;
        campaigns.publish(c, RecruitmentEventV1.SIGNUP_WITHDRAWN, tenantRef, s.source, null, null);
        if (hadSeat && c.mode() == Campaign.SelectionMode.OPEN_UP_TO_CAPACITY) {
            em.lock(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            Signup next = places.promote(c); // the first on the waitlist takes the seat that came free
            if (next != null) {
                campaigns.publish(c, RecruitmentEventV1.PARTICIPANT_REPLACED, tenantRef, null, null, next.tenantRef);
            }
        }
        return s;
    }

    /** Why no sign-up of the campaign can be withdrawn now (a seat is then declined instead); null: it can. */
    private String withdrawalRefusal(Campaign c) {
        if (c.state() == Campaign.Status.DRAWN || draw.committed(c.id)) {
            return "the draw is committed: a selected tenant declines instead (replacement from the waitlist)";
        }
        if (c.state() == Campaign.Status.SEATED) {
            return "campaign is SEATED: a seated tenant declines instead (replacement from the waitlist)";
        }
        if (draw.beingCommitted(c.id)) {
            return "the draw is being committed; withdraw after it has finished (a selected tenant then declines)";
        }
        return null;
    }

    @Override
    public long seated(UUID campaignId) {
        return Signup.seated(campaignId);
    }

    @Override
    public void fillFromWaitlist(Campaign c) {
        places.promoteAll(c);
    }

    @Override
    public int tellCancelled(Campaign c, String reason) {
        List<Signup> told = Signup.active(c.id);
        outbox.publishAll(
                MessageRequestV1.TOPIC,
                MessageRequestV1.TYPE,
                told.stream()
                        .map(s -> {
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("campaignTitle", c.title);
                            data.put("reason", reason);
                            return new MessageRequestV1(
                                            "recruitment:" + c.id + ":" + Campaigns.CANCELLED_MESSAGE + ":"
                                                    + s.tenantRef,
                                            s.tenantRef,
                                            MessageRequestV1.SERVICE,
                                            Campaigns.CANCELLED_MESSAGE,
                                            data,
                                            null)
                                    .from(campaignSource(c.id));
                        })
                        .toList(),
                MessageRequestV1::tenantRef);
        return told.size();
    }

    public List<Signup> list(UUID campaignId) {
        return Signup.all(campaigns.find(campaignId).id);
    }

    public Conversion conversion(UUID campaignId, String attribute) {
        Campaign c = campaigns.find(campaignId);
        nl.meedoen.population.PopulationAttribute attr = attribute == null
                ? null
                : nl.meedoen.population.PopulationAttribute.parse(attribute)
                        .orElseThrow(() -> ProblemException.invalidField(
                                "attribute",
                                "one of " + Arrays.toString(nl.meedoen.population.PopulationAttribute.values())));
        // Counted by PostgreSQL: an outreach to half a million tenants is half a million invitation rows.
        Map<String, long[]> perSource = new java.util.HashMap<>();
        // reached: delivered (an email SENT) or printed (a letter), as notification-service reported it; requested:
        // asked of it
        for (Object row : em.createNativeQuery(
                        "SELECT source, count(*) FILTER (WHERE reached_at IS NOT NULL), 0, 0, count(*)"
                                + " FROM outreach_invitation WHERE campaign_id = ?1 GROUP BY 1"
                                + " UNION ALL SELECT source, 0, count(*), count(*) FILTER (WHERE status = 'WITHDRAWN'), 0 FROM signup WHERE campaign_id = ?1 GROUP BY 1")
                .setParameter(1, c.id)
                .getResultList()) {
            add(perSource, (Object[]) row);
        }
        Map<String, Map<String, Long>> byChannel = new java.util.HashMap<>();
        for (Object row : em.createNativeQuery("SELECT source, reached_channel, count(*) FROM outreach_invitation"
                        + " WHERE campaign_id = ?1 AND reached_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")
                .setParameter(1, c.id)
                .getResultList()) {
            Object[] r = (Object[]) row;
            byChannel
                    .computeIfAbsent((String) r[0], k -> new java.util.TreeMap<>())
                    .put(r[1] == null ? "UNKNOWN" : (String) r[1], ((Number) r[2]).longValue());
        }
        Map<String, List<String>> mailings = new java.util.HashMap<>();
        for (Object row : em.createNativeQuery(
                        "SELECT source, mailing_id FROM outreach_invitation WHERE campaign_id = ?1"
                                + " AND mailing_id IS NOT NULL GROUP BY 1, 2 ORDER BY min(created_at)")
                .setParameter(1, c.id)
                .getResultList()) {
            Object[] r = (Object[]) row;
            mailings.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(OutreachJob.MAILINGS + r[1]);
        }
        List<SourceConversion> out = new ArrayList<>();
        for (Signup.Source src : Signup.Source.values()) {
            long[] n = perSource.getOrDefault(src.name(), new long[4]);
            out.add(new SourceConversion(
                    src.name(),
                    n[3],
                    n[0],
                    n[1],
                    n[2],
                    n[0] == 0 ? null : (double) n[1] / n[0],
                    byChannel.getOrDefault(src.name(), Map.of()),
                    mailings.getOrDefault(src.name(), List.of())));
        }
        List<SignupViews.GroupConversion> groups = null;
        if (attr != null) {
            EligibilityRule.Condition eligible = EligibilityRule.sql(Campaigns.rules(c), "p", 2);
            String value = "coalesce(p." + attr.column() + ", 'unknown')";
            var query = em.createNativeQuery("SELECT " + value + ", count(*), 0, 0 FROM population_member p WHERE "
                    + eligible.sql() + " GROUP BY 1"
                    + " UNION ALL SELECT " + value
                    + ", 0, count(*), 0 FROM (SELECT DISTINCT tenant_ref FROM outreach_invitation"
                    + " WHERE campaign_id = ?1 AND reached_at IS NOT NULL) i"
                    + " LEFT JOIN population_member p ON p.tenant_ref = i.tenant_ref GROUP BY 1"
                    + " UNION ALL SELECT " + value
                    + ", 0, 0, count(*) FROM signup s LEFT JOIN population_member p ON p.tenant_ref = s.tenant_ref"
                    + " WHERE s.campaign_id = ?1 GROUP BY 1");
            query.setParameter(1, c.id);
            for (int i = 0; i < eligible.parameters().size(); i++) {
                query.setParameter(i + 2, eligible.parameters().get(i));
            }
            Map<String, long[]> counts = new java.util.TreeMap<>();
            for (Object row : query.getResultList()) {
                add(counts, (Object[]) row);
            }
            groups = new ArrayList<>();
            for (var e : counts.entrySet()) {
                long[] n = e.getValue();
                groups.add(new SignupViews.GroupConversion(
                        e.getKey(), n[0], n[1], n[2], n[1] == 0 ? null : (double) n[2] / n[1]));
            }
        }
        return new Conversion(c.id, out, attr == null ? null : attr.name(), groups);
    }

    /** Adds a row {key, a, b, ...} of counts to the counters of its key. */
    private static void add(Map<String, long[]> counts, Object[] row) {
        long[] n = counts.computeIfAbsent((String) row[0], k -> new long[row.length - 1]);
        for (int i = 0; i < row.length - 1; i++) {
            n[i] += ((Number) row[i + 1]).longValue();
        }
    }

    static Signup.Source source(String s, String field) {
        return Arrays.stream(Signup.Source.values())
                .filter(v -> v.name().equals(s))
                .findFirst()
                .orElseThrow(() ->
                        ProblemException.invalidField(field, "one of " + Arrays.toString(Signup.Source.values())));
    }
}
