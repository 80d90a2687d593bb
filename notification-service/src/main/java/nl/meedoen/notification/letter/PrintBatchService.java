package nl.meedoen.notification.letter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.NotificationConfig;
import nl.meedoen.notification.delivery.Delivery;
import nl.meedoen.notification.delivery.DeliveryEvents;
import nl.meedoen.notification.delivery.DeliveryStatus;
import nl.meedoen.notification.delivery.EmailWorker;
import nl.meedoen.notification.delivery.RecipientPolicy;
import nl.meedoen.notification.optout.OptOutCodes;
import nl.meedoen.notification.optout.OptOutService;
import nl.meedoen.notification.template.TemplateRenderer;
import nl.meedoen.notification.template.TemplateService;
import nl.meedoen.notification.template.TemplateView;
import nl.meedoen.notification.template.TemplateViews;
import nl.meedoen.notification.template.TenantTexts;
import nl.meedoen.notification.tenant.Tenant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Print batches: letters waiting are collected, rendered to PDF + manifest, and followed to the post box. */
@ApplicationScoped
public class PrintBatchService {

    public static final int MAX_LETTERS = 5000;

    /** A batch as the API shows it. */
    public record BatchView(
            UUID id,
            PrintBatch.Status status,
            int letters,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The one source it was made for; absent when it took the letters of every source",
                    example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c")
            String source,

            OffsetDateTime createdAt,
            OffsetDateTime printedAt,
            OffsetDateTime postedAt,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The job that made it",
                    example = "/api/v1/jobs/notification/0c4e...")
            String job) {
        static BatchView of(PrintBatch b) {
            return new BatchView(
                    b.id,
                    PrintBatch.Status.valueOf(b.status),
                    b.letters,
                    b.source,
                    b.createdAt,
                    b.printedAt,
                    b.postedAt,
                    b.jobId == null
                            ? null
                            : org.eclipse.microprofile.config.ConfigProvider.getConfig()
                                            .getValue("meedoen.jobs.path", String.class)
                                    + "/" + b.jobId);
        }
    }

    /** One letter of a batch with its recipient: what the PDF page and the manifest line hold. */
    public record Entry(
            int page,
            UUID deliveryId,
            String tenantRef,
            String name,
            String street,
            int houseNumber,
            String suffix,
            String postcode,
            String city,
            String templateKey,
            String language,
            LetterPdf.Letter letter) {}

    @Inject
    EntityManager em;

    @Inject
    OptOutService optOuts;

    @Inject
    DeliveryEvents events;

    @Inject
    TemplateService templates;

    @Inject
    EmailWorker links;

    @Inject
    ObjectMapper mapper;

    @Inject
    OptOutCodes optOutCodes;

    @Inject
    NotificationConfig config;

    @ConfigProperty(name = "meedoen.public-base-url")
    String publicBaseUrl;

    /** The data key of a short code; printed under the QR code with {@link #codeUrl(Map)}. */
    public static final String SHORT_CODE = "shortCode";

    private static final Pattern LINK_PLACEHOLDER = Pattern.compile("\\{\\s*([A-Za-z]+Url)\\b");

    private static final String WAITING = """
            d.status = 'QUEUED' AND d.channel = 'LETTER'
              AND (d.mailing_id IS NULL OR EXISTS (SELECT 1 FROM mailing m WHERE m.id = d.mailing_id AND m.status IN ('RUNNING', 'COMPLETED')))""";

    /** Whether any letter (of {@code source}, or of any source when null) waits to be printed: a batch job would find something. */
    @Transactional
    public boolean waiting(String source) {
        var query = em.createNativeQuery("SELECT 1 FROM delivery d WHERE " + WAITING
                + (source == null ? "" : " AND d.source = ?1") + " LIMIT 1");
        if (source != null) {
            query.setParameter(1, source);
        }
        return !query.getResultList().isEmpty();
    }

    /** The batch the print-batch job {@code jobId} made, or null when it has made none (yet). */
    @Transactional
    public BatchView madeBy(UUID jobId) {
        PrintBatch b = PrintBatch.find("jobId", jobId).firstResult();
        return b == null ? null : BatchView.of(b);
    }

    /**
     * Collects waiting letters (oldest first, at most {@code limit}; only those of {@code source} unless it is null) into a
     * batch made by job {@code jobId}; letters that may no longer go out are held back. 409 when none is left to print: then
     * nothing is written.
     */
    @Transactional
    public BatchView create(int limit, String source, UUID jobId) {
        @SuppressWarnings("unchecked")
        var query = em.createNativeQuery(
                        "SELECT d.id FROM delivery d WHERE " + WAITING + (source == null ? "" : " AND d.source = ?2")
                                + " ORDER BY d.created_at LIMIT ?1 FOR UPDATE OF d SKIP LOCKED")
                .setParameter(1, limit);
        if (source != null) {
            query.setParameter(2, source);
        }
        List<Object> ids = query.getResultList();
        List<Delivery> waiting = Delivery.list("id in ?1", ids);
        Map<String, Set<String>> scopes =
                optOuts.scopes(waiting.stream().map(d -> d.tenantRef).toList());
        PrintBatch batch = new PrintBatch();
        batch.id = UUID.randomUUID();
        batch.status = PrintBatch.Status.CREATED.name();
        batch.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        batch.jobId = jobId;
        batch.source = source;
        List<Delivery> batched = new ArrayList<>();
        for (Delivery d : waiting) {
            Set<String> s = scopes.getOrDefault(d.tenantRef, Set.of());
            DeliveryStatus.Reason reason = Tenant.findById(d.tenantRef) == null
                    ? DeliveryStatus.Reason.ERASED
                    : RecipientPolicy.optedOut(d.purpose, s) ? DeliveryStatus.Reason.OPTED_OUT : null;
            d.updatedAt = batch.createdAt;
            if (reason != null) {
                d.status = DeliveryStatus.SUPPRESSED.name();
                d.reason = reason.name();
                d.data = null;
                events.publish(d);
            } else {
                batched.add(d);
            }
        }
        if (batched.isEmpty()) {
            throw ProblemException.conflict(
                    source == null
                            ? "no letters are waiting to be printed"
                            : "no letters of " + source + " are waiting to be printed");
        }
        batch.letters = batched.size();
        batch.persist();
        em.flush();
        for (Delivery d : batched) {
            d.status = DeliveryStatus.BATCHED.name();
            d.printBatchId = batch.id;
        }
        giveOptOutCodes(batched);
        return BatchView.of(batch);
    }

    /**
     * Every non-transactional letter of a batch gets its opt-out short code, kept as its HMAC, so that the tenant can
     * type it on the preferences page. 50 bits: should a code already be taken (by another delivery, or twice in this
     * batch), that letter keeps printing its opt-out link instead.
     */
    private void giveOptOutCodes(List<Delivery> batched) {
        Map<Delivery, String> hashes = new LinkedHashMap<>();
        for (Delivery d : batched) {
            if (!RecipientPolicy.transactional(d.purpose) && d.optOutCodeHash == null) {
                hashes.put(d, optOutCodes.hash(optOutCodes.code(d.id)));
            }
        }
        if (hashes.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> taken = new java.util.HashSet<>(
                em.createNativeQuery("SELECT opt_out_code_hash FROM delivery WHERE opt_out_code_hash IN (?1)")
                        .setParameter(1, List.copyOf(hashes.values()))
                        .getResultList());
        for (Map.Entry<Delivery, String> e : hashes.entrySet()) {
            if (taken.add(e.getValue())) {
                e.getKey().optOutCodeHash = e.getValue();
            }
        }
    }

    /** The stored PDF of a batch, or null when it has none (made before PDFs were stored, or dropped by an erasure). */
    @Transactional
    public byte[] storedPdf(UUID id) {
        find(id, false);
        List<?> pdf = em.createNativeQuery("SELECT pdf FROM print_batch WHERE id = ?1 AND pdf IS NOT NULL")
                .setParameter(1, id)
                .getResultList();
        return pdf.isEmpty() ? null : (byte[]) pdf.get(0);
    }

    @Transactional
    public void storePdf(UUID id, byte[] pdf) {
        em.createNativeQuery("UPDATE print_batch SET pdf = ?2 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, pdf)
                .executeUpdate();
    }

    /** Undoes a batch whose PDF could not be made: its letters wait again, the batch is gone. */
    @Transactional
    public void undo(UUID id) {
        em.createNativeQuery(
                        "UPDATE delivery SET status = 'QUEUED', print_batch_id = NULL WHERE print_batch_id = ?1 AND status = 'BATCHED'")
                .setParameter(1, id)
                .executeUpdate();
        em.createNativeQuery("UPDATE delivery SET print_batch_id = NULL WHERE print_batch_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM print_batch WHERE id = ?1 AND status = 'CREATED'")
                .setParameter(1, id)
                .executeUpdate();
    }

    /** The id of the live (queued or running) job of {@code kind} on {@code subject}, if any. */
    @Transactional
    public UUID liveJob(String kind, String subject) {
        List<?> ids = em.createNativeQuery(
                        "SELECT id FROM job WHERE kind = ?1 AND subject = ?2 AND status IN ('QUEUED', 'RUNNING')")
                .setParameter(1, kind)
                .setParameter(2, subject)
                .getResultList();
        return ids.isEmpty() ? null : (UUID) ids.get(0);
    }

    /** Whether job {@code id} is queued or running. */
    @Transactional
    public boolean live(UUID jobId) {
        return jobId != null
                && !em.createNativeQuery("SELECT 1 FROM job WHERE id = ?1 AND status IN ('QUEUED', 'RUNNING')")
                        .setParameter(1, jobId)
                        .getResultList()
                        .isEmpty();
    }

    @Transactional
    public BatchView get(UUID id) {
        return BatchView.of(find(id, false));
    }

    @Transactional
    public Page<BatchView> list(PageRequest page) {
        List<PrintBatch> rows = page.afterKey() == null
                ? PrintBatch.find("order by id").page(0, page.limit() + 1).list()
                : PrintBatch.find("id > ?1 order by id", parse(page.afterKey()))
                        .page(0, page.limit() + 1)
                        .list();
        return page.page(rows.stream().map(BatchView::of).toList(), b -> b.id().toString());
    }

    /** The letters of a batch, in page order, rendered (erased tenants' letters are left out). */
    @Transactional
    public List<Entry> entries(UUID id) {
        return entries(id, true);
    }

    /** The letters of a batch in page order; {@code render} false leaves the letters out (the manifest needs the addresses only). */
    @Transactional
    public List<Entry> entries(UUID id, boolean render) {
        find(id, false);
        List<Delivery> letters = Delivery.list(
                "printBatchId = ?1 and status in ('BATCHED', 'PRINTED', 'POSTED', 'RETURNED') order by tenantRef", id);
        List<Entry> entries = new ArrayList<>(letters.size());
        Map<String, Tenant> tenants = letters.isEmpty()
                ? Map.of()
                : Tenant.<Tenant>list(
                                "tenantRef in ?1",
                                letters.stream().map(d -> d.tenantRef).toList())
                        .stream()
                        .collect(java.util.stream.Collectors.toMap(t -> t.tenantRef, t -> t));
        for (Delivery d : letters) {
            Tenant t = tenants.get(d.tenantRef);
            if (t == null) {
                continue;
            }
            TemplateView template = templates
                    .cachedVersion(d.templateKey, d.language, d.templateVersion)
                    .orElseThrow();
            entries.add(new Entry(
                    entries.size() + 1,
                    d.id,
                    d.tenantRef,
                    t.name,
                    t.street,
                    t.houseNumber,
                    t.houseNumberSuffix,
                    t.postcode,
                    t.city,
                    d.templateKey,
                    template.language(),
                    render ? letter(d, t, template) : null));
        }
        return entries;
    }

    /** One letter as printed: the template rendered with the delivery's data, addressed to the tenant. */
    private LetterPdf.Letter letter(Delivery d, Tenant t, TemplateView template) {
        Map<String, Object> data;
        try {
            data = d.data == null
                    ? Map.of()
                    : mapper.readValue(d.data, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        TemplateViews.Rendered rendered = templates.render(template, data, t.name, optOut(d, template.language()));
        String line = t.street + " " + t.houseNumber + (t.houseNumberSuffix == null ? "" : " " + t.houseNumberSuffix);
        String date = LocalDate.now(ZoneId.of("Europe/Amsterdam"))
                .format(DateTimeFormatter.ofPattern(
                        "d MMMM yyyy", Locale.forLanguageTag(TenantTexts.shownIn(template.language()))));
        return new LetterPdf.Letter(
                t.name,
                line,
                t.postcode + "  " + t.city.toUpperCase(Locale.ROOT),
                date,
                rendered.subject(),
                rendered.text(),
                template.language(),
                personalLink(template.text(), data),
                shortCode(data),
                codeUrl(data));
    }

    /**
     * What a letter prints where a mail has its opt-out link ({@code {unsubscribeUrl}}): where to go and the letter's
     * opt-out code to type there, in the letter's language; the link itself for a letter without a code (batched before
     * codes, a taken code, or a code secret changed since); nothing for a transactional letter.
     */
    private String optOut(Delivery d, String language) {
        if (RecipientPolicy.transactional(d.purpose)) {
            return null;
        }
        String code = optOutCodes.code(d.id);
        if (d.optOutCodeHash == null || !d.optOutCodeHash.equals(optOutCodes.hash(code))) {
            return links.unsubscribePageUrl(d.id);
        }
        return TenantTexts.text(language, "letter.opt-out-code")
                .replace("{url}", LetterPdf.typable(config.preferencesPageUrl()))
                .replace("{code}", code);
    }

    /**
     * The link the letter is about, for its QR code: the first {@code {…Url}} placeholder of the
     * template's text that the data fills with a web address (the opt-out link is not it), else any
     * such data value; null when the letter has none.
     */
    static String personalLink(String templateText, Map<String, Object> data) {
        Matcher m = LINK_PLACEHOLDER.matcher(templateText == null ? "" : templateText);
        while (m.find()) {
            if (!TemplateRenderer.UNSUBSCRIBE_URL.equals(m.group(1)) && link(data.get(m.group(1))) != null) {
                return link(data.get(m.group(1)));
            }
        }
        return data.entrySet().stream()
                .filter(e -> e.getKey().endsWith("Url")
                        && !TemplateRenderer.UNSUBSCRIBE_URL.equals(e.getKey())
                        && !CODE_URL.equals(e.getKey()))
                .map(e -> link(e.getValue()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static String link(Object value) {
        return value instanceof String s && (s.startsWith("https://") || s.startsWith("http://")) ? s : null;
    }

    /** The short code a tenant can type instead of the link (consultation invitations and reminders carry one). */
    static String shortCode(Map<String, Object> data) {
        return data.get(SHORT_CODE) instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /**
     * The data key of where a message's short code is typed, when not at {@code /c} (a campaign's outreach: its sign-up
     * page); never the letter's QR link.
     */
    public static final String CODE_URL = "codeUrl";

    /**
     * Where a short code is typed: the message's own {@code codeUrl} when it names a web address (a campaign letter's code
     * is typed on its sign-up page), else {@code /c} under the deployment's public base URL (a consultation's).
     */
    String codeUrl(Map<String, Object> data) {
        String own = link(data.get(CODE_URL));
        if (own != null) {
            return own;
        }
        return (publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl)
                + "/c";
    }

    @Transactional
    public BatchView printed(UUID id) {
        PrintBatch b = find(id, true);
        if (!PrintBatch.Status.CREATED.name().equals(b.status)) {
            throw ProblemException.conflict("batch is " + b.status + "; only a CREATED batch can be printed");
        }
        b.status = PrintBatch.Status.PRINTED.name();
        b.printedAt = OffsetDateTime.now(ZoneOffset.UTC);
        move(id, List.of(DeliveryStatus.BATCHED), DeliveryStatus.PRINTED);
        return BatchView.of(b);
    }

    @Transactional
    public BatchView posted(UUID id) {
        PrintBatch b = find(id, true);
        if (PrintBatch.Status.POSTED.name().equals(b.status)) {
            throw ProblemException.conflict("batch is already POSTED");
        }
        b.status = PrintBatch.Status.POSTED.name();
        b.postedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (b.printedAt == null) {
            b.printedAt = b.postedAt;
        }
        move(id, List.of(DeliveryStatus.BATCHED, DeliveryStatus.PRINTED), DeliveryStatus.POSTED);
        // the letters, with the tenants' personal links, have left: neither their data nor the PDF is needed again
        em.createNativeQuery("UPDATE print_batch SET pdf = NULL WHERE id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        return BatchView.of(b);
    }

    /** Letters that came back undelivered. */
    @Transactional
    public List<UUID> returned(UUID id, List<UUID> deliveryIds) {
        PrintBatch b = find(id, true);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Delivery> letters = new ArrayList<>();
        for (int i = 0; i < deliveryIds.size(); i++) {
            Delivery d = deliveryIds.get(i) == null ? null : Delivery.findById(deliveryIds.get(i));
            if (d == null || !b.id.equals(d.printBatchId)) {
                errors.add(new Problem.FieldError("deliveryIds[" + i + "]", "not a letter of this batch"));
            } else if (!DeliveryStatus.POSTED.name().equals(d.status)
                    && !DeliveryStatus.RETURNED.name().equals(d.status)) {
                errors.add(new Problem.FieldError("deliveryIds[" + i + "]", "is " + d.status + ", not POSTED"));
            } else {
                letters.add(d);
            }
        }
        if (!errors.isEmpty() || deliveryIds.isEmpty()) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    deliveryIds.isEmpty() ? "deliveryIds: at least one" : ProblemException.summary(errors),
                    deliveryIds.isEmpty() ? List.of(new Problem.FieldError("deliveryIds", "at least one")) : errors);
        }
        for (Delivery d : letters) {
            if (!DeliveryStatus.RETURNED.name().equals(d.status)) {
                d.status = DeliveryStatus.RETURNED.name();
                d.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                events.publish(d);
            }
        }
        return letters.stream().map(d -> d.id).toList();
    }

    private void move(UUID batchId, List<DeliveryStatus> from, DeliveryStatus to) {
        List<Delivery> letters = Delivery.list(
                "printBatchId = ?1 and status in ?2",
                batchId,
                from.stream().map(Enum::name).toList());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Delivery d : letters) {
            d.status = to.name();
            d.updatedAt = now;
            if (to == DeliveryStatus.POSTED) {
                d.sentAt = now;
                d.data = null;
            }
            events.publish(d);
        }
    }

    private static PrintBatch find(UUID id, boolean lock) {
        PrintBatch b = lock ? PrintBatch.findById(id, LockModeType.PESSIMISTIC_WRITE) : PrintBatch.findById(id);
        if (b == null) {
            throw ProblemException.notFound("print batch " + id);
        }
        return b;
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("after", "not a cursor returned by this API");
        }
    }
}
