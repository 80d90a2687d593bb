package nl.meedoen.notification.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.ProblemException;

/** The tenant register: upserts and erasures, each publishing the non-personal profile through the outbox. */
@ApplicationScoped
public class TenantRegister {

    /** The outcome of an upsert: whether the tenant is new (201) and whether anything changed. */
    public record Upserted(TenantView tenant, boolean created, boolean changed) {}

    @Inject
    Outbox outbox;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    HouseholdKeys householdKeys;

    @Inject
    jakarta.enterprise.event.Event<TenantErased> erased;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Upserted upsert(String tenantRef, TenantRequest request, String ifMatch) {
        Tenant tenant = Tenant.findById(tenantRef, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean created = tenant == null;
        if (created) {
            Preconditions.checkAbsent(ifMatch, "tenant " + tenantRef);
            tenant = new Tenant();
            tenant.tenantRef = tenantRef;
            tenant.createdAt = OffsetDateTime.now(clock);
        } else {
            Preconditions.check(ifMatch, tenant.version, false);
        }
        boolean changed = apply(tenant, request);
        if (!changed) {
            return new Upserted(TenantView.of(tenant), false, false); // same data again: nothing to publish
        }
        tenant.updatedAt = OffsetDateTime.now(clock);
        tenant.persistAndFlush();
        outbox.publish(TenantProfileV1.TOPIC, TenantProfileV1.CHANGED, tenantRef, profileOf(tenant));
        return new Upserted(TenantView.of(tenant), created, true);
    }

    @Transactional
    public TenantView get(String tenantRef) {
        return TenantView.of(find(tenantRef));
    }

    @Transactional
    public Page<TenantView> list(PageRequest page) {
        List<Tenant> rows = page.afterKey() == null
                ? Tenant.find("order by tenantRef").page(0, page.limit() + 1).list()
                : Tenant.find("tenantRef > ?1 order by tenantRef", page.afterKey())
                        .page(0, page.limit() + 1)
                        .list();
        return page.page(rows.stream().map(TenantView::of).toList(), TenantView::tenantRef);
    }

    /**
     * Right to be forgotten: the personal data goes (from the register, and through {@link TenantErased} from its
     * deliveries and opt-outs; pending messages are held back), and a tombstone tells every other service.
     */
    @Transactional
    public void erase(String tenantRef) {
        Tenant tenant = find(tenantRef);
        tenant.delete();
        erased.fire(new TenantErased(tenantRef));
        outbox.tombstone(TenantProfileV1.TOPIC, TenantProfileV1.ERASED, tenantRef);
        audit.record("tenant.erased", "tenant", tenantRef);
    }

    private static Tenant find(String tenantRef) {
        Tenant tenant = Tenant.findById(tenantRef);
        if (tenant == null) {
            throw ProblemException.notFound("tenant " + tenantRef);
        }
        return tenant;
    }

    /** Copies the request onto the entity; returns whether any stored value changed. */
    private boolean apply(Tenant t, TenantRequest r) {
        TenantRequest.Profile p =
                r.profile() == null ? new TenantRequest.Profile(null, null, null, null, null, null) : r.profile();
        String postcode = HouseholdKeys.normalisePostcode(r.address().postcode());
        String suffix = blankToNull(r.address().houseNumberSuffix());
        String language = r.language() == null ? "nl" : r.language();
        String channel = (r.preferredChannel() == null ? TenantRequest.Channel.EMAIL : r.preferredChannel()).name();
        String householdKey = householdKeys.of(postcode, r.address().houseNumber(), suffix);
        String householdType =
                p.householdType() == null ? null : p.householdType().name();
        String dwellingType = p.dwellingType() == null ? null : p.dwellingType().name();
        boolean changed = !Objects.equals(t.name, r.name())
                || !Objects.equals(t.email, blankToNull(r.email()))
                || !Objects.equals(t.street, r.address().street())
                || t.houseNumber != r.address().houseNumber()
                || !Objects.equals(t.houseNumberSuffix, suffix)
                || !Objects.equals(t.postcode, postcode)
                || !Objects.equals(t.city, r.address().city())
                || !Objects.equals(t.language, language)
                || !Objects.equals(t.preferredChannel, channel)
                || !Objects.equals(t.complexId, blankToNull(p.complexId()))
                || !Objects.equals(t.neighbourhoodCode, p.neighbourhoodCode())
                || !Objects.equals(t.birthYear, p.birthYear())
                || !Objects.equals(t.householdType, householdType)
                || !Objects.equals(t.tenancyStart, p.tenancyStart())
                || !Objects.equals(t.dwellingType, dwellingType);
        t.name = r.name();
        t.email = blankToNull(r.email());
        t.street = r.address().street();
        t.houseNumber = r.address().houseNumber();
        t.houseNumberSuffix = suffix;
        t.postcode = postcode;
        t.city = r.address().city();
        t.language = language;
        t.preferredChannel = channel;
        t.complexId = blankToNull(p.complexId());
        t.neighbourhoodCode = p.neighbourhoodCode();
        t.birthYear = p.birthYear();
        t.householdType = householdType;
        t.tenancyStart = p.tenancyStart();
        t.dwellingType = dwellingType;
        t.householdKey = householdKey;
        return changed;
    }

    /**
     * Publishes the current profile of up to {@code limit} tenants after {@code after} (tenantRef order) again, in
     * its own transaction: a re-sync of {@code tenants.profile.v1} for a new consumer or a lost topic. Idempotent:
     * the topic is compacted and every read model upserts.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Republished republish(String after, int limit) {
        List<Tenant> tenants = Tenant.<Tenant>find("tenantRef > ?1 order by tenantRef", after)
                .page(0, limit)
                .list();
        outbox.publishAll(
                TenantProfileV1.TOPIC,
                TenantProfileV1.CHANGED,
                tenants.stream().map(this::profileOf).toList(),
                TenantProfileV1::tenantRef);
        return new Republished(
                tenants.size(), tenants.size() < limit ? null : tenants.get(tenants.size() - 1).tenantRef);
    }

    /** How many profiles a batch published, and the tenantRef to go on after (null: that was the last batch). */
    public record Republished(int published, String last) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long count() {
        return Tenant.count();
    }

    private TenantProfileV1 profileOf(Tenant t) {
        LocalDate today = LocalDate.now(clock);
        return new TenantProfileV1(
                t.tenantRef,
                t.complexId,
                t.neighbourhoodCode,
                ProfileBands.ageBand(t.birthYear, today),
                t.householdType,
                t.dwellingType,
                ProfileBands.tenancyBand(t.tenancyStart, today),
                t.language,
                t.householdKey);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
