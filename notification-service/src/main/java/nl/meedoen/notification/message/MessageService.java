package nl.meedoen.notification.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.privacy.TenantErased;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.delivery.Delivery;
import nl.meedoen.notification.delivery.DeliveryEvents;
import nl.meedoen.notification.delivery.DeliveryQueued;
import nl.meedoen.notification.delivery.DeliveryStatus;
import nl.meedoen.notification.delivery.DeliveryView;
import nl.meedoen.notification.delivery.MessageRequested;
import nl.meedoen.notification.delivery.RecipientLookups;
import nl.meedoen.notification.delivery.RecipientPolicy;
import nl.meedoen.notification.delivery.Sources;
import nl.meedoen.notification.mailing.MailingService;
import nl.meedoen.notification.optout.UnsubscribeTokens;
import nl.meedoen.notification.template.TemplateService;
import nl.meedoen.notification.template.TemplateView;
import nl.meedoen.notification.tenant.Tenant;
import nl.meedoen.notification.tenant.TenantRegister;

/**
 * Turns a message request (Kafka or API) into exactly one delivery: validated first (a rejected
 * request leaves nothing behind), then queued or held back with the reason.
 */
@ApplicationScoped
public class MessageService {

    static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final java.util.regex.Pattern TENANT_REF = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final List<String> PURPOSES = List.of(
            MessageRequestV1.CONSULTATION,
            MessageRequestV1.PANEL,
            MessageRequestV1.RECRUITMENT,
            MessageRequestV1.FEEDBACK,
            MessageRequestV1.SERVICE);

    /** The delivery and whether this call created it (false: the requestId was seen before). */
    public record Accepted(DeliveryView delivery, boolean created) {}

    @Inject
    TemplateService templates;

    @Inject
    RecipientLookups recipients;

    @Inject
    DeliveryEvents events;

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<DeliveryQueued> queued;

    @Inject
    MailingService mailings;

    @Inject
    TenantRegister register;

    /**
     * A request naming a mailing ({@code mailingId}) is attached to it: opened here when its mailing request has not
     * arrived yet, created {@code CANCELLED} when the mailing was cancelled, and sent only while the mailing runs.
     *
     * @param unknownTenantIsAnError true for API callers (422); a Kafka request for an unknown tenant
     *                               becomes a delivery held back with reason UNKNOWN_TENANT, so the
     *                               requesting service learns why
     */
    @Transactional
    public Accepted accept(MessageRequestV1 request, boolean unknownTenantIsAnError) {
        List<Problem.FieldError> errors = validate(request);
        if (Sources.check("source", request.source()) != null) {
            errors.add(Sources.check("source", request.source()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        String source = request.source();
        boolean cancelled = false;
        if (request.mailingId() != null) {
            MailingService.Attached mailing = mailings.attach(request);
            source = source != null ? source : mailing.source();
            cancelled = mailing.cancelled();
        }
        Tenant tenant = Tenant.findById(
                request.tenantRef(), LockModeType.PESSIMISTIC_WRITE); // one decision per tenant at a time
        if (tenant == null && !unknownTenantIsAnError && register.erased(request.tenantRef())) {
            // asked for before her erasure and arriving after it (e.g. a draw's outcome): nothing of hers is stored
            return new Accepted(DeliveryView.of(heldBackAfterErasure(request, source)), true);
        }
        Optional<Delivery> existing =
                Delivery.find("requestId", request.requestId()).firstResultOptional();
        if (existing.isPresent()) {
            Delivery d = existing.get();
            if (!d.tenantRef.equals(request.tenantRef())
                    || !d.templateKey.equals(request.templateKey())
                    || !d.purpose.equals(request.purpose())) {
                throw ProblemException.conflict(
                        "requestId " + request.requestId() + " was already used for another message");
            }
            return new Accepted(DeliveryView.of(d), false);
        }
        if (request.mailingId() != null
                && Delivery.count("mailingId = ?1 and tenantRef = ?2", request.mailingId(), request.tenantRef()) > 0) {
            throw ProblemException.conflict(
                    "mailing " + request.mailingId() + " already has a message to " + request.tenantRef());
        }
        if (tenant == null && unknownTenantIsAnError) {
            throw ProblemException.fieldRules(List.of(
                    new Problem.FieldError("tenantRef", "no tenant " + request.tenantRef() + " in the register")));
        }
        TemplateView template = templates
                .resolve(request.templateKey(), tenant == null ? null : tenant.language)
                .orElseThrow();
        errors = TemplateService.missingData(template, request.data());
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        RecipientLookups.Found found = tenant == null
                ? recipients.find(request.purpose(), List.of(), List.of())
                : recipients.find(
                        request.purpose(),
                        List.of(tenant.tenantRef),
                        tenant.email == null ? List.of() : List.of(tenant.email));
        RecipientPolicy.Decision decision = RecipientPolicy.decide(found.facts(
                tenant != null,
                request.tenantRef(),
                tenant == null ? null : tenant.email,
                tenant != null && Tenant.hasPostalAddress(tenant.street, tenant.postcode),
                tenant == null ? null : tenant.preferredChannel,
                request.channel(),
                request.purpose()));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Delivery d = new Delivery();
        d.id = UUID.randomUUID();
        d.requestId = request.requestId();
        d.mailingId = request.mailingId();
        d.source = source;
        d.tenantRef = request.tenantRef();
        d.purpose = request.purpose();
        d.templateKey = request.templateKey();
        d.channel = decision.channel();
        d.status = decision.status().name();
        d.reason = decision.reason() == null ? null : decision.reason().name();
        d.data = decision.status() == DeliveryStatus.QUEUED ? json(request.data()) : null;
        d.language = template.language();
        d.templateVersion = template.version();
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.updatedAt = now;
        if (!RecipientPolicy.transactional(request.purpose())) {
            d.unsubscribeTokenHash = UnsubscribeTokens.hash(tokens.token(d.id));
        }
        if (cancelled
                && decision.status() == DeliveryStatus.QUEUED) { // its mailing was cancelled: recorded, never sent
            d.status = DeliveryStatus.CANCELLED.name();
            d.data = null;
        }
        d.persist();
        if (cancelled && d.status.equals(DeliveryStatus.CANCELLED.name())) {
            return new Accepted(DeliveryView.of(d), true); // as a cancelled mailing's other messages: no event
        }
        if (decision.status() == DeliveryStatus.SUPPRESSED || MessageRequestV1.LETTER.equals(d.channel)) {
            events.publish(d); // held back, or a letter: the sender learns at once how the tenant is reached
        } else {
            queued.fire(new DeliveryQueued());
        }
        return new Accepted(DeliveryView.of(d), true);
    }

    /**
     * The request of an erased tenant, recorded as her deliveries were at the erasure (docs/retention.md): held back
     * ({@code SUPPRESSED}, {@code ERASED}) under a fresh pseudonym, also in the request id, without its data; no event,
     * as nobody could be reached or told about her.
     */
    private static Delivery heldBackAfterErasure(MessageRequestV1 request, String source) {
        String pseudonym = TenantErased.pseudonym();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Delivery d = new Delivery();
        d.id = UUID.randomUUID();
        d.requestId = request.requestId().replace(request.tenantRef(), pseudonym);
        d.mailingId = request.mailingId();
        d.source = source;
        d.tenantRef = pseudonym;
        d.purpose = request.purpose();
        d.templateKey = request.templateKey();
        d.channel = request.channel() == null ? MessageRequestV1.EMAIL : request.channel();
        d.status = DeliveryStatus.SUPPRESSED.name();
        d.reason = DeliveryStatus.Reason.ERASED.name();
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.updatedAt = now;
        d.persist();
        return d;
    }

    /** A message the sending machinery asks for (an unsubscribe confirmation), accepted as a Kafka request is. */
    @Transactional
    void onRequested(@jakarta.enterprise.event.Observes MessageRequested requested) {
        accept(requested.request(), false);
    }

    /** Field checks that need no tenant: every problem at once, 422 for the API, the DLQ for Kafka. */
    List<Problem.FieldError> validate(MessageRequestV1 r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.requestId() == null || !REQUEST_ID.matcher(r.requestId()).matches()) {
            errors.add(new Problem.FieldError("requestId", "1 to 128 letters, digits or . _ : -"));
        }
        if (r.tenantRef() == null || !TENANT_REF.matcher(r.tenantRef()).matches()) {
            errors.add(new Problem.FieldError("tenantRef", "1 to 64 letters, digits or . _ -"));
        }
        if (r.purpose() == null || !PURPOSES.contains(r.purpose())) { // List.of(...).contains(null) throws
            errors.add(new Problem.FieldError("purpose", "must be one of " + PURPOSES));
        }
        if (r.channel() != null
                && !Objects.equals(r.channel(), MessageRequestV1.EMAIL)
                && !Objects.equals(r.channel(), MessageRequestV1.LETTER)) {
            errors.add(new Problem.FieldError("channel", "must be EMAIL or LETTER"));
        }
        if (r.templateKey() == null || !r.templateKey().matches(TemplateService.KEY_PATTERN)) {
            errors.add(new Problem.FieldError("templateKey", "not a template key"));
        } else if (!templates.exists(r.templateKey())) {
            errors.add(new Problem.FieldError("templateKey", "unknown template " + r.templateKey()));
        }
        return errors;
    }

    private String json(Map<String, Object> data) {
        try {
            return mapper.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
